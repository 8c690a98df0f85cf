"""The gazette's table of contents (目录): its heading, its sections and its entries, as
``toc_reading`` reads them (a section heading ○市政府文件, an entry's title, document
number and page, a masthead line printed inside the TOC: 2020年第2期 …).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import docnumber
from .masthead import ISSUE_LABEL, SERIAL
from .reader import Line
from . import rules
from .rules import LEADER, ends_with_doc_type, is_organ_name
from .text import fold

# An entry ends with its page number: "…的通知(盘政发〔2024〕1 号) (1)", "…通知 ..... (11)", "…通知47".
PAGE_AT_END = re.compile(rf"(?:[{LEADER}]{{2,}}|…|\s)*[(（]?\s*(?P<page>\d{{1,4}})\s*[)）]?\s*$")
TOC_HEADING = re.compile(r"(?:本期)?(?:目[录次]|要目)")   # 目录, 本期目录, 本期要目
SECTION_MARK = re.compile(r"^[○●◎■□◆◇★☆]\s*")
BRACKETED = re.compile(r"【[^【】]{2,20}】|〖[^〖〗]{2,20}〗|\[[^\[\]]{2,20}\]")   # 【市政府办公室文件】


@dataclass
class TocEntry:
    title: str
    doc_number: str | None
    doc_number_raw: str | None
    page: int | None
    section: str | None
    indexes: list[int] = field(default_factory=list)   # its lines, as indexes into the file's lines
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
    """``目 录`` / ``## 目录`` / ``本期目录`` / ``本期要目``; ``text``: a line's ``plain`` text."""
    return bool(TOC_HEADING.fullmatch(text.replace(" ", "")))


def find_toc_start(lines: list[Line], limit: int = 400) -> int | None:
    """Index of the 目录 line, if one stands near the top."""
    for index, line in enumerate(lines[:limit]):
        if is_toc_heading(line.plain):
            return index
    return None


def toc_entry_lines(entries: list[TocEntry]) -> set[int]:
    """The line numbers of the entries that read as a TOC's: a title and its page (in a
    TOC without page numbers, a title), on three lines at most (``parse_toc`` takes a
    body's paragraphs for entries too)."""
    unpaged = not has_pages(entries)
    return {index for entry in entries if (unpaged or entry.page is not None) and len(entry.indexes) <= 3
            for index in entry.indexes}




def section_heading(text: str) -> str | None:
    """The section a decorated heading line names (``【市政府办公室文件】``, ``○市政府文件``);
    ``text``: a line's ``plain`` text."""
    if SECTION_MARK.match(text) or BRACKETED.fullmatch(text):
        return SECTION_MARK.sub("", text).strip("【】〖〗[]")
    return None


def is_section(text: str) -> bool:
    """A TOC section heading: ``○市政府办公室文件``, ``【市政府办公室文件】``, ``晋城市人民政府``,
    ``大事记``."""
    if section_heading(text):
        return True
    if "关于" in text or text[-1:].isdigit() and PAGE_AT_END.search(text) or text.endswith(("）", ")")):
        return False
    return text.endswith("文件") or is_organ_name(text) or (len(text) <= 8 and not ends_with_doc_type(text)) \
        or text in ("大事记",)


def is_masthead_line(text: str) -> bool:
    return bool(ISSUE_LABEL.search(text) or SERIAL.search(text)) or re.fullmatch(r"[（(][^()（）]{1,6}[)）]", text) is not None


def has_pages(entries: list[TocEntry]) -> bool:
    return any(entry.page is not None for entry in entries)


def ends_unpaged(joined: str, following: str) -> bool:
    """Whether an entry of a TOC without page numbers ends here: with its number in
    parentheses or after its title, or with its title's document type when the next line
    is no number."""
    if not has_title(joined) or not balanced(joined):
        return False
    found = docnumber.NUMBER_IN_PARENS.search(joined)
    if found and found.end() == len(joined) and docnumber.parse(found["number"]) or _trailing_number(joined):
        return True
    return ends_with_doc_type(joined) and not following.startswith(("(", "（")) and not docnumber.parse(following)


def balanced(text: str) -> bool:
    """Whether every bracket opened is closed: a line wrapped inside the number
    (…的通知（大政办发〔20 / 21〕50号）……3) ends in digits that are no page number."""
    return all(text.count(opening) <= text.count(closing) for opening, closing in ("（）", "()", "〔〕", "[]"))


def has_title(text: str) -> bool:
    return len(text) >= 4


def _trailing_number(title: str) -> tuple[str, str] | None:
    """Split ``…的意见大政发〔2021〕5号`` into the title and the number after it."""
    for cut in range(len(title) - 1, 0, -1):   # parse first: it refuses a text not ending with 号 at once
        if docnumber.parse(title[cut:]) and rules.ends_with_doc_type(title[:cut]):
            return title[:cut].strip(), title[cut:].strip()
    return None


ENTRY_NUMBER = re.compile(r"^(?:\d{1,3}\s*[.．、]|[(（]\d{1,3}[)）])\s*")  # 1．盘锦市人民政府关于…: a numbered TOC


def make_entry(joined: str, page: re.Match | None, section: str | None, indexes: list[int]) -> TocEntry:
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
    return TocEntry(title, number, raw, int(page["page"]) if page else None, section, indexes)
