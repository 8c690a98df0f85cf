"""Lines that belong to no document: running headers, page numbers, masthead and
editorial blocks, web-page chrome, trailing slogans.  Each is counted, never dropped
silently."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from . import masthead as mh, webheader
from .reader import Line
from .docnumber import HAN
from .rules import PAGE_NUMBER, is_addressee_line, is_table_row
from .text import clean_line, despace, ends_sentence
from .kinds import LineKind

NEIGHBOUR_PARAGRAPH_CHARS = 16
GAZETTE_NAME = re.compile(rf"[{HAN}]{{2,20}}?{mh.GAZETTE}")
SLOGAN_MAX_CHARS = 8
LEADING_PAGE_NUMBER = re.compile(r"[-－—·•～~]?\s*\d{1,4}\s*[-－—·•～~]?\s*(?=\D)")  # ·12· 盘锦市人民政府公报


def is_running_header(text: str, publisher: str | None) -> bool:
    """The gazette's name repeated on every page: ``盘锦市人民政府公报``, with the issue
    label or the page's number on either side or both (``2024年第1期  盘锦市人民政府公报``,
    as a left-hand page prints it; ``2024年第1期  盘锦市人民政府公报  5``).  ``text``: a
    line's ``plain`` text."""
    if not publisher or publisher not in text:
        return False
    before, _, after = text.partition(publisher)
    return _page_furniture(before) and _page_furniture(after)


def _page_furniture(text: str) -> bool:
    """What a running header prints beside the gazette's name: nothing, the issue label,
    or the page's number."""
    text = text.strip(" ·-—|\u3000")
    return not text or bool(mh.ISSUE_LABEL.search(text) or mh.CHINESE_LABEL.search(text)
                            or re.fullmatch(r"[\d\s第页期()（）·]+", text))


BARE_PAGE_NUMBER = re.compile(r"\d{1,4}")
ANY_DIGIT = re.compile(r"\d")


def is_page_break_line(line: Line) -> bool:
    """A line a page break prints wherever it falls, even inside a document's head: a
    decorated page number (``— 19 —``) or a gazette's running header (``…公报``)."""
    text = line.text
    if line.blank or len(text) > 80 or "报" not in text and not ANY_DIGIT.search(text):  # most lines: quickly (公报, 政报, 公 报)
        return False
    text = line.plain
    if PAGE_NUMBER.match(text) and not text.isdigit():
        return True
    if "报" not in text:
        return False   # what follows finds a gazette's name (公报, 政报): a line with a digit and no name
    # a left-hand page: the label or the page's number, then the name
    before = mh.ISSUE_LABEL.match(text) or mh.CHINESE_LABEL.match(text) or LEADING_PAGE_NUMBER.match(text)
    name = GAZETTE_NAME.match(text) or (GAZETTE_NAME.search(text, before.end()) if before else None)
    return bool(name) and is_running_header(text, name.group())


def page_break_lines(lines: list[Line]) -> set[int]:
    """The indexes of the lines a page break prints, for the stages that read a title or a
    TOC entry across one (``mark_lines`` marks them): page-break lines, and the bare page
    numbers printed next to running headers (``12`` above ``盘锦市人民政府公报``) — those
    that run in sequence with the others, for a bare number alone may be a table's cell."""
    headers = [i for i, line in enumerate(lines) if is_page_break_line(line)]
    found = set(headers)
    before, after = [], []  # bare numbers just above and just below a running header
    for index in headers:
        near = [_nearest_text(lines, index, step) for step in (-1, 1)]
        if _prints_page_number(lines[index].text) or any(n in found for n in near if n is not None):
            continue  # the page's number is printed already (— 12 —, 盘锦市人民政府公报 2024年第1期 ·12·)
        for n, side in zip(near, (before, after)):
            if n is not None and BARE_PAGE_NUMBER.fullmatch(lines[n].stripped):
                side.append(n)
    # a gazette prints its page numbers on one side of the header: the side in sequence
    return found | set(max(_in_sequence(lines, before), _in_sequence(lines, after), key=len))


def _prints_page_number(text: str) -> bool:
    """A page-break line that holds the page's number: a digit besides the issue label's."""
    text = despace(clean_line(text))
    for label in (mh.ISSUE_LABEL, mh.CHINESE_LABEL, mh.SERIAL):
        text = label.sub("", text)
    return bool(ANY_DIGIT.search(text))


def _in_sequence(lines: list[Line], candidates: list[int]) -> list[int]:
    """The candidates whose number follows or precedes a nearby candidate's as page numbers
    do (1 to 3 pages a step)."""
    values = [int(lines[i].stripped) for i in candidates]

    def steps(k: int, j: int) -> bool:
        gap = (values[j] - values[k]) * (1 if j > k else -1)
        return 1 <= gap <= 3 * abs(j - k)
    return [candidates[k] for k in range(len(candidates))
            if any(steps(k, j) for j in (k - 2, k - 1, k + 1, k + 2) if 0 <= j < len(candidates))]


