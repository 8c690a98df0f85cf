"""One small rule per kind of line, each recognising the structure of official documents
(GB/T 9704 elements, the way gazettes print a TOC), never one sample's wording."""
from __future__ import annotations

import re
from collections.abc import Callable

from . import docnumber
from .docnumber import HAN
from .text import clean_line, despace, ends_sentence

ORGAN_SUFFIX = ("人民政府", "政府", "办公室", "办公厅", "委员会", "管委会", "委", "局", "厅", "部",
                "院", "署", "会", "中心", "小组", "指挥部", "人大常委会", "公司", "集团")

# 公文种类 (GB/T 9704 / 党政机关公文处理工作条例) and the kinds of text they enclose.
DOC_TYPES = ("通知", "决定", "决议", "命令", "令", "公报", "公告", "通告", "意见", "通报", "报告",
             "请示", "批复", "议案", "函", "纪要", "办法", "规定", "细则", "方案", "规划", "计划",
             "预案", "制度", "条例", "规则", "措施", "要点", "清单", "标准", "指南", "大事记")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
CN_DIGIT_CHARS = "".join(_CN_DIGITS)  # a year in Chinese numerals: 二〇二四, an OCR's 二0二四 or 二O二四

DATE = re.compile(
    rf"""
    (?P<year>(?:19|20)\d{{2}}|(?=\D*[一二三四五六七八九])[{CN_DIGIT_CHARS}]{{4}})\s*年\s*   # 2024 年 / 二〇二四年 / 二0二四年 (OCR)
    (?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月\s*         # 2 月 / 十二月
    (?P<day>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日               # 29 日 / 二十九日
    """,
    re.VERBOSE,
)
ISO_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})")

NOTE = re.compile(r"^[（(]\s*(?:(?:此件|本件|此文|本文)[^（()）]{1,20}|联系人[:：][^（()）]{1,60})[)）]$")  # （此件公开发布）
# 题注 under a regulation's or decision's title: （2021年4月20日市政府第32次常务会议审议通过）;
# a whole date, for （2021年修订） under a title is part of it
TITLE_NOTE = re.compile(rf"^[（(][^（()）]*(?:{DATE.pattern})[^（()）]*(?:通过|公布|发布|批准|修订|修正|施行)[^（()）]*[)）]$",
                        re.VERBOSE)  # the date in figures or in Chinese numerals: （二〇二一年四月二十日…通过）
ATTACHMENT_NOTE = re.compile(r"^附\s*(?:件\s*)?[:：]\s*(?P<rest>.*)$")      # 附件：1.清单, 附：清单
# 附件, 附件1, 附件1：, 附件2 大连市重点项目清单 (the title on the heading's line); not 附件：1.… (the note)
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?:(?P<number>[0-9一二三四五六七八九十]+)(?:\s*[:：]\s*|\s+)?"
                                r"(?P<title>(?<=[:：\s])[^。；;:：]{2,60}(?<![，,、]))?)?\s*$")
NUMBERED_ITEM = re.compile(r"^(?P<number>\d{1,2})\s*[.．、]\s*(?P<text>\S.*)$")  # 1.调整清单
PAGE_NUMBER = re.compile(r"^(?:[-－—·•～~]\s*)?\d{1,4}(?:\s*[-－—·•～~])?$"          # — 19 —, 19
                         r"|^第\s*\d{1,4}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?$")  # 第19页 共40页
CHRONICLE_ENTRY = re.compile(r"^(?P<month>\d{1,2})月(?P<day>\d{1,2})日\s*(?P<text>.*)$")  # 3月3日 …
CHRONICLE_SUB = re.compile(r"^※\s*(?P<text>.*)$")
LEADER = ".．·・…_"   # dot leaders between a TOC title and its page: ....  ……  ······  ．．．．
# …的通知(盘政发〔2024〕1号) (1), …的通知……1, or its page set apart by a column's gap (…的通知    1)
_LEADER_TO_PAGE = rf"[{LEADER}]{{2,}}\s*\d{{1,4}}"   # …的通知……1
LEADER_PAGE = re.compile(_LEADER_TO_PAGE + "$")
TOC_PAGE = re.compile(rf"(?:[(（]\s*\d{{1,4}}\s*[)）]|{_LEADER_TO_PAGE}|\S[ \u3000]{{3,}}\d{{1,4}})$")
TITLE_CHARS = 70
LONG_TITLE_CHARS = 130  # a whole title printed on one line
ADDRESSEE_MAX_LINES = 3
# 主送机关 followed by a few words that a PDF column break put on the same line:
# "府各委、办、局: 真贯彻执行。"
ADDRESSEE_WITH_SPILL = re.compile(r"^(?P<to>[^。：:]{2,200})[：:]\s*(?P<spill>[^：:]{1,15}。)$")


