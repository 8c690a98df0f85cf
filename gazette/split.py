"""Find where each official document begins.

A document's head, as GB/T 9704 lays it out, is an optional 发文机关标志 (…文件), the
document number (发文字号) on a line of its own, and the title (标题) above or below it,
sometimes with the issuer printed on a line of its own above 关于….  After
``find_heads`` every head knows its first line, its title lines and its number;
documents run from one head to the next.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import docnumber, rules
from .webheader import is_chrome
from .reader import Line
from .text import clean_line, despace, fold
from .kinds import LineKind

MAX_TITLE_LINES = 5
INLINE_NUMBER = re.compile(docnumber.NUMBER_IN_PARENS.pattern + "$")  # …的通知（盘政发〔2024〕1号） ending a line
# 盘政发〔2024〕1号　盘锦市人民政府关于…: a number before its title, a gap between them
NUMBER_FIRST = re.compile(rf"^\s*(?:{docnumber.DOC_NUMBER.pattern})[ \t\u3000]+(?=\S)", re.VERBOSE)
CHRONICLE_TITLE = re.compile(r"^.{0,24}大事记(?:[（(][^（）()]{2,16}[）)])?$")  # …大事记, 市政府大事记（2024年1月）


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
        texts = (clean_line(lines[i].text) for i in self.title_indexes)
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
    under the title, maybe with the date)."""
    cleaned = despace(clean_line(text))
    cleaned = re.sub(r"\s*签发人[:：].*$", "", cleaned)
    enclosed = IN_PARENTHESES.fullmatch(cleaned)
    if enclosed:  # （大政发〔2021〕5号）, maybe with its date: （大政发〔2021〕5号　2021年3月1日）
        return docnumber.parse(enclosed[1]) or docnumber.parse(rules.DATE.sub("", enclosed[1]))
    return docnumber.parse(cleaned)


def _title_like_above(lines: list[Line], index: int, floor: int) -> list[int]:
    """Indexes of the title-like lines directly above ``index`` (blank lines skipped)."""
    found: list[int] = []
    i = index - 1
    while i >= floor and len(found) < MAX_TITLE_LINES:
        text = lines[i].text
        if lines[i].blank or lines[i].kind in (LineKind.PAGE_BREAK, LineKind.WEB_META) or rules.is_title_note(text) \
                or rules.PAGE_NUMBER.match(lines[i].stripped) or is_chrome(text):
            i -= 1  # a 题注, a web page's header or chrome, a page's number between the title and the number
            continue
        if not (rules.is_title_like(text) or rules.is_red_header(text)):
            break
        found.insert(0, i)
        i -= 1
    return found


def _title_like_below(lines: list[Line], index: int) -> list[int]:
    found: list[int] = []
    i = index + 1
    while i < len(lines) and len(found) < MAX_TITLE_LINES:
        if lines[i].blank or lines[i].kind == LineKind.PAGE_BREAK:
            i += 1
            continue
        text = lines[i].text
        following = [line.text for line in lines[i:i + 8] if not line.blank]
        if lines[i].kind == LineKind.WEB_META or rules.addressee_span(following) or not rules.is_title_like(text):
            break
        found.append(i)
        i += 1
    return found


def _choose_title(lines: list[Line], candidates: list[int]) -> tuple[list[int], str | None]:
    """From title-like lines above a number, the ones that form the title and the issuer
    heading printed above 关于… if there is one."""
    texts = [despace(clean_line(lines[i].text)) for i in candidates]
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


def head_at_number(lines: list[Line], index: int, floor: int) -> Head:
    """The head around the document-number line at ``index``."""
    number = is_document_number_line(lines[index].text)
    above = _title_like_above(lines, index, floor)
    plain = [i for i in above if not rules.is_red_header(lines[i].text)]
    title, issuer = _choose_title(lines, plain)
    if not title:
        title = _title_like_below(lines, index)
        below_issuer = [i for i in title if rules.is_organ_name(lines[i].text)]
        issuer = despace(clean_line(lines[below_issuer[0]].text)) if below_issuer else None
    if not title and plain and rules.opens_with_organ(lines[plain[-1]].text):
        title = plain[-1:]  # 广州市人民政府任免国家工作人员: neither 关于 nor a document type
    if number and number.year is None and title and despace(clean_line(lines[title[-1]].text)).endswith("令"):
        number = docnumber.DocNumber(number.raw, despace(clean_line(lines[title[-1]].text)), None, number.serial)
    # the organ's header (…文件) opens the head, even below the last lines of the document
    # before it (its colophon: 抄送…, …印发)
    red = [i for i in above if rules.is_red_header(lines[i].text)][:1]
    start = min([index, *[i for i in title if i < index], *red] or [index])
    return Head(start, index, title, number, issuer)


# 第 12 号 under 大连市人民政府令; 第3号 or 〔2021〕第3号 under 大连市人民政府公告
ORDER_SERIAL = re.compile(r"^(?:[〔﹝\[【(（](?P<year>(?:19|20)\d{2})[〕﹞\]】)）])?第\s*(?P<serial>\d{1,5})\s*号$")
NUMBERED_HEADINGS = ("令", "公告", "通告")


