"""Heads found at document numbers: a 政府令 or numbered 公告 (``order_head``), a line that
is only a number (``number_line_head``), or a title printed with its number beside it
(``inline_number_head``).  ``NUMBER_HEAD_RULES`` is their order of precedence.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from . import docnumber, rules
from .head import (INLINE_NUMBER, NUMBER_FIRST, Head, addressees_follow, is_document_number_line, title_like_above,
                   title_like_below, title_lines, without_number)
from .kinds import LineKind
from .reader import Line
from .text import despace

def head_at_number(lines: list[Line], index: int, floor: int) -> Head:
    """The head around the document-number line at ``index``."""
    number = is_document_number_line(lines[index].plain)
    above = title_like_above(lines, index, floor)
    title, issuer = _title_around(lines, index, [i for i in above if not rules.is_red_header(lines[i].plain)])
    last = lines[title[-1]].plain if title else ""
    if number and number.year is None and last.endswith("令"):
        number = docnumber.DocNumber(number.raw, last, None, number.serial)
    # the organ's header (…文件) opens the head, even below the last lines of the document
    # before it (its colophon: 抄送…, …印发)
    red = [i for i in above if rules.is_red_header(lines[i].plain)][:1]
    start = min([index, *[i for i in title if i < index], *red] or [index])
    return Head(start, index, title, number, issuer)


def _title_around(lines: list[Line], index: int, plain: list[int]) -> tuple[list[int], str | None]:
    """The title lines of a number line's head, and the issuer printed apart: above the
    number (``plain``: the title-like lines there, no red header), else below it."""
    title, issuer = title_lines(lines, plain)
    if not title:
        title = title_like_below(lines, index)
        below_issuer = [i for i in title if rules.is_organ_name(lines[i].text)]
        issuer = lines[below_issuer[0]].plain if below_issuer else None
    if not title and plain and rules.opens_with_organ(lines[plain[-1]].text):
        title = plain[-1:]  # 广州市人民政府任免国家工作人员: neither 关于 nor a document type
    return title, issuer


# 第 12 号 under 大连市人民政府令; 第3号 or 〔2021〕第3号 under 大连市人民政府公告


ORDER_SERIAL = re.compile(r"^(?:[〔﹝\[【(（](?P<year>(?:19|20)\d{2})[〕﹞\]】)）])?第\s*(?P<serial>\d{1,5})\s*号$")
NUMBERED_HEADINGS = ("令", "公告", "通告")


def order_head(lines: list[Line], index: int, floor: int) -> Head | None:
    """政府令: ``大连市人民政府令`` with ``第 12 号`` on the next line; a numbered 公告 or
    通告 (``大连市人民政府公告`` over ``第3号``) alike."""
    serial = ORDER_SERIAL.match(lines[index].plain)
    if not serial:
        return None
    above = next((i for i in range(index - 1, max(floor, index - 10) - 1, -1)
                  if not lines[i].blank and lines[i].kind != LineKind.PAGE_BREAK), None)
    organ = lines[above].plain if above is not None else ""
    heading = next((word for word in NUMBERED_HEADINGS if organ.endswith(word)), None)
    if not (heading and 3 <= len(organ) <= 30 and rules.is_organ_name(organ[: -len(heading)])):
        return None  # not 特此通告
    year = int(serial["year"]) if serial["year"] else None
    number = docnumber.DocNumber(lines[index].stripped, organ, year, int(serial["serial"]))
    return Head(above, index, [above], number, organ[: -len(heading)])


def number_line_head(lines: list[Line], index: int, floor: int) -> Head | None:
    """The head at a line that is only a document number."""
    return head_at_number(lines, index, floor) if is_document_number_line(lines[index].plain) else None


def find_number_heads(lines: list[Line], begin: int) -> list[Head]:
    """The heads at document numbers from ``begin``, in line order: each line goes to the
    rules of ``NUMBER_HEAD_RULES`` in turn; a head found bounds the title of the next."""
    heads: list[Head] = []
    floor = begin
    for index in range(begin, len(lines)):
        if "号" not in lines[index].text or lines[index].kind == LineKind.WEB_META:
            continue  # (every rule's number ends with 号)
        head = next(filter(None, (rule(lines, index, floor) for rule in NUMBER_HEAD_RULES)), None)
        if head:
            heads.append(head)
            floor = index + 1
    return heads


def inline_number_head(lines: list[Line], index: int, floor: int) -> Head | None:
    """A title printed with its number beside it, as web pages and some gazettes print
    their headings (``…的通知（盘政发〔2024〕1号）``, ``盘政发〔2024〕1号　…的通知``), the
    addressees below: not a TOC entry."""
    text = lines[index].clean
    first = NUMBER_FIRST.match(text)
    if first:
        return _number_first_head(lines, index, floor, first)
    text = despace(text)
    inline = INLINE_NUMBER.search(text)
    number = docnumber.parse(inline["number"]) if inline else None
    if number is None or not rules.ends_with_doc_type(text[:inline.start()]):
        return None
    if not addressees_follow(lines, index, 20):
        return None
    title, issuer = title_lines(lines, [*title_like_above(lines, index, floor), index])
    title = title or [index]
    return Head(min(title), index, title, number, issuer)


def _number_first_head(lines: list[Line], index: int, floor: int, first: re.Match) -> Head | None:
    """The head whose number opens the line at ``index``; its title goes on to the line
    that ends with a document type (a long title wraps), the issuer maybe on a line above
    关于…."""
    title = [index, *title_like_below(lines, index)]
    texts = [without_number(lines[index].clean)] + [lines[i].clean for i in title[1:]]
    ends = next((k for k, line in enumerate(texts) if rules.ends_with_doc_type(despace(line))), None)
    if ends is None or "关于" not in despace("".join(texts[:ends + 1])) or not addressees_follow(lines, title[ends], 20):
        return None
    title, issuer = title[:ends + 1], None
    above = title_like_above(lines, index, floor)[-1:]
    organ = lines[above[0]].plain if above else ""
    if despace(texts[0]).startswith("关于") and rules.is_organ_name(organ):
        title, issuer = above + title, organ
    return Head(min(title), index, title, docnumber.parse(first.group(0)), issuer)


# The order of precedence, top to bottom: the first rule that finds a head at a line decides.
NUMBER_HEAD_RULES: tuple[Callable[[list[Line], int, int], Head | None], ...] = (
    order_head,
    number_line_head,
    inline_number_head,
)