def cn_number(text: str) -> int:
    """A number written in digits or Chinese numerals.

    >>> cn_number('二十九'), cn_number('二0二四')
    (29, 2024)
    """
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD.

    >>> parse_date('二〇二四年二月二十九日'), parse_date('2023 年 12 月 13 日')
    ('2024-02-29', '2023-12-13')
    """
    match = DATE.search(text) or ISO_DATE.search(text)
    if not match:
        return None
    year, month, day = (cn_number(match[k]) for k in ("year", "month", "day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


WEEKDAY = re.compile(r"\s*[（(](?:星期|周)[一二三四五六日天][)）]$")


def is_date_line(text: str) -> bool:
    """A line that is only a date, as a signature prints it: ``2024年2月29日``, maybe with
    its weekday (``2024年3月1日（星期五）``).  ``text``: a line's ``clean`` text."""
    if not text.endswith(("日", ")", "）")):
        return False   # a date ends with 日, or its weekday with a bracket: most lines, at once
    if "星期" in text or "周" in text:   # WEEKDAY.sub would search every line in vain
        text = WEEKDAY.sub("", text)
    match = DATE.fullmatch(text)
    return bool(match) and parse_date(text) is not None


def is_title_note(text: str) -> bool:
    """题注: the adoption printed under a title, ``（2021年4月20日…审议通过）``; ``text``: a
    line's ``plain`` text."""
    return bool(TITLE_NOTE.match(text))


def is_note(text: str) -> bool:
    """附注: ``（此件公开发布）``; ``text``: a line's ``clean`` text."""
    return bool(NOTE.match(text.replace(" ", "")))


def is_table_row(text: str) -> bool:
    """A row of cells that a scrape separated by tabs; a tab that only indents a paragraph
    (``\t经市政府同意，…``) does not make one."""
    return "\t" in text and "\t" in text.lstrip(" \t\u3000\u00a0").rstrip("\n") and any(cell.strip() for cell in text.split("\t"))


def is_row(line) -> bool:
    """A table's row: one its source marks as such (a PDF's ruled table, a web page's or a
    Word file's table, whose first cells may be empty), or a row of tab-separated cells."""
    return (line.layout is not None and line.layout.table_row) or is_table_row(line.text)


def is_organ_name(text: str) -> bool:
    """A line naming an organ, as an issuer heading or a signature prints it:
    ``晋城市人民政府办公室``."""
    text = despace(clean_line(text))
    if not (2 <= len(text) <= 40) or not re.fullmatch(rf"[{HAN}（）()、\s]+", text):
        return False
    if "关于" in text or text.endswith("文件"):
        return False
    return text.endswith(ORGAN_SUFFIX)


SIGNED_WITH_DATE = re.compile(r"(?P<organ>\S{2,40}?)\s*(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)")


def signed_with_date(text: str) -> str | None:
    """The organ of a signature printed with its date on one line (抚顺市人民政府　　2024年4月1日);
    ``text``: a line's ``plain`` text."""
    match = SIGNED_WITH_DATE.fullmatch(text) if text.endswith("日") else None   # the date ends the line
    return match["organ"] if match and is_organ_name(match["organ"]) else None


def opens_with_organ(text: str) -> bool:
    """A title with neither 关于 nor a document type: an organ, then what it does
    (``广州市人民政府任免国家工作人员``)."""
    text = despace(clean_line(text))
    if DATE.search(text):  # a colophon: 大连市人民政府办公室　2021年4月2日印发
        return False
    return any(is_organ_name(text[:cut]) for cut in range(len(text) - 2, 3, -1))


