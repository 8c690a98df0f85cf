"""Numbers as short ASCII strings, the form the index's postings and lengths travel in.

Each number is written in base 32, most significant digit first: every digit but the last
is one of ``MORE``, the last one of ``FINAL``, so numbers need no separators and a number
under 32 is one character.  Both alphabets avoid ``"`` and ``\\``, so the strings go into
JSON unescaped.  ``search-index.js`` decodes the same format.

>>> encode_numbers([0, 31, 32, 1000])
'0vB0_8'
>>> decode_numbers('0vB0_8')
[0, 31, 32, 1000]

A posting list is packed as document << 32 | term frequency, documents increasing.  It is
written as the gaps between documents, each doubled plus one when its frequency is not 1,
then, after a ``.``, those frequencies:

>>> encode_postings([3 << 32 | 1, 4 << 32 | 2, 40 << 32 | 1])
'63C8.2'
>>> decode_postings('63C8.2')
[(3, 1), (4, 2), (40, 1)]

Later documents' postings are appended without decoding the earlier ones (a rebuild after
a new issue appends to every part its documents touch):

>>> append_postings('63C8.2', [41 << 32 | 3]) == encode_postings([3 << 32 | 1, 4 << 32 | 2, 40 << 32 | 1, 41 << 32 | 3])
True

and the last documents' postings cut off, reading only them (from the end):

>>> truncate_postings('63C8.2', 40), truncate_postings('63C8.2', 4), truncate_postings('63C8.2', 3)
('63.2', '6', '')

Where a term stands in a field is a list of numbers too, its postings' positions one after
the other (each posting has as many as its frequency); appending is concatenating, and a
cut keeps the first numbers:

>>> first_numbers(encode_numbers([0, 4, 40, 1]), 3) == encode_numbers([0, 4, 40])
True
"""
from __future__ import annotations

import re
from functools import partial
from itertools import repeat
from operator import add, and_, lshift, ne, rshift, sub

import numpy

FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&_"
_VALUE = {char: n for n, char in enumerate(FINAL)} | {char: n for n, char in enumerate(MORE)}
_MORE, _MORE_BYTES = frozenset(MORE), MORE.encode()
_FINAL_CODES = numpy.frombuffer(FINAL.encode(), dtype=numpy.uint8)  # a digit's value → its byte
_MORE_CODES = numpy.frombuffer(MORE.encode(), dtype=numpy.uint8)


class _Codes(dict):
    """number → its string, computed once per number (most numbers in an index are small)."""

    def __missing__(self, key: int) -> str:
        digits, number = FINAL[key & 31], key >> 5
        while number:
            digits = MORE[number & 31] + digits
            number >>= 5
        self[key] = digits
        return digits


CODES = _Codes()


def encode_numbers(numbers) -> str:
    return "".join(map(CODES.__getitem__, numbers))


def decode_numbers(text: str) -> list[int]:
    numbers, value = [], 0
    for char in text:
        value = value * 32 + _VALUE[char]
        if char in FINAL:
            numbers.append(value)
            value = 0
    return numbers


def encode_postings(packed, after: int = 0) -> str:
    """Every step runs in C (``map`` over built-in functions): an index has millions of
    postings.  The first gap is counted from ``after`` (the document before, if any)."""
    documents = list(map(rshift, packed, repeat(32)))
    frequencies = list(map(and_, packed, repeat(0xFFFFFFFF)))
    gaps = map(sub, documents, [after] + documents[:-1])
    flagged = map(add, map(lshift, gaps, repeat(1)), map(ne, frequencies, repeat(1)))
    text = encode_numbers(flagged)
    others = encode_numbers(filter(partial(ne, 1), frequencies))
    return f"{text}.{others}" if others else text


def encode_postings_many(lists: list) -> list[str]:
    """``encode_postings`` of each of many posting lists (arrays of packed postings), all
    their numbers computed and written by numpy at once: a part's terms have millions of
    postings, and the maps of ``encode_postings`` cost about 300 ns each."""
    sizes = numpy.fromiter(map(len, lists), dtype=numpy.int64, count=len(lists))
    packed = numpy.frombuffer(b"".join(lists), dtype=numpy.int64)
    documents, frequencies = packed >> 32, packed & 0xFFFFFFFF
    ends = numpy.cumsum(sizes)
    gaps = numpy.diff(documents, prepend=0)
    firsts = (ends - sizes)[sizes > 0]
    gaps[firsts] = documents[firsts]  # a list's first gap counts from 0
    other = frequencies != 1
    text, text_ends = _digits((gaps << 1) + other)
    others, others_ends = _digits(frequencies[other])
    other_count = numpy.cumsum(other)
    bounds = (_before(text_ends, ends - sizes), _before(text_ends, ends),
              _before(others_ends, _before(other_count, ends - sizes)), _before(others_ends, _before(other_count, ends)))
    return [f"{text[a:b]}.{others[c:d]}" if d > c else text[a:b]
            for a, b, c, d in zip(*(bound.tolist() for bound in bounds))]


