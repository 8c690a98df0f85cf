"""Document numbers (发文字号): find, parse and normalise them.

A document number is the issuing organ's prefix, the year in brackets and a serial
number: ``盘政办发〔2024〕1号``.  Conversions print the brackets as 〔〕, ﹝﹞, [], 【】 or (),
and PDF text often puts spaces inside.  Orders (政府令) are numbered ``…令第12号``.

>>> parse('盘政办发[2024] 1 号').normalised
'盘政办发〔2024〕1号'
>>> parse('晋城市人民政府令 第 3 号').normalised
'晋城市人民政府令第3号'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Words that precede a cited number in running text and are not part of its prefix.
LEADING_WORDS = re.compile(
    r"^(?:按照|根据|依据|依照|参照|对照|经|按|据|见|和|及|与|以及|或|即|由|在|将|把|的|是|为|文|号|"
    r"转发|印发|执行|落实|贯彻)+"
)

# The patterns are written without re.VERBOSE and with explicit classes (no \s, \d): the
# browser's tokenizer takes them as they are (plugins/search_index/patterns.py).
_GAP = r"[ \t\u3000]*"  # the spaces PDF text leaves inside a number
_PREFIX_LONGEST = 14
DOC_NUMBER = re.compile(
    rf"(?P<prefix>[{HAN}A-Za-z]{{1,{_PREFIX_LONGEST}}}?)"  # organ prefix: 盘政办发, 国发, 晋市政办
    rf"{_GAP}[〔﹝\[【［(（]{_GAP}"                # opening bracket in any of its printed forms
    rf"(?P<year>(?:19|20)[0-9]{{2}})"            # year
    rf"{_GAP}[〕﹞\]】］)）]{_GAP}"                # closing bracket
    rf"第?{_GAP}(?P<serial>[0-9]{{1,5}}){_GAP}号"  # serial, sometimes printed 第N号
)

# A number in parentheses after a title, its year maybe in round brackets too:
# ``…的通知（盘政发〔2024〕1号）``, ``(盘政发(2024)1号)``.
NUMBER_IN_PARENS = re.compile(r"[(（]\s*(?P<number>[^()（）]*?(?:[(（]\s*\d{4}\s*[)）][^()（）]*?)?号)\s*[)）]")

ORDER_NUMBER = re.compile(
    rf"(?P<prefix>[{HAN}]{{2,20}}令)"                       # 晋城市人民政府令
    rf"{_GAP}第{_GAP}(?P<serial>[0-9]{{1,5}}){_GAP}号"      # 第 3 号
)


# A whole line that OCR or a careless copy printed without brackets: 铁政发2024年6号, 铁政发 2024 6号
# (not a running header's issue label: 本溪市人民政府公报 2020年第5号)
BARE_NUMBER = re.compile(
    rf"(?P<prefix>[{HAN}]{{2,14}}?)(?<!公报)(?<!政报){_GAP}(?P<year>(?:19|20)[0-9]{{2}}){_GAP}年?{_GAP}"
    rf"(?P<serial>[0-9]{{1,5}}){_GAP}号"
)


@dataclass(frozen=True)
class DocNumber:
    raw: str
    prefix: str
    year: int | None
    serial: int

    @property
    def printed(self) -> str:
        """The number as printed, without the words before it that the pattern took in
        (按照, 根据, 执行): what a link to it covers.

        >>> [n.printed for n in find_all('按照晋市政办〔2021〕3号文件，执行国发〔2023〕18号')]
        ['晋市政办〔2021〕3号', '国发〔2023〕18号']
        """
        if self.raw.startswith(self.prefix):
            return self.raw
        return LEADING_WORDS.sub("", self.raw, count=1)

    @property
    def normalised(self) -> str:
        if self.year is None:
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def _from_match(match: re.Match) -> DocNumber:
    groups = match.groupdict()
    prefix = LEADING_WORDS.sub("", groups["prefix"]) or groups["prefix"]
    year = int(groups["year"]) if groups.get("year") else None
    return DocNumber(match.group(0).strip(), prefix, year, int(groups["serial"]))


def parse(text: str) -> DocNumber | None:
    """The document number that makes up all of ``text``, or None.

    >>> parse('铁政发2024年6号').normalised, parse('铁政发 2024 6号').normalised
    ('铁政发〔2024〕6号', '铁政发〔2024〕6号')
    """
    text = text.strip()
    if not text.endswith("号"):
        return None   # every form of a number ends with 号: most texts asked, at once
    for pattern in (DOC_NUMBER, ORDER_NUMBER, BARE_NUMBER):
        match = pattern.fullmatch(text)
        if match:
            return _from_match(match)
    return None


_YEAR_BRACKET = re.compile(r"[〔﹝\[【［(（][ \t\u3000]*(?:19|20)[0-9]{2}")
_ORDER_WORD = re.compile(r"令[ \t\u3000]*第")
_REACH = 40  # how far before its bracket a number can start (prefix and spaces)
# either anchor, opening with one character class so that the engine skips to the next
# bracket or 令 (an alternation of a class and a literal makes it try every character)
_ANY_ANCHOR = re.compile(r"[〔﹝\[【［(（令](?:(?<=令)[ \t\u3000]*第|(?<!令)[ \t\u3000]*(?:19|20)[0-9]{2})")


def anchor_places(text: str) -> list[int]:
    """Where in ``text`` an anchor of a number (a bracketed year, 令第) begins: a number
    mentioned is found near one."""
    return [hit.start() for hit in _ANY_ANCHOR.finditer(text)]


def may_hold(text: str) -> bool:
    """Whether ``text`` may mention a number: every number passes through an anchor (a
    bracketed year, 令第), so a text without one holds none (one scan, no parsing)."""
    return _ANY_ANCHOR.search(text) is not None


def _finditer(pattern: re.Pattern, anchor: re.Pattern, text: str, begin=None):
    """``pattern.finditer(text)``, but tried only near the places a match must pass
    through (a bracketed year, 令第): the same matches, without trying every position.
    ``begin(text, hit, low)``: a place from ``low`` on where the search may as well start."""
    position = 0
    for hit in anchor.finditer(text):
        if hit.start() < position:
            continue
        low = max(position, hit.start() - _REACH)
        match = pattern.search(text, begin(text, hit, low) if begin else low, hit.end() + _REACH)
        if match and match.start() >= position:
            yield match
            position = match.end()


_GAP_CHARS = " \t\u3000"
_PREFIX_TAIL = re.compile(rf"[{HAN}A-Za-z]*\Z")   # searched up to a place: the prefix run ending there


def _prefix_begins(text: str, hit: re.Match, low: int) -> int:
    """Where a DOC_NUMBER through ``hit``'s bracket can begin at the earliest: at most 14
    prefix characters, then spaces, before the bracket.  Tried from ``low``, the engine
    tried every place in between, each up to 14 characters far: 11 µs a number, most of
    finding them.  (A number through an earlier bracket is found from that one's anchor.)"""
    gap = hit.start()
    while gap > low and text[gap - 1] in _GAP_CHARS:
        gap -= 1
    return _PREFIX_TAIL.search(text, max(low, gap - _PREFIX_LONGEST), gap).start()


def find_all(text: str) -> list[DocNumber]:
    """Every document number mentioned in ``text``, in order.

    >>> [n.normalised for n in find_all('2019年3月6日住房和城乡建设部令第22号，按照国发〔2023〕18号')]
    ['住房和城乡建设部令第22号', '国发〔2023〕18号']
    """
    if not may_hold(text):
        return []
    found = []
    for pattern, anchor, begin in ((DOC_NUMBER, _YEAR_BRACKET, _prefix_begins), (ORDER_NUMBER, _ORDER_WORD, None)):
        for match in _finditer(pattern, anchor, text, begin):
            number = _from_match(match)
            if match.start() > 0 and text[match.start() - 1] in "0123456789" and number.prefix[0] in "年月日号":
                number = DocNumber(number.raw[1:], number.prefix[1:], number.year, number.serial)
            found.append((match.start(), number))
    return [number for _, number in sorted(found, key=lambda pair: pair[0])]


def normalise(text: str) -> str | None:
    number = parse(text)
    return number.normalised if number else None
