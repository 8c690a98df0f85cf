"""The gazette's masthead and a web page's metadata header.

After ``read_masthead`` we know, where the text prints them, the publisher
(盘锦市人民政府公报), the issue label (2024年第1—2月号), the serial number (总第149期),
the year and the issue date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .docnumber import HAN
from .reader import Line
from .rules import parse_date
from .text import clean_line, despace

PUBLISHER = re.compile(rf"^(?P<name>[{HAN}]{{2,20}}公报)$")              # 盘锦市人民政府公报
ISSUE_LABEL = re.compile(
    r"""
    (?P<year>(?:19|20)\d{2})\s*年?\s*                        # 2024 年
    第\s*(?P<number>\d{1,2}(?:\s*[—\-–~至、]\s*\d{1,2})?)\s*  # 第 1—2 / 第5
    (?P<unit>月号|期|号)                                      # 月号 / 期 / 号
    """,
    re.VERBOSE,
)
SERIAL = re.compile(r"总\s*第\s*(?P<serial>\d{1,5})\s*期")                 # 总第 149 期
PUBLICATION_MONTH = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月$")  # 2024 年 3 月
YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}$")

# Keys of a government web page's metadata header (索引号: … 发布机构: …).
WEB_KEYS = ("索引号", "发布机构", "发文机关", "信息名称", "标题", "名称", "主题分类", "发布日期",
            "成文日期", "废止日期", "生效日期", "发文字号", "文号", "关键词", "有效性", "效力状态",
            "发布时间", "来源", "公文种类", "文种", "信息来源", "时效性", "施行日期", "发文日期",
            "发布部门", "制定机关", "效力级别", "实施日期", "正文")
_WEB_KEY = "|".join(r"\s*".join(key) for key in sorted(WEB_KEYS, key=len, reverse=True))
WEB_FIELD = re.compile(rf"(?:【(?P<bracketed>{_WEB_KEY})】\s*[:：]?|(?P<key>{_WEB_KEY})\s*[:：])\s*")
WEB_CHROME = re.compile(r"【\s*字体|打印本页|关闭窗口|分享到|扫一扫|当前位置|【\s*打印|【\s*关闭|^(?:大|中|小)\s*】")


@dataclass
class Masthead:
    publisher: str | None = None
    issue_label: str | None = None
    issue_number: int | None = None
    year: int | None = None
    issue_date: str | None = None
    lines: dict = field(default_factory=dict)  # line number → what it gave


def web_fields(text: str) -> dict[str, str]:
    """``索引号: bx-1 发布机构: 本溪市人民政府`` → {'索引号': 'bx-1', '发布机构': '本溪市人民政府'}."""
    matches = list(WEB_FIELD.finditer(text))
    if not matches or text.strip()[: matches[0].start() - len(text)].strip():
        return {}
    fields = {}
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following else len(text)
        fields[re.sub(r"\s", "", match["key"] or match["bracketed"])] = text[match.end():end].strip()
    return fields


def is_web_meta(text: str) -> bool:
    return bool(web_fields(clean_line(text)))


def is_web_chrome(text: str) -> bool:
    return bool(WEB_CHROME.search(text))


def read_masthead(lines: list[Line], limit: int) -> Masthead:
    """Look for masthead facts in ``lines[:limit]`` (the part before the first document)."""
    head = Masthead()
    for line in lines[:limit]:
        text = despace(clean_line(line.text))
        if not text:
            continue
        fields = web_fields(text)
        if fields:
            if head.issue_date is None and fields.get("发布日期"):
                head.issue_date = parse_date(fields["发布日期"])
            text = fields.get("信息名称", "")
        _read_publisher(head, text, line.no)
        _read_issue(head, text, line.no)
    return head


def _read_publisher(head: Masthead, text: str, no: int) -> None:
    match = PUBLISHER.match(text) or re.match(rf"^(?P<name>[{HAN}]{{2,20}}公报)(?=\d{{4}}年)", text)
    if match and head.publisher is None:
        head.publisher = match["name"]
        head.lines[no] = "publisher"


def _read_issue(head: Masthead, text: str, no: int) -> None:
    label = ISSUE_LABEL.search(text)
    if label and head.issue_label is None:
        number = re.sub(r"\s", "", label["number"]).replace("-", "—").replace("–", "—")
        head.issue_label = f"{label['year']}年第{number}{label['unit']}"
        head.year = int(label["year"])
        head.lines[no] = "issue_label"
    elif head.issue_label is None and text.startswith("第") and re.match(r"^第\s*\d{1,2}\s*期", text):
        head.issue_label = text[: text.index("期") + 1].replace(" ", "")  # year printed apart
        head.lines[no] = "issue_label"
    serial = SERIAL.search(text)
    if serial and head.issue_number is None:
        head.issue_number = int(serial["serial"])
    month = PUBLICATION_MONTH.match(text)
    if month and head.issue_date is None:
        head.issue_date = f"{int(month['year']):04d}-{int(month['month']):02d}-01"
        head.lines[no] = "issue_date"
    if YEAR_ONLY.match(text) and head.year is None:
        head.year = int(text)
    elif head.issue_date is None and text.startswith(("发布日期", "发布时间")):
        head.issue_date = parse_date(text)


def finish(head: Masthead) -> Masthead:
    """Complete an issue label printed in two pieces (``2020`` above ``第2期``)."""
    if head.issue_label and head.issue_label.startswith("第") and head.year:
        head.issue_label = f"{head.year}年{head.issue_label}"
    if head.year is None and head.issue_date:
        head.year = int(head.issue_date[:4])
    return head
