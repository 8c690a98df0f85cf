"""Numbers as short ASCII strings, the form the index's postings and lengths travel in.

Each number is written in base 32, most significant digit first: every digit but the last
is one of ``MORE``, the last one of ``FINAL``, so numbers need no separators and a number
under 32 is one character.  Both alphabets avoid ``"`` and ``\\``, so the strings go into
JSON unescaped.  ``search.js`` decodes the same format.

>>> encode_numbers([0, 31, 32, 1000])
'0vB0_8'
>>> decode_numbers('0vB0_8')
[0, 31, 32, 1000]

A posting list is packed as document << 44 | term frequency, documents increasing.  It is
written as the gaps between documents, each doubled plus one when its frequency is not 1,
then, after a ``.``, those frequencies:

>>> encode_postings([pack(3, 1), pack(4, 2), pack(40, 1)])
'63C8.2'
>>> decode_postings('63C8.2')
[(3, 1), (4, 2), (40, 1)]

A bigram's postings carry its context in the document (``phrases``): a follower mask and a
preceder mask, 12 bits each, above the frequency's 20 bits.  When any is not 0, they
follow a ``~``, four characters a posting (``MASK_DIGITS``; the follower's two first) —
but for a posting whose frequency is 3 or more: its context is always ``ANY_CONTEXT``.

>>> encode_postings([pack(3, 1, 0x801 | 0x402 << 12), pack(4, 2), pack(6, 5, ANY_CONTEXT)])
'635.25~A1g20000'
>>> decode_masks('635.25~A1g20000') == [0x801 | 0x402 << 12, 0, ANY_CONTEXT]
True

Later documents' postings are appended without decoding the earlier ones (a rebuild after
a new issue appends to every part its documents touch):

>>> append_postings('63C8.2', [pack(41, 3)]) == encode_postings([pack(3, 1), pack(4, 2), pack(40, 1), pack(41, 3)])
True

and the last documents' postings cut off, reading only them (from the end):

>>> truncate_postings('63C8.2', 40), truncate_postings('63C8.2', 4), truncate_postings('63C8.2', 3)
('63.2', '6', '')
"""
from __future__ import annotations

import re
from collections import Counter
from functools import partial
from itertools import compress, repeat
from operator import add, and_, ge, lshift, ne, rshift, sub

FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&_"
_VALUE = {char: n for n, char in enumerate(FINAL)} | {char: n for n, char in enumerate(MORE)}
MASK_DIGITS = FINAL + MORE  # a 12-bit mask is two of these, high digit first
MASK_CODES = [MASK_DIGITS[mask >> 6] + MASK_DIGITS[mask & 63] for mask in range(4096)]
FREQUENCY_BITS = 20  # a packed posting: its frequency, then its context (24 bits), then its document
FREQUENCY = (1 << FREQUENCY_BITS) - 1
DOCUMENT_SHIFT = 44
NO_CONTEXT = MASK_CODES[0] * 2
ANY_CONTEXT = 0x3FF | 0x3FF << 12  # phrases.ANY on both sides: a bigram standing 3 or more times
MAX_DOCUMENTS = 1 << 63 - DOCUMENT_SHIFT  # packed postings are signed 64-bit integers


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
    documents = list(map(rshift, packed, repeat(DOCUMENT_SHIFT)))
    frequencies = list(map(and_, packed, repeat(FREQUENCY)))
    gaps = map(sub, documents, [after] + documents[:-1])
    flagged = map(add, map(lshift, gaps, repeat(1)), map(ne, frequencies, repeat(1)))
    text = encode_numbers(flagged)
    others = encode_numbers(filter(partial(ne, 1), frequencies))
    text = f"{text}.{others}" if others else text
    masks = _masks(packed, frequencies)
    return f"{text}~{masks}" if masks else text


def _masks(packed, frequencies: list[int]) -> str:
    """The contexts of the postings standing at most twice, or "" when all are 0 (a term
    that is no bigram)."""
    packed = list(compress(packed, map(ge, repeat(2), frequencies)))
    followers = list(map(and_, map(rshift, packed, repeat(FREQUENCY_BITS)), repeat(0xFFF)))
    preceders = list(map(and_, map(rshift, packed, repeat(FREQUENCY_BITS + 12)), repeat(0xFFF)))
    if not (any(followers) or any(preceders)):
        return ""
    return "".join(map(add, map(MASK_CODES.__getitem__, followers), map(MASK_CODES.__getitem__, preceders)))


