"""The TOC's lines read into entries, each line once (``TocReading``).

Each line of the TOC is, by the first of ``TOC_LINE_RULES`` that takes it, page
furniture, a running header, a masthead line, a section's heading or a line of an entry
(title, document number, page); each entry knows its lines.  A TOC that prints no page
numbers (an issue's web page lists its documents so) is read entry by entry all the same:
an entry ends with its number in parentheses, or with its title's document type when no
number follows.

Where the TOC ends is not known while it is read: the structure stage asks what the lines
from its start to this line or that give (a TOC runs to the first document's head, and one
without page numbers may end before it).  A ``TocReading`` reads each line once, noting
what it had read before each line, and answers for any end as reading those lines alone
would: only the last line, which alone has no line after it, is read again.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import islice

from .kinds import LineKind
from .masthead import PUBLISHER
from .reader import Line
from .rules import PAGE_NUMBER, ends_with_doc_type
from .toc import (PAGE_AT_END, TocEntry, balanced, ends_unpaged, make_entry, has_title, is_masthead_line,
                  is_section, find_toc_start, has_pages, is_toc_heading, section_heading,
                  toc_entry_lines)

Entries = tuple[list[TocEntry], dict[int, str]]   # the entries, and each line's kind by its index


class TocReading:
    """The TOC whose lines begin at ``lines[begin]``, read as far as it has been asked."""

    def __init__(self, lines: list[Line], begin: int):
        self.lines, self.begin = lines, begin
        self._runs: dict[bool, _Run] = {}

    def entries(self, end: int | None = None, paged: bool | None = None) -> Entries:
        """What ``lines[begin:end]`` read alone give.  ``paged`` says which kind of TOC it
        is (else: read as paged unless no entry has a page)."""
        count = max(0, min(len(self.lines) if end is None else end, len(self.lines)) - self.begin)
        if paged is not None:
            return self._run(paged).upto(count)
        entries, kinds = self._run(True).upto(count)
        if entries and not has_pages(entries):
            return self._run(False).upto(count)
        return entries, kinds

    def text(self, index: int) -> str:
        """The plain text of the TOC's line ``index`` (counted from ``begin``)."""
        return self.lines[self.begin + index].plain

    def following(self, index: int, bound: int) -> str:
        """The text of the first line with text after ``index`` and before ``bound``."""
        return next((t for t in map(self.text, range(index + 1, bound)) if t), "")

    def _run(self, paged: bool) -> _Run:
        if paged not in self._runs:
            self._runs[paged] = _Run(self, paged)
        return self._runs[paged]


def parse_toc(lines: list[Line], paged: bool | None = None) -> Entries:
    """The entries of the TOC lines ``lines`` (after its 目录 line), and each line's kind."""
    return TocReading(lines, 0).entries(paged=paged)


class _Run:
    """One reading of the TOC's lines in order, with what it held before each line with text."""

    def __init__(self, reading: TocReading, paged: bool):
        self.reading = reading
        self.reader = _TocReader(reading, paged, len(reading.lines) - reading.begin)
        self.done = 0
        self.before: dict[int, tuple] = {}

    def upto(self, count: int) -> Entries:
        """What the first ``count`` lines alone give: this run's reading before the last of
        them with text, that line read again with none after it, and the entry it leaves
        open closed."""
        last = next((i for i in range(count - 1, -1, -1) if self.reading.text(i)), None)
        if last is None:
            return [], {}
        self._read_before(last)
        reader = self.reader.restored(self.before[last], count)
        reader.read(last)
        return reader.finish()

    def _read_before(self, last: int) -> None:
        while self.done <= last:
            if self.reading.text(self.done):
                self.before.setdefault(self.done, self.reader.state())
                if self.done == last:
                    return
                self.reader.read(self.done)
            self.done += 1


