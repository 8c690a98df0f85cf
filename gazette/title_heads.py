"""Heads found by their titles: a TOC entry's title printed in the body (``find_title_head``),
a 大事记 heading, and, in a gazette without a TOC, a title between the end of one document
and the addressees of the next (``find_unnumbered_heads``).
"""
from __future__ import annotations

import re

from . import rules
from .head import Head, addressees_follow, following_texts, title_like_below
from .kinds import LineKind
from .reader import Line
from .text import clean_line, fold, folded_start

CHRONICLE_TITLE = re.compile(r"^.{0,24}大事记(?:[（(][^（）()]{2,16}[）)])?$")  # …大事记, 市政府大事记（2024年1月）


def find_chronicle_heads(lines: list[Line], begin: int) -> list[Head]:
    """大事记 headings: ``晋城市人民政府3月大事记``."""
    heads = []
    for index in range(begin, len(lines)):
        text = lines[index].plain
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
        if line.blank or line.kind in (LineKind.PAGE_BREAK, LineKind.WEB_META):  # a web page's header: not text
            continue
        if index in known_titles:
            enclosing = known_titles[index]  # the notice up to the next head
        title = _unnumbered_title(lines, index, enclosing) if ended and not re.search("转发|批转", enclosing) else []
        if title:
            heads.append(Head(index, None, title))
            enclosing = "".join(lines[i].plain for i in title)
        ended = rules.is_date_line(line.clean) or rules.is_note(line.clean) or bool(rules.signed_with_date(line.plain))
    return heads


def _unnumbered_title(lines: list[Line], index: int, enclosing: str) -> list[int]:
    """The lines of a title that opens a document at ``index``, if one does: all the
    title-like lines there, or those up to the first that ends with a document type (the
    text's first line may look like a title too, wrapped short)."""
    below = title_like_below(lines, index - 1)
    texts = [lines[i].plain for i in below]
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
    if addressees_follow(lines, index):
        return True
    following = next(iter(following_texts(lines, index, 8)), "")
    # its text: a sentence, or a paragraph's first line wrapped (…现就禁止野外用 / 火有关事项通告如下：)
    text_follows = not rules.is_title_like(following) or len(clean_line(following)) >= PARAGRAPH_CHARS
    return title_end.endswith(UNADDRESSED) and bool(following) and text_follows and not rules.ends_with_doc_type(following)


TITLE_KEY = 4  # folded characters that index where a title may begin


def title_starts(lines: list[Line], begin: int) -> dict[str, list[int]]:
    """Where a title may begin, by its first characters: looking a TOC title up here instead
    of reading every line for every entry keeps a long file linear."""
    starts: dict[str, list[int]] = {}
    for index in range(begin, len(lines)):
        if not lines[index].blank:
            key = folded_start(lines[index].clean, TITLE_KEY)
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
            joined += fold(lines[j].clean)
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
