"""The gazette's table of contents (目录).

After ``parse_toc`` every line of the TOC region is either a section heading
(○市政府文件), part of an entry (title, document number, page) or a masthead line
printed inside the TOC (2020年第2期 …); each entry knows its lines.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import docnumber
from .masthead import ISSUE_LABEL, PUBLISHER, SERIAL
from .reader import Line
from . import rules
from .rules import LEADER, PAGE_NUMBER, ends_with_doc_type, is_organ_name
from .text import clean_line, despace, fold
from .kinds import LineKind

# An entry ends with its page number: "…的通知(盘政发〔2024〕1 号) (1)", "…通知 ..... (11)", "…通知47".
PAGE_AT_END = re.compile(rf"(?:[{LEADER}]{{2,}}|…|\s)*[(（]?\s*(?P<page>\d{{1,4}})\s*[)）]?\s*$")
TOC_HEADING = re.compile(r"(?:本期)?目[录次]")
SECTION_MARK = re.compile(r"^[○●◎■□◆◇★☆]\s*")
BRACKETED = re.compile(r"【[^【】]{2,20}】|〖[^〖〗]{2,20}〗|\[[^\[\]]{2,20}\]")   # 【市政府办公室文件】


@dataclass
class TocEntry:
    title: str
    doc_number: str | None
    doc_number_raw: str | None
    page: int | None
    section: str | None
    lines: list[int] = field(default_factory=list)
    matched: bool = False
    part_of: TocEntry | None = None  # the notice that issues or forwards this entry's text


def mark_enclosures(entries: list[TocEntry]) -> None:
    """An entry without a number that the entry before it names (……印发抚顺市优化营商环境
    行动方案的通知, then 抚顺市优化营商环境行动方案) is the text that notice issues or
    forwards, printed inside it: part of its document, not one of its own."""
    notice = None
    for entry in entries:
        title = fold(entry.title)
        if notice and not entry.doc_number and len(title) >= 4 and title in fold(notice.title):
            entry.matched, entry.part_of = True, notice
        elif re.search("印发|转发|批转", entry.title):
            notice = entry
        else:
            notice = None


def is_toc_heading(text: str) -> bool:
    """``目 录`` / ``## 目录`` / ``本期目录``."""
    return bool(TOC_HEADING.fullmatch(despace(clean_line(text)).replace(" ", "")))


def find_toc_start(lines: list[Line], limit: int = 400) -> int | None:
    """Index of the 目录 line, if one stands near the top."""
    for index, line in enumerate(lines[:limit]):
        if is_toc_heading(line.text):
            return index
    return None