class _TocReader:
    """The entries read so far, the section they are under, and the lines of the entry
    being read; ``bound``: where the lines it reads end."""

    def __init__(self, reading: TocReading, paged: bool, bound: int):
        self.reading, self.paged, self.bound = reading, paged, bound
        self.entries: list[TocEntry] = []
        self.kinds: dict[int, str] = {}
        self.section: str | None = None
        self.pending: list[int] = []   # the indexes of the entry's lines read so far
        self.joined = ""  # the pending lines' texts

    def read(self, index: int) -> None:
        line = self.reading.lines[self.reading.begin + index]
        next(rule for rule in TOC_LINE_RULES if rule(self, index, line))

    def mark(self, index: int, kind: str) -> None:
        self.kinds[self.reading.begin + index] = kind

    def text(self, index: int) -> str:
        return self.reading.text(index)

    def following(self, index: int) -> str:
        return self.reading.following(index, self.bound)

    def state(self) -> tuple:
        """What it has read: entries and kinds only grow, so their counts say which."""
        return len(self.entries), len(self.kinds), self.section, tuple(self.pending), self.joined

    def restored(self, state: tuple, bound: int) -> _TocReader:
        """A reader as this one was at ``state``, its lines ending at ``bound``."""
        entries, kinds, section, pending, joined = state
        copy = _TocReader(self.reading, self.paged, bound)
        copy.entries = [replace(entry) for entry in self.entries[:entries]]   # the caller may mark them matched
        copy.kinds = dict(islice(self.kinds.items(), kinds))
        copy.section, copy.pending, copy.joined = section, list(pending), joined
        return copy

    def close(self, page) -> None:
        self.entries.append(make_entry(self.joined, page, self.section, list(self.pending)))
        self.pending, self.joined = [], ""

    def finish(self) -> Entries:
        joined = self.joined
        if self.pending and ("关于" in joined or ends_with_doc_type(joined)):  # an entry printed without page number
            self.entries.append(TocEntry(joined, None, None, None, self.section, list(self.pending)))
        return self.entries, self.kinds


def _page_furniture(toc: _TocReader, index: int, line: Line) -> bool:
    """A page of the TOC ends, maybe inside an entry: its number or running header."""
    if line.kind != LineKind.PAGE_BREAK:
        return False
    toc.mark(index, LineKind.PAGE_NUMBER if PAGE_NUMBER.match(toc.text(index)) else LineKind.RUNNING_HEADER)
    return True


def _running_header(toc: _TocReader, index: int, line: Line) -> bool:
    """The gazette's name between entries."""
    if toc.pending or not PUBLISHER.match(toc.text(index)):
        return False
    toc.mark(index, LineKind.RUNNING_HEADER)
    return True


def _masthead(toc: _TocReader, index: int, line: Line) -> bool:
    """The issue label or serial number between entries: 2024年第1期, （总第152期）."""
    if toc.pending or not is_masthead_line(toc.text(index)):
        return False
    toc.mark(index, LineKind.MASTHEAD)
    return True


def _section(toc: _TocReader, index: int, line: Line) -> bool:
    """A section heading between entries: the entries after it are under it."""
    text = toc.text(index)
    if toc.pending or not is_section(text):
        return False
    toc.section = section_heading(text) or text
    toc.mark(index, LineKind.TOC)
    return True


def _entry_line(toc: _TocReader, index: int, line: Line) -> bool:
    """A line of an entry; the entry ends with its page number (a TOC with pages), or with
    its document number or document type (one without)."""
    toc.pending.append(toc.reading.begin + index)
    toc.mark(index, LineKind.TOC)
    toc.joined += toc.text(index)
    joined = toc.joined
    page = PAGE_AT_END.search(joined) if toc.paged else None
    following = toc.following(index)
    if page and (joined[-1] in ")）" or joined[-1].isdigit()) and has_title(joined[: page.start()]) \
            and balanced(joined[: page.start()]) and not _year_cut(page, following):
        toc.close(page)
    elif not toc.paged and ends_unpaged(joined, following):
        toc.close(None)
    return True


def _year_cut(page: re.Match, following: str) -> bool:
    """The "page" is a year the line break cut from its 年 (…印发2020 / 年智慧停车…)."""
    return len(page["page"]) == 4 and page["page"][:2] in ("19", "20") and following.startswith("年")


# A TOC's lines, each to the first rule that takes it.
TOC_LINE_RULES: tuple[Callable[[_TocReader, int, Line], bool], ...] = (
    _page_furniture,
    _running_header,
    _masthead,
    _section,
    _entry_line,
)


def find_back_toc(lines: list[Line], reach: int = 400) -> tuple[int, Entries] | None:
    """The index of the 目录 line of a TOC printed at the end of the issue, as some
    gazettes print it, and what the lines after it give: no TOC before it, and after it
    entries (a title and its page, or a title alone where none prints a page), their
    sections and page furniture; other lines, if any, fewer than the entries' (a TOC at
    the top of a short issue has the documents after it)."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 1 - reach), -1):
        if is_toc_heading(lines[index].plain):
            if find_toc_start(lines[:index]) is not None:
                return None
            entries, kinds = TocReading(lines, index + 1).entries()
            listed = toc_entry_lines(entries)
            others = [i for i in range(index + 1, len(lines)) if not lines[i].blank and i not in listed
                      and kinds.get(i) == LineKind.TOC and not is_section(lines[i].plain)]
            return (index, (entries, kinds)) if listed and len(others) <= len(listed) else None
    return None
