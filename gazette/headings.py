"""Headings from the numbering a document uses, whatever its scheme: 一、/（一）/1./（1）,
第一章/第一节, or decimal 1 / 1.1 / 1.1.1.

A heading's level is its depth among the schemes open where it stands, not a level fixed
per scheme: the outer numbering is the larger heading, and no level is skipped.  A
document numbered 1 总则 / 1.1 编制目的 / （1）… gives h2 / h3 / h4, as one numbered 一、/
（一）/ 1. does.  When a scheme comes that ranks above the innermost open one (一、 after
the 1. items of a notice), the inner ones close: the ranks are the order GB/T 9704 gives
(一、 above （一） above 1. above （1）), with chapters above all and the decimal family
between （一） and 1.
"""
from __future__ import annotations

import re

MAX_HEADING_CHARS = 36
MAX_LEVEL = 6
_CN = "一二三四五六七八九十百零〇"

# (scheme, pattern): outer schemes first — the order is the rank
SCHEMES: tuple[tuple[str, re.Pattern], ...] = (
    ("chapter", re.compile(rf"^第[{_CN}]+章")),
    ("section", re.compile(rf"^第[{_CN}]+节")),
    ("cn", re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("cn-paren", re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("decimal-1", re.compile(r"^\d{1,2}\s+(?=[^\d\s])")),
    ("decimal-2", re.compile(r"^\d{1,2}\.\d{1,2}(?![.\d])")),
    ("decimal-3", re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}(?!\d)")),
    ("arabic", re.compile(r"^\d{1,2}[.．、](?!\d)")),
    ("arabic-paren", re.compile(r"^[（(]\d{1,2}[)）]")),
)
RANK = {name: rank for rank, (name, _) in enumerate(SCHEMES)}
# all of them in one pattern, in rank order: a line is tried once, not nine times
_ANY = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{pattern.pattern.lstrip('^')})" for name, pattern in SCHEMES))
# 1总则: a chapter of a decimal document, its gap lost; not 3月…, 5个…, 2项…
BARE_DECIMAL = re.compile(r"^\d{1,2}(?=[\u4e00-\u9fff])(?![年月日个项次条号家人万亿元时点天周批类名级倍种件处所只台套])")
_FIRST_NUMBER = re.compile(r"^\d{1,2}")
_CLAUSE_MARK = re.compile("[。；;，,：]")   # a heading ends no sentence or clause


def scheme_of(text: str, decimal_document: bool = False) -> str | None:
    """The numbering scheme of a short numbered line, or None: a sentence, or unnumbered.
    ``decimal_document``: the document numbers its sections 1.1, so a bare 1总则 is a
    chapter.

    >>> scheme_of('（二）总体目标'), scheme_of('1.1 编制目的'), scheme_of('1总则'), scheme_of('1总则', True)
    ('cn-paren', 'decimal-2', None, 'decimal-1')
    >>> scheme_of('（一）指导思想。以习近平新时代中国特色社会主义思想为指导') is None
    True
    """
    if len(text) > MAX_HEADING_CHARS or _CLAUSE_MARK.search(text):
        return None
    found = _ANY.match(text)   # no two schemes match one line: 1.1 is not 1.1.1 (nor 1.)
    if found:
        return found.lastgroup.replace("_", "-")
    return "decimal-1" if decimal_document and BARE_DECIMAL.match(text) else None


def run_in_scheme(text: str) -> str | None:
    """The scheme of a paragraph that opens with its numbering and runs on as text
    (（一）指导思想。以…为指导…): no heading, but what follows is numbered inside it.

    >>> run_in_scheme('（一）发展方式转变,释放创新转型空间要素'), run_in_scheme('各地要加强领导。')
    ('cn-paren', None)
    """
    found = _ANY.match(text)
    scheme = found.lastgroup.replace("_", "-") if found else None
    return scheme if scheme != "decimal-1" else None


def is_decimal_document(texts: list[str]) -> bool:
    """Whether the document numbers its sections 1.1 (two such headings at least)."""
    return sum(scheme_of(text) == "decimal-2" for text in texts) >= 2


def spaced(text: str, scheme: str) -> str:
    """A decimal number set apart from its heading, as printed before the text dump lost
    the gap: 1.1编制目的 → 1.1 编制目的."""
    if not scheme.startswith("decimal"):
        return text
    return re.sub(r"^(\d{1,2}(?:\.\d{1,2})*)\s*(?=\S)", r"\1 ", text, count=1)


class Outline:
    """The schemes open at the current line, outermost first; ``base`` is the level of
    the outermost (2 under the document's title, 3 under an enclosed plan's or an
    attachment's own heading)."""

    def __init__(self, base: int = 2):
        self.base = base
        self.open: list[str] = []
        self.numbers: dict[str, int] = {}
        self.headings: list[bool] = []   # for each open scheme: opened by a heading, not a paragraph

    def restart(self, base: int) -> None:
        self.base, self.open, self.headings, self.numbers = base, [], [], {}

    def level(self, scheme: str) -> int:
        """The level of a heading of ``scheme`` here; the schemes inside it close.  A
        numbered paragraph (``enter``) is a step of the outline but no heading a reader
        sees, so it takes no level: the 1. headings inside a run-in （一） paragraph stand
        one level under the 一、 heading, not two."""
        self._open(scheme, heading=True)
        return min(self.base + sum(self.headings) - 1, MAX_LEVEL)

    def enter(self, scheme: str) -> None:
        """A numbered paragraph of ``scheme``: the headings after it are inside it."""
        self._open(scheme, heading=False)

    def _open(self, scheme: str, heading: bool) -> None:
        if scheme in self.open:
            depth = self.open.index(scheme)
        else:
            depth = len(self.open)
            while depth and RANK[self.open[depth - 1]] > RANK[scheme]:
                depth -= 1
        self.open = self.open[:depth] + [scheme]
        self.headings = self.headings[:depth] + [heading]

    def continues(self, scheme: str, text: str) -> bool:
        """Whether a bare decimal chapter goes on from the last (2 after 1): only then
        does it break into a paragraph that a line break left open."""
        number = _FIRST_NUMBER.match(text)
        return scheme == "decimal-1" and bool(number) and int(number.group(0)) == self.numbers.get(scheme, 0) + 1

    def count(self, scheme: str, text: str) -> None:
        number = _FIRST_NUMBER.match(text)
        if number:
            self.numbers[scheme] = int(number.group(0))
