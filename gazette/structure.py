"""Find a gazette issue's structure: masthead, TOC and the heads of its documents.

After ``find_structure`` the TOC region is known and parsed, every TOC entry that
matches a document head is linked to it, and the heads are in line order without
overlaps.  The TOC is the best ground truth the gazette gives: it names documents whose
body heading is cut off, and finds those printed without a document number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .artifacts import reads_as_text
from .reader import Line
from .head import Head
from .number_heads import find_number_heads
from .title_heads import CHRONICLE_TITLE, find_chronicle_heads, find_title_head, find_unnumbered_heads, title_starts
from .text import fold
from .toc import TocEntry, find_toc_start, has_pages, mark_enclosures, section_heading, toc_entry_lines
from .toc_reading import Entries, TocReading, find_back_toc
from .kinds import LineKind

TITLE_MATCH_RATIO = 0.8


@dataclass
class Structure:
    toc_index: int | None                 # the 目录 line; without one, the TOC's first line
    toc_end: int | None                   # first index after the TOC
    toc_begin: int | None = None          # the TOC's first line after its heading
    toc: list[TocEntry] = field(default_factory=list)
    toc_kinds: dict[int, str] = field(default_factory=dict)   # index → kind
    heads: list[Head] = field(default_factory=list)
    section_headings: set[int] = field(default_factory=set)   # the TOC's sections printed again in the body
    body_end: int | None = None           # where the documents end: a TOC printed last follows

    @property
    def toc_first(self) -> bool:
        return self.toc_index is not None and self.body_end is None


def find_structure(lines: list[Line]) -> Structure:
    """The issue's structure in ``lines`` as ``mark_lines`` marked them."""
    back = find_back_toc(lines)
    structure, number_heads = _with_back_toc(lines, *back) if back is not None else _with_front_toc(lines)
    body = lines[:structure.body_end] if structure.body_end is not None else lines  # (the same indexes)
    body_begin = structure.toc_end if structure.toc_first else 0
    structure.section_headings = _section_headings(body, body_begin, structure.toc)
    mark_enclosures(structure.toc)
    heads = [h for h in number_heads if h.start >= body_begin]
    _match_toc(body, heads, structure.toc)
    heads += _heads_for_unmatched(body, structure.toc, body_begin, heads)
    heads += [h for h in find_chronicle_heads(body, body_begin) if not _overlaps(h, heads)]
    if not structure.toc:  # no TOC to name the documents printed without a number
        heads += [h for h in find_unnumbered_heads(body, body_begin, heads) if not _overlaps(h, heads)]
    structure.heads = sorted(heads, key=lambda h: h.start)
    return structure


def _with_front_toc(lines: list[Line]) -> tuple[Structure, list[Head]]:
    """The TOC near the top, if any, and the heads at document numbers after it.  A TOC
    printed without a 目录 line is found where a PDF's TOC pages begin."""
    toc_index = find_toc_start(lines)
    begin = toc_index + 1 if toc_index is not None else _toc_pages_start(lines)
    if toc_index is None:
        toc_index = begin
    number_heads = find_number_heads(lines, begin or 0)
    toc = TocReading(lines, begin) if begin is not None else None   # read once, asked where it ends
    toc_end = _toc_end(lines, toc, number_heads)
    if toc_end is not None and number_heads:
        number_heads, toc_end = _without_toc_titles(lines, toc, number_heads, toc_end)
    if toc_end is not None:
        toc_end = min(toc_end, _toc_pages_end(lines, begin) or toc_end)   # no further than its pages
    structure = Structure(toc_index, toc_end, begin)
    if toc_index is not None:
        structure.toc, structure.toc_kinds = toc.entries(toc_end)
    return structure, number_heads


def _toc_pages_start(lines: list[Line], limit: int = 400) -> int | None:
    """Index of the first line of a PDF's TOC pages (``pdf_page_roles``), if any."""
    return next((index for index, line in enumerate(lines[:limit]) if _on_toc_page(line)), None)


