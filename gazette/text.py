"""Small text helpers shared by the converter's stages."""
from __future__ import annotations

import re
import unicodedata

from .docnumber import HAN

CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·「」『』"
_CJK = f"{HAN}{CJK_PUNCT}"

# A space that a line wrap or letter-spacing left between two Chinese characters.  Each
# pattern opens with the space, so the engine skips to the next space instead of trying
# the lookbehind at every character; the lookbehind then sees the space's left neighbour.
_SPACE_IN_CJK = re.compile(rf"[ \t\u3000](?<=[{_CJK}][ \t\u3000])[ \t\u3000]*(?=[{_CJK}])")
# A space between Chinese and a digit, as PDF text prints "2024 年 3 月".
_SPACE_CJK_DIGIT = re.compile(rf"[ \u3000](?:(?<=[{_CJK}][ \u3000])[ \u3000]*(?=\d)|(?<=\d[ \u3000])[ \u3000]*(?=[{_CJK}]))")

MARKDOWN_MARKERS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\*\*)+|\*\*\s*$")
_MARKER_STARTS = "#-*+"
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")   # **第一条** 为… / **邢鹏**:主持…

SENTENCE_END = "。！？；;!?…"


def despace(text: str) -> str:
    """Remove spaces that a wrap left inside Chinese text, keeping Latin word gaps.

    >>> despace('城市供 热经营 许可 2024 年 and more')
    '城市供热经营许可2024年 and more'
    """
    if " " not in text and "\u3000" not in text and "\t" not in text:
        return text  # most paragraphs: the lookbehind scan below is slow on long text
    text = _SPACE_IN_CJK.sub("", text)
    return _SPACE_CJK_DIGIT.sub("", text)


def clean_line(text: str) -> str:
    """A line without conversion markup (#, -, **bold**) and outer spaces."""
    if "**" in text:
        text = BOLD.sub(r"\1", text)
    text = text.strip()   # str.strip takes U+3000 too
    if text[:1] not in _MARKER_STARTS and "**" not in text:
        return text  # most lines: no marker opens them and no bold ends them
    return MARKDOWN_MARKERS.sub("", text).strip()


# 第一条　为… / 第一章　总则: the gap after an article's or a chapter's number is part of the form
NUMBERED_GAP = re.compile(r"^(第[一二三四五六七八九十百零〇\d]{1,6}[条章节编])[ \t\u3000]+(?=\S)")


# a gap two ideographic spaces wide or wider inside a line: columns (组　长：张　三　　市长,
# …秘书处　　　　2023年8月16日印发), or letter-spacing when a character stands alone
# beside it (总　　则)
WIDE_GAP = re.compile(r"\u3000[ \u3000]*\u3000|[ \u3000]{3,}")


def despace_body(text: str, despaced: str | None = None) -> str:
    """``despace`` for the body's text: the gap after a numbered article or chapter, and a
    wide gap between columns, kept as one ideographic space.  ``despaced``: ``despace(text)``
    if known (a line's ``plain``), the answer where there is neither gap.

    >>> despace_body(clean_line('**第一条** 为了促进 城市绿化')), despace_body('第一章 总 则')
    ('第一条\u3000为了促进城市绿化', '第一章\u3000总则')
    >>> despace_body('组　长：张　三　　市长'), despace_body('第一章　　总　　则')
    ('组长：张三\u3000市长', '第一章\u3000总则')
    """
    gap = NUMBERED_GAP.match(text)
    head, text = (gap[1], text[gap.end():]) if gap else ("", text)
    if "\u3000\u3000" not in text and "   " not in text:
        if despaced is not None and not gap:
            return despaced
        rest = despace(text)
        return f"{head}\u3000{rest}" if head and rest else head or rest
    parts = [despace(part) for part in WIDE_GAP.split(text)]
    joined = parts[0]
    for before, part in zip(parts, parts[1:]):
        joined += ("" if len(before) == 1 or len(part) == 1 else "\u3000") + part
    return "\u3000".join(filter(None, [head, joined]))


# what ``fold`` drops: every character but those str.isalnum() keeps (\w is those and "_")
NOT_ALNUM = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """A comparison key: NFKC, no spaces or punctuation, brackets unified.

    >>> fold('关于印发《方案（2020—2022年）》的 通知') == fold('关于印发方案(2020-2022年)的通知')
    True
    """
    return NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text))


def folded_start(text: str, count: int) -> str:
    """``fold(text)[:count]``, folding no more of ``text`` than it takes.  NFKC may join a
    cut's last character with what follows it (a combining mark, a Hangul vowel), never the
    characters before: a folded prefix longer than ``count`` holds the first ``count``.

    >>> folded_start('关于印发《方案（2020—2022年）》的通知' * 9, 4)
    '关于印发'
    """
    size = 2 * count + 2
    while size < len(text):
        start = fold(text[:size])
        if len(start) > count:
            return start[:count]
        size *= 2
    return fold(text)[:count]


NEAR = 400   # characters before a place where the last mark is looked for first


def last_mark(text: str, marks: str, place: int) -> int:
    """Where the last of ``marks`` before ``place`` stands (-1: none), as
    ``max(text.rfind(mark, 0, place) for mark in marks)``.  Looked for within ``NEAR``
    characters first: a mark found there is the last, and a rare mark (！) need not be
    looked for back to the start of a long text.

    >>> last_mark("一，二。三！四", "，。！", 6), last_mark("一二", "，", 2)
    (5, -1)
    """
    near = max(text.rfind(mark, max(place - NEAR, 0), place) for mark in marks)
    if near >= 0 or place <= NEAR:
        return near
    return max(text.rfind(mark, 0, place) for mark in marks)


def visual_width(text: str) -> float:
    """Width in Han characters: a Latin letter, digit or space prints half as wide."""
    return len(text) - len(text.encode("ascii", "ignore")) / 2


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] in SENTENCE_END


def han_count(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