def _before(cumulative: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """How much of ``cumulative`` (running totals) comes before each of ``positions``."""
    return numpy.concatenate(([0], cumulative))[positions]


def _digits(numbers: numpy.ndarray) -> tuple[str, numpy.ndarray]:
    """``encode_numbers`` of a numpy array, and where each number's digits end in it."""
    widths = numpy.ones(len(numbers), dtype=numpy.int64)
    rest = numbers >> 5
    while rest.any():
        widths += rest > 0
        rest = rest >> 5
    ends = numpy.cumsum(widths)
    out = numpy.empty(int(ends[-1]) if len(ends) else 0, dtype=numpy.uint8)
    out[ends - 1] = _FINAL_CODES[numbers & 31]
    place, rest = ends - 2, numbers >> 5
    while rest.any():
        leading = rest > 0
        out[place[leading]] = _MORE_CODES[rest[leading] & 31]
        place, rest = place - 1, rest >> 5
    return out.tobytes().decode("ascii"), ends


def decode_postings(text: str) -> list[tuple[int, int]]:
    flagged, _, others = text.partition(".")
    frequencies = iter(decode_numbers(others))
    postings, document = [], 0
    for number in decode_numbers(flagged):
        document += number >> 1
        postings.append((document, next(frequencies) if number & 1 else 1))
    return postings


# a digit's value if it is a number's last digit (FINAL), or if it is a leading one (MORE)
_FINAL_VALUES = bytes.maketrans((FINAL + MORE).encode(), bytes(range(32)) + bytes(32))
_MORE_VALUES = bytes.maketrans((FINAL + MORE).encode(), bytes(32) + bytes(range(32)))
_LONG_LEADING = re.compile(f"[{re.escape(MORE)}]{{2,}}")


def last_document(text: str) -> int:
    """The last document of encoded postings, from sums the C library does: the document
    is the sum of the gaps, each number being its gap doubled plus a flag; a number is its
    last digit plus 32 × the value of its leading digits; a flag is set for each number
    after the "." (each ends in one FINAL digit).  A rebuild after a new issue asks this
    of each posting list the issue's terms append to, so the digits' values are summed
    over bytes (one leading digit counts 32 × its value; the rare longer ones are
    corrected after).

    >>> last_document('63C8.2'), last_document('0'), last_document(''), last_document('BA0')
    (40, 0, 0, 512)
    """
    flagged, _, others = text.partition(".")
    digits = flagged.encode("ascii")
    total = sum(digits.translate(_FINAL_VALUES)) + 32 * sum(digits.translate(_MORE_VALUES))
    for leading in _LONG_LEADING.findall(flagged):
        total += 32 * (_leading_value(leading) - sum(map(_VALUE.__getitem__, leading)))
    flags = len(others.encode("ascii").translate(None, _MORE_BYTES))
    return (total - flags) // 2


def _leading_value(digits: str) -> int:
    value = 0
    for char in digits:
        value = value * 32 + _VALUE[char]
    return value


def append_postings(text: str, packed) -> str:
    """Encoded postings ``text`` with later documents' ``packed`` postings after them."""
    if not text:
        return encode_postings(packed)
    flagged, _, others = text.partition(".")
    more_flagged, _, more_others = encode_postings(packed, after=last_document(text)).partition(".")
    others += more_others
    return flagged + more_flagged + (f".{others}" if others else "")


def truncate_postings(text: str, below: int) -> str:
    """Encoded postings ``text`` without the documents from ``below`` on.  The numbers are
    read backwards from the last document (each ends in a FINAL digit, which no other
    digit of a number is), so the cost is that of the postings cut off."""
    flagged, _, others = text.partition(".")
    document, end, flags = last_document(text), len(flagged), 0
    while end and document >= below:
        start = end - 1
        while start and flagged[start - 1] in _MORE:
            start -= 1
        number = _leading_value(flagged[start:end])
        document -= number >> 1
        flags += number & 1
        end = start
    cut = len(others)
    for _ in range(flags):  # each frequency after the "." ends in a FINAL digit too
        cut -= 1
        while cut and others[cut - 1] in _MORE:
            cut -= 1
    others = others[:cut]
    return flagged[:end] + (f".{others}" if others else "")


def first_numbers(text: str, count: int) -> str:
    """The first ``count`` numbers of ``encode_numbers`` text (each ends in a FINAL digit)."""
    end = 0
    for _ in range(count):
        while text[end] in _MORE:
            end += 1
        end += 1
    return text[:end]


def pack(document: int, frequency: int) -> int:
    return document << 32 | frequency


def encode_value_lists(lists) -> str:
    """Per document, a list of small numbers (the positions of its facet values), as one
    string: each value v is written as (v + 1) × 2, plus one when another of the same
    document follows; a document without values is a 0.  A document with one value under
    15 takes one character.

    >>> encode_value_lists([[0], [], [3, 14], [15]])
    '209uB0'
    >>> decode_value_lists('209uB0')
    [[0], [], [3, 14], [15]]
    """
    numbers = []
    for values in lists:
        numbers += [(v + 1) * 2 + 1 for v in values[:-1]] + [(values[-1] + 1) * 2 if values else 0]
    return encode_numbers(numbers)


def decode_value_lists(text: str) -> list[list[int]]:
    lists, values = [], []
    for number in decode_numbers(text):
        if number:
            values.append((number >> 1) - 1)
        if not number & 1:
            lists.append(values)
            values = []
    return lists