def _toc_pages_end(lines: list[Line], begin: int) -> int | None:
    """The index after the last line of the TOC pages that ``lines[begin]`` stands on
    (page furniture between them aside); None where the source has no such pages."""
    end = None
    for index in range(begin, len(lines)):
        line = lines[index]
        if _on_toc_page(line):
            end = index + 1
        elif line.layout is None or not line.layout.furniture:
            break
    return end


def _on_toc_page(line: Line) -> bool:
    return line.layout is not None and line.layout.region == LineKind.TOC


def _with_back_toc(lines: list[Line], back: int, entries: Entries) -> tuple[Structure, list[Head]]:
    """The TOC printed last, at ``back``, with its ``entries``, and the heads at document
    numbers before it."""
    structure = Structure(back, len(lines), back + 1, body_end=back)
    structure.toc, structure.toc_kinds = entries
    return structure, find_number_heads(lines[:back], 0)


def _section_headings(lines: list[Line], begin: int, toc: list[TocEntry]) -> set[int]:
    """The TOC's section headings where the body prints them again, between documents
    (【市政府办公室文件】): they belong to no document."""
    sections = {entry.section for entry in toc if entry.section}
    if not sections:
        return set()
    return {index for index in range(begin, len(lines)) if not lines[index].blank and len(lines[index].text) < 40
            and section_heading(lines[index].plain) in sections}


def _toc_end(lines: list[Line], toc: TocReading | None, number_heads: list[Head]) -> int | None:
    """Where the TOC ends."""
    if toc is None:
        return None
    if number_heads:
        return _entries_end(lines, toc, _first_body_head(toc, number_heads).start)
    # No document numbers at all: the TOC ends where its first entry's title is printed again.
    entries, _ = toc.entries(toc.begin + 199)
    if not entries:
        return toc.begin
    after = max(entries[0].indexes) + 1
    head = find_title_head(lines, after, entries[0].title, set())
    return head.start if head else toc.begin


TOC_REACH = 600  # lines after the 目录 line in which a TOC without page numbers may end


def _first_body_head(toc: TocReading, number_heads: list[Head]) -> Head:
    """The first document's head.  A TOC without page numbers may print its entries'
    numbers on lines of their own, as documents do (（盘政发〔2024〕1号）): there the body
    begins at the first head whose number an entry above it already named."""
    for head in number_heads:
        if head.start - toc.begin >= TOC_REACH:
            break
        entries, _ = toc.entries(head.start)
        if has_pages(entries):
            break  # a TOC with page numbers: the numbers it prints make no heads
        number = head.doc_number.normalised if head.doc_number else None
        if number and any(same_number(entry.doc_number, number) for entry in entries):
            return head
    return number_heads[0]


def _without_toc_titles(lines: list[Line], toc: TocReading, number_heads: list[Head],
                        toc_end: int) -> tuple[list[Head], int]:
    """The heads, and where the TOC ends, when the first document's head took a later
    entry of a TOC without page numbers for its title (the entry stands right above the
    number of a document whose title follows its number; a page number told them apart
    before): the heads are found again from that number, the entry left to the TOC."""
    head = next((h for h in number_heads if h.start >= toc_end), None)
    if head is None or head.number_index is None or head.start >= head.number_index or head.doc_number is None \
            or head.doc_number.year is None:  # an order: its 令 heading stands above its number
        return number_heads, toc_end
    listed, _ = toc.entries(head.start)
    if not listed or has_pages(listed):
        return number_heads, toc_end
    entries, _ = toc.entries(head.number_index, paged=False)
    taken = fold(head.title_text(lines))
    took = [entry for entry in entries if not same_number(entry.doc_number, head.doc_number.normalised)
            and _one_holds_the_other(taken, fold(entry.title))]
    if not took:
        return number_heads, toc_end
    end = max(took[-1].indexes) + 1
    return find_number_heads(lines, end), end


def _one_holds_the_other(one: str, other: str) -> bool:
    return min(len(one), len(other)) >= 4 and (one in other or other in one)


