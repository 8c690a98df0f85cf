"""A TOC is read once (``toc_reading.TocReading``): asked what its lines up to any line
give, it answers as reading those lines alone would, reading each line once (and the
last line asked about again)."""
from __future__ import annotations

import random

import pytest

from conftest import SOURCES
from gazette import toc_reading
from gazette.formats import read_any
from gazette.mark_lines import mark_lines
from gazette.toc import find_toc_start
from gazette.toc_reading import TocReading

REACH = 120
WITH_TOC = sorted(SOURCES.rglob("*.txt")) + sorted((SOURCES.parent / "tests" / "fixtures").glob("*toc*.txt"))


def _toc_lines(path):
    lines = mark_lines(read_any(path, path.name)[0]).lines
    start = find_toc_start(lines)
    assert start is not None, path
    return lines, start + 1


def _plain(entries_and_kinds):
    entries, kinds = entries_and_kinds
    return [(e.title, e.doc_number, e.page, e.section, e.indexes) for e in entries], kinds


@pytest.mark.parametrize("path", WITH_TOC, ids=lambda path: path.name)
@pytest.mark.parametrize("paged", [None, True, False])
def test_asked_at_any_end_in_any_order_it_answers_as_a_reading_of_those_lines_alone(path, paged):
    lines, begin = _toc_lines(path)
    ends = list(range(begin, min(len(lines), begin + REACH)))
    random.Random(len(lines)).shuffle(ends)
    reading = TocReading(lines, begin)
    for end in ends:
        alone = TocReading(lines[:end], begin).entries(paged=paged)   # a fresh reading that has no line past end
        assert _plain(reading.entries(end, paged)) == _plain(alone), end


def test_each_line_is_read_once_however_often_it_is_asked(monkeypatch):
    lines, begin = _toc_lines(sorted(SOURCES.rglob("*.txt"))[0])
    read = []

    def counted(rule):
        def rule_read(toc, index, line):
            read.append(index)
            return rule(toc, index, line)
        return rule_read
    first, *others = toc_reading.TOC_LINE_RULES   # the first rule is tried on every line read
    monkeypatch.setattr(toc_reading, "TOC_LINE_RULES", (counted(first), *others))
    reading, asked = TocReading(lines, begin), list(range(begin + 1, begin + REACH, 7))
    for end in asked:
        reading.entries(end, paged=True)
    with_text = {index for index in range(REACH) if reading.text(index)}
    assert len(set(read)) <= len(with_text)
    assert len(read) <= len(set(read)) + len(asked)   # the last line of each answer read again, no more
