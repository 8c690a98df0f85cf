"""The gazette's masthead and a web page's metadata header.

After ``read_masthead`` we know, where the text prints them, the publisher
(盘锦市人民政府公报), the issue label (2024年第1—2月号), the serial number (总第149期),
the year and the issue date.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .docnumber import HAN
from .reader import Line
from .rules import CN_DIGIT_CHARS, cn_number, parse_date
from .text import clean_line, despace
from .kinds import LineKind

GAZETTE = "(?:公报|政报)"  # 盘锦市人民政府公报; many cities print 政报: 大连政报
PUBLISHER = re.compile(rf"^(?P<name>[{HAN}]{{2,20}}{GAZETTE})$")
NAME_THEN_LABEL = re.compile(rf"^(?P<name>[{HAN}]{{2,20}}{GAZETTE})(?=\d{{4}}年|[{CN_DIGIT_CHARS}]{{4}}年)")  # …公报2024年第1期
ISSUE_LABEL = re.compile(
    r"""
    (?P<year>(?:19|20)\d{2})\s*年?\s*(?:\d{1,2}\s*月\s*)?     # 2024 年 (3月)
    第\s*(?P<number>\d{1,2}(?:\s*[—\-–~至、]\s*\d{1,2})?)\s*  # 第 1—2 / 第5
    (?P<unit>月号|期|号)                                      # 月号 / 期 / 号
    """,
    re.VERBOSE,
)
PERIODICITY = re.compile(r"[（(](?:半月刊|月刊|双月刊|季刊|旬刊|周刊|年刊)[)）]")
SERIAL = re.compile(r"总\s*第\s*(?P<serial>\d{1,5})\s*期")                 # 总第 149 期
PUBLICATION_MONTH = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月$")  # 2024 年 3 月
BARE_LABEL = re.compile(r"第\s*\d{1,2}\s*期")
YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}$")
# 二〇二一年第三期: the label in Chinese numerals
CHINESE_LABEL = re.compile(rf"(?P<year>[{CN_DIGIT_CHARS}]{{4}})\s*年\s*第\s*(?P<number>[一二三四五六七八九十]{{1,3}})\s*(?P<unit>期|号)")


@dataclass
class Masthead:
    publisher: str | None = None
    issue_label: str | None = None
    issue_number: int | None = None
    year: int | None = None
    issue_date: str | None = None
    lines: dict = field(default_factory=dict)  # line number → what it gave


def read_masthead(lines: list[Line], limit: int, web: dict[str, str]) -> Masthead:
    """Look for masthead facts in ``lines[:limit]`` (the part before the first document)
    and in a web page's header fields ``web`` (a gazette issue's page names it there)."""
    head = Masthead()
    if web.get("发布日期"):
        head.issue_date = parse_date(web["发布日期"])
    if web.get("信息名称"):
        _read_publisher(head, web["信息名称"], 0)
        _read_issue(head, web["信息名称"], 0)
    for line in lines[:limit]:
        text = line.plain
        if not text or line.kind == LineKind.WEB_META:
            continue
        _read_publisher(head, text, line.no)
        _read_issue(head, text, line.no)
    return head


def reads_as_masthead(text: str) -> bool:
    """A line that prints one of the masthead's facts: the gazette's name, the issue's label
    or number, the month or the date it was published."""
    head = Masthead()
    text = despace(clean_line(text))
    _read_publisher(head, text, 0)
    _read_issue(head, text, 0)
    return bool(head.lines) or head.issue_number is not None or head.issue_date is not None


def _read_publisher(head: Masthead, text: str, no: int) -> None:
    text = PERIODICITY.sub("", text).replace("《", "").replace("》", "")  # 《大连市人民政府公报》（月刊）
    match = PUBLISHER.match(text) or NAME_THEN_LABEL.match(text)
    if match and head.publisher is None:
        head.publisher = match["name"]
        head.lines[no] = "publisher"


def _read_issue(head: Masthead, text: str, no: int) -> None:
    """The issue's fields a masthead line prints, each read by the rules of ``ISSUE_READERS``
    in turn (a label in Chinese numerals read as digits first)."""
    chinese = CHINESE_LABEL.search(text)
    if chinese:
        text = f"{cn_number(chinese['year'])}年第{cn_number(chinese['number'])}{chinese['unit']}"
    for reader in ISSUE_READERS:
        reader(head, text, no)


def _issue_label(head: Masthead, text: str, no: int) -> None:
    """2024年第1期, 2024年第5—6月号; or 第4期 with the year apart or in a date."""
    if head.issue_label is not None:
        return
    label = ISSUE_LABEL.search(text)
    if label:
        number = re.sub(r"\s", "", label["number"]).replace("-", "—").replace("–", "—")
        head.issue_label = f"{label['year']}年第{number}{label['unit']}"
        head.year = int(label["year"])
        head.lines[no] = "issue_label"
    elif (bare := BARE_LABEL.search(text)) and (bare.start() == 0 or parse_date(text)):
        head.issue_label = re.sub(r"\s", "", bare.group())  # the year printed apart, or in a date: 2021年4月30日 第4期
        head.lines[no] = "issue_label"
        if head.issue_date is None and bare.start():
            head.issue_date = parse_date(text)


def _serial(head: Masthead, text: str, no: int) -> None:
    """（总第152期）: the issue's number."""
    serial = SERIAL.search(text)
    if serial and head.issue_number is None:
        head.issue_number = int(serial["serial"])


def _publication_month(head: Masthead, text: str, no: int) -> None:
    month = PUBLICATION_MONTH.match(text)
    if month and head.issue_date is None:
        head.issue_date = f"{int(month['year']):04d}-{int(month['month']):02d}-01"
        head.lines[no] = "issue_date"


def _year_or_date(head: Masthead, text: str, no: int) -> None:
    """A year on its own line, or the date it was published: 2021年3月15日出版, 出版日期：…"""
    if YEAR_ONLY.match(text) and head.year is None:
        head.year = int(text)
    elif head.issue_date is None and ("出版" in text or text.startswith(("发布日期", "发布时间"))):
        head.issue_date = parse_date(text)


# Each masthead line is read by every one of these, in this order (a field read stays).
ISSUE_READERS: tuple[Callable[[Masthead, str, int], None], ...] = (_issue_label, _serial, _publication_month, _year_or_date)


def finish(head: Masthead) -> Masthead:
    """Complete an issue label printed in two pieces (``2020`` or ``2020年3月15日出版``
    apart from ``第2期``)."""
    if head.year is None and head.issue_date:
        head.year = int(head.issue_date[:4])
    if head.issue_label and head.issue_label.startswith("第") and head.year:
        head.issue_label = f"{head.year}年{head.issue_label}"
    return head