def _nearest_text(lines: list[Line], index: int, step: int) -> int | None:
    i = index + step
    while 0 <= i < len(lines) and lines[i].blank:
        i += step
    return i if 0 <= i < len(lines) else None


def _neighbour(lines: list[Line], index: int, step: int) -> str:
    """The nearest line of text, a page's header or footer passed over."""
    near = _nearest_text(lines, index, step)
    while near is not None and lines[near].kind == LineKind.PAGE_BREAK:
        near = _nearest_text(lines, near, step)
    return lines[near].stripped if near is not None else ""


def is_page_number(lines: list[Line], index: int) -> bool:
    """A bare number between paragraphs (``12``, ``- 12 -``), not a cell of a table that a
    web scrape printed one cell per line."""
    text = lines[index].stripped
    if lines[index].kind == LineKind.PAGE_BREAK:
        return bool(PAGE_NUMBER.match(text))
    if not PAGE_NUMBER.match(text):
        return False
    if not BARE_PAGE_NUMBER.fullmatch(text):
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


def reads_as_text(text: str) -> bool:
    """A line of a document's text, not of a masthead: addressees (not a label such as
    主办单位:), or a sentence."""
    cleaned = clean_line(text)
    return is_addressee_line(cleaned) and len(cleaned) >= 7 or len(cleaned) >= 20 and ends_sentence(cleaned)


def preface_kind(text: str) -> str:
    """Kind of a line before the TOC or the first document."""
    if not text.strip():
        return LineKind.BLANK
    if webheader.is_chrome(text):
        return LineKind.WEB_CHROME
    return LineKind.MASTHEAD


def artifact_kinds(lines: list[Line], start: int, end: int, publisher: str | None) -> dict[int, str]:
    """The lines from ``start`` to ``end`` that are none of a document's text, each with the
    kind the first of ``ARTIFACT_RULES`` that names it gives.  Each rule reads the whole
    span in one pass (a call for every line and rule cost more than the rules' tests)."""
    kinds: dict[int, str] = {}
    with_text = [i for i in range(start, end) if not lines[i].blank]   # what every rule but the first reads
    for rule in ARTIFACT_RULES:
        for index, kind in rule(lines, range(start, end) if rule is _marked_earlier else with_text, publisher):
            kinds.setdefault(index, kind)
    return kinds


Named = Iterator[tuple[int, str]]   # a rule's finds: the lines it names, with their kind


# read once: on CPython 3.11 each read of an Enum's member goes through its metaclass's
# __getattr__ hook (73 against 16 ns), and this rule asks it of every line
_EARLIER_KINDS = (LineKind.WEB_META, LineKind.SECTION_HEADING)


def _marked_earlier(lines: list[Line], span: Sequence[int], publisher: str | None) -> Named:
    """A web page's header below the title, or a TOC section's heading printed again."""
    return ((i, lines[i].kind) for i in span if lines[i].kind in _EARLIER_KINDS)


def _running_header(lines: list[Line], span: Sequence[int], publisher: str | None) -> Named:
    if not publisher:
        return iter(())
    return ((i, LineKind.RUNNING_HEADER) for i in span
            if publisher in lines[i].plain and is_running_header(lines[i].plain, publisher))


def _page_number(lines: list[Line], span: Sequence[int], publisher: str | None) -> Named:
    return ((i, LineKind.PAGE_NUMBER) for i in span if PAGE_NUMBER.match(lines[i].stripped) and is_page_number(lines, i))


# 内部资料　免费交流, 内部资料，注意保存: what a gazette not for sale prints on its pages
FREE_COPY_NOTICE = re.compile(r"^[（(]?内部资料[，,、\s]*(?:免费交流|注意保存|免费赠阅)[)）]?$")


def _free_copy_notice(lines: list[Line], span: Sequence[int], publisher: str | None) -> Named:
    return ((i, LineKind.RUNNING_HEADER) for i in span if FREE_COPY_NOTICE.match(lines[i].stripped))


def _web_chrome(lines: list[Line], span: Sequence[int], publisher: str | None) -> Named:
    """【字体：大 中 小】 打印本页, under a web page's title."""
    return ((i, LineKind.WEB_CHROME) for i in span if webheader.is_chrome(lines[i].text))


# The order of precedence, top to bottom: the first rule that names a line decides its kind.
ARTIFACT_RULES: tuple[Callable[[list[Line], Sequence[int], str | None], Named], ...] = (
    _marked_earlier,
    _running_header,
    _page_number,
    _free_copy_notice,
    _web_chrome,
)
