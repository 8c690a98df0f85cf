"""A document's head, as GB/T 9704 lays it out: an optional 发文机关标志 (…文件), the
document number (发文字号) on a line of its own, and the title (标题) above or below it,
sometimes with the issuer printed on a line of its own above 关于….  ``Head`` is what the
head-finding rules (``number_heads``, ``title_heads``) give; this module holds what they
share: reading a number line, and the title-like lines around one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import docnumber, rules
from .kinds import LineKind
from .reader import Line
from .text import despace
from .webheader import is_chrome

MAX_TITLE_LINES = 5
INLINE_NUMBER = re.compile(docnumber.NUMBER_IN_PARENS.pattern + "$")  # …的通知（盘政发〔2024〕1号） ending a line
# 盘政发〔2024〕1号　盘锦市人民政府关于…: a number before its title, a gap between them
NUMBER_FIRST = re.compile(rf"^\s*(?:{docnumber.DOC_NUMBER.pattern})[ \t\u3000]+(?=\S)", re.VERBOSE)


@dataclass
class Head:
    start: int                      # index of the head's first line
    number_index: int | None        # index of the document-number line
    title_indexes: list[int] = field(default_factory=list)
    doc_number: docnumber.DocNumber | None = None
    issuer: str | None = None
    kind: str = LineKind.DOCUMENT
    toc_title: str | None = None
    toc_entry: object = None        # the TocEntry this head was matched with

    def title_text(self, lines: list[Line]) -> str:
        texts = (lines[i].clean for i in self.title_indexes)
        return "".join(despace(without_number(text) if i == self.number_index else text)
                       for i, text in zip(self.title_indexes, texts))

    @property
    def number_apart(self) -> bool:
        """The number printed on a line of its own, not beside the title."""
        return self.number_index is not None and self.number_index not in self.title_indexes

    @property
    def last_index(self) -> int:
        return max([self.start, self.number_index or 0, *self.title_indexes])


def without_number(text: str) -> str:
    """A title line without the number printed beside it (after it in parentheses, or
    before it)."""
    first = NUMBER_FIRST.match(text)
    if first:
        return text[first.end():]
    inline = INLINE_NUMBER.search(text.rstrip())
    return text[:inline.start()] if inline else text


IN_PARENTHESES = re.compile(r"[(（]\s*(.+?)\s*[)）]")


def is_document_number_line(text: str) -> docnumber.DocNumber | None:
    """A line that is only a document number: ``盘政办发〔2024〕1号``, ``晋市政办[2020]15号``,
    ``盘 政 发 〔2024〕 1 号`` (letter-spaced), ``（大政发〔2021〕5号）`` (in parentheses
    under the title, maybe with the date).  ``text``: a line's ``plain`` text."""
    cleaned = re.sub(r"\s*签发人[:：].*$", "", text) if "签发人" in text else text
    enclosed = IN_PARENTHESES.fullmatch(cleaned)
    if enclosed:  # （大政发〔2021〕5号）, maybe with its date: （大政发〔2021〕5号　2021年3月1日）
        return docnumber.parse(enclosed[1]) or docnumber.parse(rules.DATE.sub("", enclosed[1]))
    return docnumber.parse(cleaned)


def looks_like_title(line: Line) -> bool:
    """Title-like by its words and, where the source shows how it was set, by its setting:
    centred, or larger than the body text (a TOC's entry reads as a title, but is not set
    as one)."""
    return rules.is_title_like(line.text) and (line.layout is None or line.layout.may_be_title)


def title_like_above(lines: list[Line], index: int, floor: int) -> list[int]:
    """Indexes of the title-like lines directly above ``index`` (blank lines skipped)."""
    found: list[int] = []
    i = index - 1
    while i >= floor and len(found) < MAX_TITLE_LINES:
        text = lines[i].text
        if lines[i].blank or lines[i].kind in (LineKind.PAGE_BREAK, LineKind.WEB_META) \
                or rules.is_title_note(lines[i].plain) or rules.PAGE_NUMBER.match(lines[i].stripped) or is_chrome(text):
            i -= 1  # a 题注, a web page's header or chrome, a page's number between the title and the number
            continue
        if not (looks_like_title(lines[i]) or rules.is_red_header(lines[i].plain)):
            break
        found.insert(0, i)
        i -= 1
    return found


def title_like_below(lines: list[Line], index: int) -> list[int]:
    found: list[int] = []
    i = index + 1
    while i < len(lines) and len(found) < MAX_TITLE_LINES:
        if lines[i].blank or lines[i].kind == LineKind.PAGE_BREAK:
            i += 1
            continue
        following = [line.text for line in lines[i:i + 8] if not line.blank]
        if lines[i].kind == LineKind.WEB_META or rules.addressee_span(following) or not looks_like_title(lines[i]):
            break
        found.append(i)
        i += 1
    return found


def title_lines(lines: list[Line], candidates: list[int]) -> tuple[list[int], str | None]:
    """From title-like lines above a number, the ones that form the title and the issuer
    heading printed above 关于… if there is one."""
    texts = [lines[i].plain for i in candidates]
    about = [k for k, text in enumerate(texts) if "关于" in text]
    if about:
        first = about[-1]
        issuer = None
        if texts[first].startswith("关于") and first > 0 and rules.is_organ_name(texts[first - 1]):
            issuer = texts[first - 1]
            first -= 1
        return candidates[first:], issuer
    for k in range(len(texts) - 1, -1, -1):
        if rules.ends_with_doc_type(texts[k]) or texts[k].endswith("令"):
            return candidates[max(0, k - 1) if k > 0 and not rules.is_red_header(texts[k - 1])
                              and not rules.ends_with_doc_type(texts[k - 1]) else k:], None
    return [], None


def addressees_follow(lines: list[Line], index: int, reach: int = 12) -> bool:
    """Whether the addressees come next."""
    return rules.addressee_span(following_texts(lines, index, reach)) > 0


def following_texts(lines: list[Line], index: int, reach: int) -> list[str]:
    """The lines of text within ``reach`` after ``index``, a page break passed over."""
    return [line.text for line in lines[index + 1: index + reach] if not line.blank and line.kind != LineKind.PAGE_BREAK]