def _entries_end(lines: list[Line], toc: TocReading, end: int) -> int:
    """Where a TOC that runs to ``end`` (the first document number) ends: there, unless
    text that reads as a document's follows its last entry (a document whose number was
    not recognised: its lines are not the TOC's)."""
    entries, _ = toc.entries(end)
    after = max(toc_entry_lines(entries), default=-1) + 1
    if after and any(reads_as_text(line.text) for line in lines[after:end]):
        return after
    return end


def _match_toc(lines: list[Line], heads: list[Head], toc: list[TocEntry]) -> None:
    """Link heads to TOC entries: by document number, else by title."""
    matchers = _TitleMatchers()
    for head in heads:
        number = head.doc_number.normalised if head.doc_number else None
        entry = next((e for e in toc if not e.matched and number and same_number(e.doc_number, number)), None)
        if entry is None:
            entry = _best_title_match(head, lines, toc, matchers)
        if entry:
            entry.matched = True
            head.toc_title = entry.title
            head.toc_entry = entry


def same_number(printed: str | None, found: str) -> bool:
    """The same document number; an order may be cited short (市政府令第12号 for
    大连市人民政府令第12号)."""
    if printed is None:
        return False
    if printed == found:
        return True
    order = re.compile(r"令第(\d+)号$")
    a, b = order.search(printed), order.search(found)
    return bool(a and b and a.group(1) == b.group(1))


class _TitleMatchers(dict):
    """A ``SequenceMatcher`` for each TOC entry, its folded title as the second sequence:
    made once, compared with every head's title (difflib keeps the second one's index)."""
    def of(self, entry: TocEntry) -> SequenceMatcher:
        matcher = self.get(id(entry))  # the entries outlive the matchers
        if matcher is None:
            matcher = self[id(entry)] = SequenceMatcher(None, "", fold(entry.title), autojunk=False)
        return matcher


def _best_title_match(head: Head, lines: list[Line], toc: list[TocEntry], matchers: _TitleMatchers) -> TocEntry | None:
    title = fold((head.issuer or "") + head.title_text(lines).removeprefix(head.issuer or ""))
    if len(title) < 4:
        return None
    best, best_ratio = None, TITLE_MATCH_RATIO
    for entry in toc:
        if entry.matched or (entry.doc_number and head.doc_number):
            continue
        matcher = matchers.of(entry)
        matcher.set_seq1(title)
        ratio = _title_ratio(matcher, best_ratio)
        if ratio > best_ratio:
            best, best_ratio = entry, ratio
    return best


def _title_ratio(matcher: SequenceMatcher, floor: float) -> float:
    """How alike the matcher's two folded titles are (0.95 at least if one holds the
    other); any value not above ``floor`` when it cannot be above it.  difflib's cheap
    upper bounds (``real_quick_ratio`` ≥ ``quick_ratio`` ≥ ``ratio``) skip most comparisons."""
    title, candidate = matcher.a, matcher.b
    contained = title in candidate or candidate in title
    bar = max(floor, 0.95) if contained else floor
    if matcher.real_quick_ratio() <= bar or matcher.quick_ratio() <= bar:
        return 0.95 if contained else floor
    ratio = matcher.ratio()
    return max(ratio, 0.95) if contained else ratio


def _heads_for_unmatched(lines: list[Line], toc: list[TocEntry], begin: int, heads: list[Head]) -> list[Head]:
    found = []
    taken = {i for h in heads for i in range(h.start, h.last_index + 1)}
    starts = title_starts(lines, begin) if any(not e.matched for e in toc) else {}
    for entry in toc:
        if entry.matched:
            continue
        head = find_title_head(lines, begin, entry.title, taken, starts)
        if head is None:
            continue
        entry.matched = True
        head.toc_title = entry.title
        head.toc_entry = entry
        if CHRONICLE_TITLE.match(entry.title):
            head.kind = LineKind.CHRONICLE
        taken.update(range(head.start, head.last_index + 1))
        found.append(head)
    return found


def _overlaps(head: Head, heads: list[Head]) -> bool:
    return any(other.start <= head.start <= other.last_index for other in heads)
