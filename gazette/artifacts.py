"""Lines that belong to no document: running headers, page numbers, masthead and
editorial blocks, web-page chrome, trailing slogans.  Each is counted, never dropped
silently."""
from __future__ import annotations

import re

from . import masthead as mh
from .reader import Line
from .docnumber import HAN
from .rules import PAGE_NUMBER, is_table_row
from .text import clean_line, despace, ends_sentence

NEIGHBOUR_PARAGRAPH_CHARS = 16
GAZETTE_NAME = re.compile(rf"[{HAN}]{{2,20}}?公报")
SLOGAN_MAX_CHARS = 8


def is_running_header(text: str, publisher: str | None) -> bool:
    """The gazette's name repeated on every page: ``盘锦市人民政府公报`` (possibly with the
    issue label or a page number)."""
    text = despace(clean_line(text))
    if not publisher or not text.startswith(publisher):
        return False
    rest = text[len(publisher):].strip(" ·-—|")
    return not rest or bool(mh.ISSUE_LABEL.search(rest) or re.fullmatch(r"[\d\s第页期()（）·]+", rest))


def is_page_break_line(text: str) -> bool:
    """A line a page break prints wherever it falls, even inside a document's head: a
    decorated page number (``— 19 —``) or a gazette's running header (``…公报``)."""
    text = despace(clean_line(text))
    if PAGE_NUMBER.match(text) and not text.isdigit():
        return True
    name = GAZETTE_NAME.match(text)
    return bool(name) and is_running_header(text, name.group())


def _neighbour(lines: list[Line], index: int, step: int) -> str:
    i = index + step
    while 0 <= i < len(lines) and lines[i].blank:
        i += step
    return lines[i].stripped if 0 <= i < len(lines) else ""


def is_page_number(lines: list[Line], index: int) -> bool:
    """A bare number between paragraphs (``12``, ``- 12 -``), not a cell of a table that a
    web scrape printed one cell per line."""
    text = lines[index].stripped
    if not PAGE_NUMBER.match(text):
        return False
    if not re.fullmatch(r"\d{1,4}", text):
        return True
    before, after = _neighbour(lines, index, -1), _neighbour(lines, index, 1)
    short = [n for n in (before, after) if n and len(n) < NEIGHBOUR_PARAGRAPH_CHARS]
    return not short and not is_table_row(before) and not is_table_row(after)


def trailing_slogan(lines: list[Line], start: int, end: int, known: set[int] = frozenset()) -> set[int]:
    """Short lines after a document's last sentence at the end of the file: ``传达政令``
    ``宣传政策`` ``指导工作`` and a final page number (``known`` artifacts, such as a last
    running header, passed over)."""
    found: set[int] = set()
    i = end - 1
    while i >= start:
        line = lines[i]
        if line.blank or i in known:
            i -= 1
            continue
        text = line.stripped
        if len(text) > SLOGAN_MAX_CHARS or ends_sentence(text) or is_table_row(line.text):
            break
        found.add(i)
        i -= 1
    previous = _neighbour(lines, i + 1, -1) if i >= start else ""
    non_numeric = [n for n in found if not lines[n].stripped.isdigit()]
    if len(non_numeric) >= 2 and ends_sentence(previous):
        return found
    return {n for n in found if n == max(found, default=-1) and is_page_number(lines, n)}


def preface_kind(text: str) -> str:
    """Kind of a line before the TOC or the first document."""
    if not text.strip():
        return "blank"
    if mh.is_web_meta(text):
        return "web_meta"
    if mh.is_web_chrome(text):
        return "web_chrome"
    return "masthead"