def order_head(lines: list[Line], index: int, floor: int) -> Head | None:
    """政府令: ``大连市人民政府令`` with ``第 12 号`` on the next line; a numbered 公告 or
    通告 (``大连市人民政府公告`` over ``第3号``) alike."""
    serial = ORDER_SERIAL.match(despace(clean_line(lines[index].text)))
    if not serial:
        return None
    above = next((i for i in range(index - 1, max(floor, index - 10) - 1, -1)
                  if not lines[i].blank and lines[i].kind != LineKind.PAGE_BREAK), None)
    organ = despace(clean_line(lines[above].text)) if above is not None else ""
    heading = next((word for word in NUMBERED_HEADINGS if organ.endswith(word)), None)
    if not (heading and 3 <= len(organ) <= 30 and rules.is_organ_name(organ[: -len(heading)])):
        return None  # not 特此通告
    year = int(serial["year"]) if serial["year"] else None
    number = docnumber.DocNumber(lines[index].stripped, organ, year, int(serial["serial"]))
    return Head(above, index, [above], number, organ[: -len(heading)])


def find_number_heads(lines: list[Line], begin: int) -> list[Head]:
    heads: list[Head] = []
    floor = begin
    for index in range(begin, len(lines)):
        if lines[index].blank or lines[index].kind == LineKind.WEB_META:
            continue
        order = order_head(lines, index, floor)
        if order:
            heads.append(order)
            floor = index + 1
            continue
        if is_document_number_line(lines[index].text):
            head = head_at_number(lines, index, floor)
        else:
            head = inline_number_head(lines, index, floor)
            if head is None:
                continue
        heads.append(head)
        floor = index + 1
    return heads


def inline_number_head(lines: list[Line], index: int, floor: int) -> Head | None:
    """A title printed with its number beside it, as web pages and some gazettes print
    their headings (``…的通知（盘政发〔2024〕1号）``, ``盘政发〔2024〕1号　…的通知``), the
    addressees below: not a TOC entry."""
    text = clean_line(lines[index].text)
    first = NUMBER_FIRST.match(text)
    if first:
        return _number_first_head(lines, index, floor, first)
    text = despace(text)
    inline = INLINE_NUMBER.search(text)
    number = docnumber.parse(inline["number"]) if inline else None
    if number is None or not rules.ends_with_doc_type(text[:inline.start()]):
        return None
    if not _addressees_follow(lines, index, 20):
        return None
    title, issuer = _choose_title(lines, [*_title_like_above(lines, index, floor), index])
    title = title or [index]
    return Head(min(title), index, title, number, issuer)


def _number_first_head(lines: list[Line], index: int, floor: int, first: re.Match) -> Head | None:
    """The head whose number opens the line at ``index``; its title goes on to the line
    that ends with a document type (a long title wraps), the issuer maybe on a line above
    关于…."""
    title = [index, *_title_like_below(lines, index)]
    texts = [without_number(clean_line(lines[index].text))] + [clean_line(lines[i].text) for i in title[1:]]
    ends = next((k for k, line in enumerate(texts) if rules.ends_with_doc_type(despace(line))), None)
    if ends is None or "关于" not in despace("".join(texts[:ends + 1])) or not _addressees_follow(lines, title[ends], 20):
        return None
    title, issuer = title[:ends + 1], None
    above = _title_like_above(lines, index, floor)[-1:]
    organ = despace(clean_line(lines[above[0]].text)) if above else ""
    if despace(texts[0]).startswith("关于") and rules.is_organ_name(organ):
        title, issuer = above + title, organ
    return Head(min(title), index, title, docnumber.parse(first.group(0)), issuer)


def find_chronicle_heads(lines: list[Line], begin: int) -> list[Head]:
    """大事记 headings: ``晋城市人民政府3月大事记``."""
    heads = []
    for index in range(begin, len(lines)):
        text = despace(clean_line(lines[index].text))
        if text and CHRONICLE_TITLE.match(text):
            heads.append(Head(index, None, [index], kind=LineKind.CHRONICLE))
    return heads


UNADDRESSED = ("公告", "通告", "决定", "命令")  # genres published to all, without addressees
PARAGRAPH_CHARS = 25  # a line this long under a title is its text, not the title going on