def find_back_toc(lines: list[Line], reach: int = 400) -> int | None:
    """Index of the 目录 line of a TOC printed at the end of the issue, as some gazettes
    print it: no TOC before it, and after it entries (a title and its page, or a title
    alone where none prints a page), their sections and page furniture; other lines, if
    any, fewer than the entries' (a TOC at the top of a short issue has the documents
    after it)."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 1 - reach), -1):
        if is_toc_heading(lines[index].text):
            if find_toc_start(lines[:index]) is not None:
                return None
            after = lines[index + 1:]
            entries, kinds = parse_toc(after)
            listed = toc_entry_lines(entries)
            others = [line for line in after if not line.blank and line.no not in listed and kinds.get(line.no) == LineKind.TOC
                      and not _is_section(despace(clean_line(line.text)))]
            return index if listed and len(others) <= len(listed) else None
    return None


def toc_entry_lines(entries: list[TocEntry]) -> set[int]:
    """The line numbers of the entries that read as a TOC's: a title and its page (in a
    TOC without page numbers, a title), on three lines at most (``parse_toc`` takes a
    body's paragraphs for entries too)."""
    unpaged = not has_pages(entries)
    return {no for entry in entries if (unpaged or entry.page is not None) and len(entry.lines) <= 3
            for no in entry.lines}




def section_heading(text: str) -> str | None:
    """The section a decorated heading line names (``【市政府办公室文件】``, ``○市政府文件``)."""
    text = despace(clean_line(text))
    if SECTION_MARK.match(text) or BRACKETED.fullmatch(text):
        return SECTION_MARK.sub("", text).strip("【】〖〗[]")
    return None


def _is_section(text: str) -> bool:
    """A TOC section heading: ``○市政府办公室文件``, ``【市政府办公室文件】``, ``晋城市人民政府``,
    ``大事记``."""
    if section_heading(text):
        return True
    if "关于" in text or PAGE_AT_END.search(text) and text[-1].isdigit() or text.endswith(("）", ")")):
        return False
    return text.endswith("文件") or is_organ_name(text) or (len(text) <= 8 and not ends_with_doc_type(text)) \
        or text in ("大事记",)


def _is_masthead_line(text: str) -> bool:
    return bool(ISSUE_LABEL.search(text) or SERIAL.search(text)) or re.fullmatch(r"[（(][^()（）]{1,6}[)）]", text) is not None


def parse_toc(lines: list[Line], paged: bool | None = None) -> tuple[list[TocEntry], dict[int, str]]:
    """Parse TOC lines (after the 目录 heading) into entries; return the entries and the
    kind of every non-blank line (toc, toc_section, masthead).  A TOC that prints no page
    numbers (an issue's web page lists its documents so) is read entry by entry all the
    same: an entry ends with its number in parentheses, or with its title's document type
    when no number follows.  ``paged`` says which kind of TOC it is (else: read as paged
    unless no entry has a page)."""
    if paged is not None:
        return _parse_toc(lines, paged)
    entries, kinds = _parse_toc(lines, paged=True)
    if entries and not has_pages(entries):
        entries, kinds = _parse_toc(lines, paged=False)
    return entries, kinds


def has_pages(entries: list[TocEntry]) -> bool:
    return any(entry.page is not None for entry in entries)


def _parse_toc(lines: list[Line], paged: bool) -> tuple[list[TocEntry], dict[int, str]]:
    reader = _TocReader(lines, paged)
    for index, line in enumerate(lines):
        if reader.texts[index]:
            next(rule for rule in TOC_LINE_RULES if rule(reader, index, line))
    return reader.finish()


class _TocReader:
    """The entries read so far, the section they are under, and the lines of the entry
    being read."""

    def __init__(self, lines: list[Line], paged: bool):
        self.paged = paged
        self.texts = [despace(clean_line(line.text)) for line in lines]
        self.entries: list[TocEntry] = []
        self.kinds: dict[int, str] = {}
        self.section: str | None = None
        self.pending: list[Line] = []
        self.joined = ""  # the pending lines' texts

    def close(self, page: re.Match | None) -> None:
        self.entries.append(_entry(self.joined, page, self.section, [p.no for p in self.pending]))
        self.pending, self.joined = [], ""

    def finish(self) -> tuple[list[TocEntry], dict[int, str]]:
        joined = self.joined
        if self.pending and ("关于" in joined or ends_with_doc_type(joined)):  # an entry printed without page number
            self.entries.append(TocEntry(joined, None, None, None, self.section, [p.no for p in self.pending]))
        return self.entries, self.kinds


def _page_furniture(toc: _TocReader, index: int, line: Line) -> bool:
    """A page of the TOC ends, maybe inside an entry: its number or running header."""
    if line.kind != LineKind.PAGE_BREAK:
        return False
    toc.kinds[line.no] = LineKind.PAGE_NUMBER if PAGE_NUMBER.match(toc.texts[index]) else LineKind.RUNNING_HEADER
    return True


def _running_header(toc: _TocReader, index: int, line: Line) -> bool:
    """The gazette's name between entries."""
    if toc.pending or not PUBLISHER.match(toc.texts[index]):
        return False
    toc.kinds[line.no] = LineKind.RUNNING_HEADER
    return True


def _masthead(toc: _TocReader, index: int, line: Line) -> bool:
    """The issue label or serial number between entries: 2024年第1期, （总第152期）."""
    if toc.pending or not _is_masthead_line(toc.texts[index]):
        return False
    toc.kinds[line.no] = LineKind.MASTHEAD
    return True


def _section(toc: _TocReader, index: int, line: Line) -> bool:
    """A section heading between entries: the entries after it are under it."""
    text = toc.texts[index]
    if toc.pending or not _is_section(text):
        return False
    toc.section = section_heading(text) or text
    toc.kinds[line.no] = LineKind.TOC
    return True


def _entry_line(toc: _TocReader, index: int, line: Line) -> bool:
    """A line of an entry; the entry ends with its page number (a TOC with pages), or with
    its document number or document type (one without)."""
    toc.pending.append(line)
    toc.kinds[line.no] = LineKind.TOC
    toc.joined += toc.texts[index]
    joined = toc.joined
    page = PAGE_AT_END.search(joined) if toc.paged else None
    following = next((t for t in toc.texts[index + 1:] if t), "")
    if page and (joined[-1] in ")）" or joined[-1].isdigit()) and _has_title(joined[: page.start()]) \
            and _balanced(joined[: page.start()]) and not _year_cut(page, following):
        toc.close(page)
    elif not toc.paged and _ends_unpaged(joined, following):
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


def _ends_unpaged(joined: str, following: str) -> bool:
    """Whether an entry of a TOC without page numbers ends here: with its number in
    parentheses or after its title, or with its title's document type when the next line
    is no number."""
    if not _has_title(joined) or not _balanced(joined):
        return False
    found = docnumber.NUMBER_IN_PARENS.search(joined)
    if found and found.end() == len(joined) and docnumber.parse(found["number"]) or _trailing_number(joined):
        return True
    return ends_with_doc_type(joined) and not following.startswith(("(", "（")) and not docnumber.parse(following)


def _balanced(text: str) -> bool:
    """Whether every bracket opened is closed: a line wrapped inside the number
    (…的通知（大政办发〔20 / 21〕50号）……3) ends in digits that are no page number."""
    return all(text.count(opening) <= text.count(closing) for opening, closing in ("（）", "()", "〔〕", "[]"))


def _has_title(text: str) -> bool:
    return len(text) >= 4


def _trailing_number(title: str) -> tuple[str, str] | None:
    """Split ``…的意见大政发〔2021〕5号`` into the title and the number after it."""
    for cut in range(len(title) - 1, 0, -1):
        if rules.ends_with_doc_type(title[:cut]) and docnumber.parse(title[cut:]):
            return title[:cut].strip(), title[cut:].strip()
    return None


ENTRY_NUMBER = re.compile(r"^(?:\d{1,3}\s*[.．、]|[(（]\d{1,3}[)）])\s*")  # 1．盘锦市人民政府关于…: a numbered TOC


def _entry(joined: str, page: re.Match | None, section: str | None, line_numbers: list[int]) -> TocEntry:
    title = ENTRY_NUMBER.sub("", (joined[: page.start()] if page else joined).rstrip(LEADER + " "))
    number = None
    raw = None
    found = docnumber.NUMBER_IN_PARENS.search(title)
    trailing = _trailing_number(title)
    if found and docnumber.parse(found["number"]):
        raw = found["number"]
        number = docnumber.parse(raw).normalised
        title = (title[: found.start()] + title[found.end():]).strip()
    elif trailing:
        # "…的意见" / "大政发〔2021〕5号……（6）": the number printed after the title
        title, raw = trailing
        number = docnumber.parse(raw).normalised
    if title.startswith("关于") and section and is_organ_name(section):
        title = section + title
    return TocEntry(title, number, raw, int(page["page"]) if page else None, section, line_numbers)