def decode_masks(text: str) -> list[int]:
    """The context of each posting."""
    main, _, masks = text.partition("~")
    digits = iter([MASK_DIGITS.index(char) for char in masks])
    contexts = []
    for _, frequency in decode_postings(main):
        if frequency > 2:
            contexts.append(ANY_CONTEXT)
        elif masks:
            contexts.append(next(digits) << 6 | next(digits) | (next(digits) << 6 | next(digits)) << 12)
        else:
            contexts.append(0)
    return contexts


def _masked(main: str) -> int:
    """How many postings of ``main`` (the postings before any "~") have a context written:
    those standing at most twice."""
    flagged, _, others = main.partition(".")
    return sum(map(flagged.count, FINAL)) - sum(frequency > 2 for frequency in decode_numbers(others))


def decode_postings(text: str) -> list[tuple[int, int]]:
    """(document, frequency) of each posting."""
    flagged, _, others = text.partition("~")[0].partition(".")
    frequencies = iter(decode_numbers(others))
    postings, document = [], 0
    for number in decode_numbers(flagged):
        document += number >> 1
        postings.append((document, next(frequencies) if number & 1 else 1))
    return postings


_LEADING = re.compile(f"[{re.escape(MORE)}]+")
_MORE = frozenset(MORE)


def last_document(text: str) -> int:
    """The last document of encoded postings, from sums the C library does: the document
    is the sum of the gaps, each number being its gap doubled plus a flag; a number is its
    last digit plus 32 × the value of its leading digits; a flag is set for each number
    after the "." (each ends in one FINAL digit).

    >>> last_document('63C8.2'), last_document('0'), last_document('')
    (40, 0, 0)
    """
    flagged, _, others = text.partition("~")[0].partition(".")
    total = sum(_VALUE[char] * count for char, count in Counter(flagged).items() if char in FINAL)
    total += 32 * sum(_leading_value(digits) for digits in _LEADING.findall(flagged))
    flags = sum(map(others.count, FINAL))
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
    main, _, masks = text.partition("~")
    flagged, _, others = main.partition(".")
    more_flagged, _, more_others = encode_postings(packed, after=last_document(main)).partition("~")[0].partition(".")
    others += more_others
    frequencies = list(map(and_, packed, repeat(FREQUENCY)))
    more_masks = _masks(packed, frequencies)
    if masks or more_masks:
        masks = ((masks or NO_CONTEXT * _masked(main))
                 + (more_masks or NO_CONTEXT * sum(map(ge, repeat(2), frequencies))))
    return flagged + more_flagged + (f".{others}" if others else "") + (f"~{masks}" if masks else "")


def truncate_postings(text: str, below: int) -> str:
    """Encoded postings ``text`` without the documents from ``below`` on.  The numbers are
    read backwards from the last document (each ends in a FINAL digit, which no other
    digit of a number is), so the cost is that of the postings cut off."""
    main, _, masks = text.partition("~")
    flagged, _, others = main.partition(".")
    document, end, flags, postings = last_document(main), len(flagged), 0, 0
    while end and document >= below:
        start = end - 1
        while start and flagged[start - 1] in _MORE:
            start -= 1
        number = _leading_value(flagged[start:end])
        document -= number >> 1
        flags += number & 1
        postings += 1
        end = start
    cut = len(others)
    for _ in range(flags):  # each frequency after the "." ends in a FINAL digit too
        cut -= 1
        while cut and others[cut - 1] in _MORE:
            cut -= 1
    # the postings cut off that had a context written: those standing at most twice
    masked = postings - sum(frequency > 2 for frequency in decode_numbers(others[cut:]))
    others = others[:cut]
    main = flagged[:end] + (f".{others}" if others else "")
    masks = masks[:len(masks) - len(NO_CONTEXT) * masked] if masks else ""
    return main + (f"~{masks}" if masks.strip("0") else "")


def pack(document: int, frequency: int, context: int = 0) -> int:
    return document << DOCUMENT_SHIFT | context << FREQUENCY_BITS | frequency