def find_unnumbered_heads(lines: list[Line], begin: int, known: list[Head]) -> list[Head]:
    """Documents printed without a number, in a gazette without a TOC to name them (人事任免
    notices, often): a title (……关于……的通知, on up to ``MAX_TITLE_LINES`` lines) right after
    the end of a document (its date or 附注) and right before its addressees, or before its
    text for a 公告 or 通告 (they have none).  Not the text a notice forwards
    (……转发市财政局关于……的通知) nor one it issues and names (……印发《关于……的决定》的通知):
    they are part of that notice."""
    heads = []
    known_titles = {head.start: head.title_text(lines) for head in known}
    ended, enclosing = True, ""  # the body's start counts as the end of what went before
    for index in range(begin, len(lines)):
        line = lines[index]
        if line.blank or line.kind == LineKind.PAGE_BREAK:
            continue
        if index in known_titles:
            enclosing = known_titles[index]  # the notice up to the next head
        title = _unnumbered_title(lines, index, enclosing) if ended and not re.search("转发|批转", enclosing) else []
        if title:
            heads.append(Head(index, None, title))
            enclosing = "".join(despace(clean_line(lines[i].text)) for i in title)
        ended = rules.is_date_line(line.text) or rules.is_note(line.text) or bool(rules.signed_with_date(line.text))
    return heads


def _unnumbered_title(lines: list[Line], index: int, enclosing: str) -> list[int]:
    """The lines of a title that opens a document at ``index``, if one does: all the
    title-like lines there, or those up to the first that ends with a document type (the
    text's first line may look like a title too, wrapped short)."""
    below = _title_like_below(lines, index - 1)
    texts = [despace(clean_line(lines[i].text)) for i in below]
    if not texts or not ("关于" in texts[0] or rules.is_organ_name(texts[0])):  # not a masthead line
        return []
    first_end = next((k + 1 for k, text in enumerate(texts) if rules.ends_with_doc_type(text)), len(texts))
    for count in sorted({len(texts), first_end}, reverse=True):  # all the lines first
        title, joined = below[:count], "".join(texts[:count])
        if "关于" in joined and rules.ends_with_doc_type(texts[count - 1]) and fold(joined) not in fold(enclosing) \
                and _opens_document(lines, title[-1], texts[count - 1]):
            return title
    return []


def _opens_document(lines: list[Line], index: int, title_end: str) -> bool:
    """A title whose addressees follow, or whose text does where its genre has none."""
    if _addressees_follow(lines, index):
        return True
    following = next(iter(_following_texts(lines, index, 8)), "")
    # its text: a sentence, or a paragraph's first line wrapped (…现就禁止野外用 / 火有关事项通告如下：)
    text_follows = not rules.is_title_like(following) or len(clean_line(following)) >= PARAGRAPH_CHARS
    return title_end.endswith(UNADDRESSED) and bool(following) and text_follows and not rules.ends_with_doc_type(following)


def _addressees_follow(lines: list[Line], index: int, reach: int = 12) -> bool:
    """Whether the addressees come next."""
    return rules.addressee_span(_following_texts(lines, index, reach)) > 0


def _following_texts(lines: list[Line], index: int, reach: int) -> list[str]:
    """The lines of text within ``reach`` after ``index``, a page break passed over."""
    return [line.text for line in lines[index + 1: index + reach] if not line.blank and line.kind != LineKind.PAGE_BREAK]


TITLE_KEY = 4  # folded characters that index where a title may begin


def title_starts(lines: list[Line], begin: int) -> dict[str, list[int]]:
    """Where a title may begin, by its first characters: looking a TOC title up here instead
    of reading every line for every entry keeps a long file linear."""
    starts: dict[str, list[int]] = {}
    for index in range(begin, len(lines)):
        if not lines[index].blank:
            key = fold(clean_line(lines[index].text))[:TITLE_KEY]
            if len(key) == TITLE_KEY:
                starts.setdefault(key, []).append(index)
    return starts


def find_title_head(lines: list[Line], begin: int, title: str, taken: set[int],
                    starts: dict[str, list[int]] | None = None) -> Head | None:
    """A head for a TOC entry that has no document number: the body line(s) whose text
    is the entry's title (or ends with it, when the issuer stands on a line above)."""
    wanted = fold(title)
    if len(wanted) < 6:
        return None
    starts = starts if starts is not None else title_starts(lines, begin)
    candidates = sorted(set(starts.get(wanted[:TITLE_KEY], [])) | _issuer_lines(lines, starts, wanted))
    for index in candidates:
        if index < begin or index in taken:
            continue
        joined, used = "", []
        for j in range(index, min(len(lines), index + 8)):
            if lines[j].blank or lines[j].kind == LineKind.PAGE_BREAK:
                continue
            joined += fold(clean_line(lines[j].text))
            used.append(j)
            if not wanted.startswith(joined) and not joined.endswith(wanted):
                break
            if joined == wanted or joined.endswith(wanted) and len(used) <= 3:
                return Head(index, None, used)
            if len(used) >= 4:
                break
    return None


def _issuer_lines(lines: list[Line], starts: dict[str, list[int]], wanted: str) -> set[int]:
    """Lines above a title that starts with 关于: the issuer printed on a line of its own."""
    about = wanted.find("关于")
    if about <= 0:
        return set()
    found = set()
    for index in starts.get(wanted[about:about + TITLE_KEY], []):
        above = index - 1
        while above >= 0 and lines[above].blank:
            above -= 1
        if above >= 0:
            found.add(above)
    return found
