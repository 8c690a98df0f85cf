"""The converter's stages pass values on and never change what an earlier stage returned:
the reader's lines keep the kinds they were read with, whatever later stages find."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCES
from gazette.formats import read_any
from gazette.kinds import LineKind
from gazette.mark_lines import mark_lines
from gazette.pipeline import Conversion, convert_lines
from gazette.reader import Line
from gazette.text import clean_line as CLEAN

WEB = Path(__file__).parent / "fixtures" / "web"
FILES = sorted(SOURCES.rglob("*.txt")) + sorted(WEB.glob("*.html"))


def test_marking_gives_new_lines_and_leaves_the_readers_as_they_were():
    read = [Line(1, "某市人民政府关于某事的通知"), Line(2, "发布时间：2024-04-10　来源：市政府办公室"),
            Line(3, "— 12 —"), Line(4, "经研究，现将有关事项通知如下。")]
    marked = mark_lines(read)
    assert [line.kind for line in marked.lines] == [LineKind.UNCLASSIFIED, LineKind.WEB_META, LineKind.PAGE_BREAK,
                                                   LineKind.UNCLASSIFIED]
    assert [line.kind for line in read] == [LineKind.UNCLASSIFIED] * 4
    assert marked.lines[0] is read[0] and marked.lines[1] is not read[1]   # a line is copied only to be marked


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_converting_leaves_the_lines_as_read(path):
    lines, _, _ = read_any(path, path.name)
    before = [(line.no, line.text, line.kind, line.layout) for line in lines]
    conversion = Conversion(path.name)
    convert_lines(lines, conversion)
    assert conversion.documents
    assert [(line.no, line.text, line.kind, line.layout) for line in lines] == before


@pytest.mark.parametrize("path", sorted(SOURCES.rglob("*.txt")), ids=lambda path: path.name)
def test_each_line_is_cleaned_when_read_and_no_pass_over_the_lines_cleans_it_again(path, monkeypatch):
    """A line's clean and plain text are made once, when it is read (``Line.clean``,
    ``Line.plain``); the stages' passes over an issue's lines read them there.  What is
    left: a rule asked of a few candidate lines (a title's note, a red header) still cleans
    the text it is given (in a web page of one short document, that is most of its lines)."""
    import sys
    from collections import Counter

    texts = {text for line in read_any(path, path.name)[0] for text in (line.text, line.stripped)}
    by = Counter()

    def counted(raw: str) -> str:
        if raw in texts:
            by[sys._getframe(1).f_code.co_name] += 1
        return CLEAN(raw)
    for name, module in list(sys.modules.items()):
        if name.startswith("gazette") and getattr(module, "clean_line", None) is CLEAN:
            monkeypatch.setattr(module, "clean_line", counted)
    lines, _, _ = read_any(path, path.name)
    convert_lines(lines, Conversion(path.name))
    # each line with text, as it is read (and any line made later); a blank one needs none
    assert by.pop("__post_init__") >= sum(not line.blank for line in lines)
    assert {caller: n for caller, n in by.items() if n > len(lines) / 10} == {}