def is_red_header(text: str) -> bool:
    """发文机关标志 above a document: ``本溪市人民政府办公室文件``; ``text``: a line's ``plain`` text."""
    return len(text) <= 30 and text.endswith("文件") and bool(re.fullmatch(rf"[{HAN}]+", text))


def ends_with_doc_type(text: str) -> bool:
    text = clean_line(text).rstrip("）)")
    return text.endswith(DOC_TYPES)


def doc_type_of(title: str) -> str | None:
    """The genre word that ends a title: ``…的通知`` → 通知."""
    title = re.sub(r"[（(][^（()）]*[)）]$", "", title.strip())  # …办法（试行）
    for word in sorted(DOC_TYPES, key=len, reverse=True):
        if title.endswith(word):
            return word
    return None


def is_title_like(text: str) -> bool:
    """A line that can be part of a document title: none of ``NOT_A_TITLE`` rules it out."""
    cleaned = clean_line(text)
    return bool(cleaned) and not any(rule(text, cleaned) for _, rule in NOT_A_TITLE)


def _too_long(text: str, cleaned: str) -> bool:
    """Longer than a title's line; but a title of any length printed on one line
    (…关于……的通知) is one, never a sentence of the body."""
    limit = LONG_TITLE_CHARS if "关于" in cleaned else TITLE_CHARS
    whole_title = "关于" in cleaned and "。" not in cleaned and ends_with_doc_type(cleaned)
    return len(cleaned) > limit and not whole_title


# What rules a line out of a title, each (why, test of the line as printed and cleaned).
NOT_A_TITLE: tuple[tuple[str, Callable[[str, str], object]], ...] = (
    ("a table row", lambda text, cleaned: is_table_row(text)),
    ("too long", _too_long),
    ("a TOC entry with its page", lambda text, cleaned: TOC_PAGE.search(cleaned)),
    ("a sentence or clause", lambda text, cleaned: ends_sentence(cleaned) or cleaned.endswith(("：", ":", "，", ","))),
    ("a date", lambda text, cleaned: is_date_line(cleaned)),
    ("a 附注", lambda text, cleaned: is_note(cleaned)),
    ("a 题注", lambda text, cleaned: is_title_note(despace(cleaned))),
    ("a page number", lambda text, cleaned: PAGE_NUMBER.match(cleaned)),
    ("a document number", lambda text, cleaned: docnumber.parse(cleaned)),
    ("an attachment note or heading",
     lambda text, cleaned: ATTACHMENT_NOTE.match(cleaned) or ATTACHMENT_HEADING.match(cleaned)),
)


def is_addressee_line(text: str) -> bool:
    """主送机关: ``各县、区人民政府，市政府各部门、直属机构：``."""
    cleaned = clean_line(text)
    return (cleaned.endswith(("：", ":")) and 2 <= len(cleaned) <= 200
            and "。" not in cleaned and not ATTACHMENT_NOTE.match(cleaned) and not cleaned.startswith(("附件", "附 件")))


def addressee_span(texts: list[str]) -> int:
    """How many of the leading ``texts`` (non-blank lines) form the 主送机关, which a PDF
    may wrap: ``…开发区管委会,市人民政府`` / ``府各委、办、局:``; 0 if they do not."""
    joined = ""
    for count, text in enumerate(texts[:ADDRESSEE_MAX_LINES], start=1):
        text = clean_line(text)
        if "关于" in text or "《" in text or ends_with_doc_type(text):
            return 0
        joined += text
        if is_addressee_line(joined) or ADDRESSEE_WITH_SPILL.match(joined):
            return count
        if ends_sentence(joined) or len(joined) > 200:
            return 0
    return 0


def split_addressees(text: str) -> list[str]:
    body = despace(clean_line(text))
    spill = ADDRESSEE_WITH_SPILL.match(body)
    body = spill["to"] if spill else body.rstrip("：:")
    parts = re.split(r"[，,；;]", body)
    return [part.strip() for part in parts if part.strip()]
