"""Numbers as short ASCII strings, the form the index's postings and lengths travel in.

Each number is written in base 32, most significant digit first: every digit but the last
is one of ``MORE``, the last one of ``FINAL``, so numbers need no separators and a number
under 32 is one character.  Both alphabets avoid ``"`` and ``\\``, so the strings go into
JSON unescaped.  ``search.js`` decodes the same format.

>>> encode_numbers([0, 31, 32, 1000])
'0vB0_8'
>>> decode_numbers('0vB0_8')
[0, 31, 32, 1000]

A posting list (documents in increasing order, each with its term frequency) is written as
gaps between documents, doubled, plus one when a frequency other than 1 follows:

>>> encode_postings([3, 1, 4, 2, 40, 1])
'632C8'
>>> decode_postings('632C8')
[(3, 1), (4, 2), (40, 1)]
"""
from __future__ import annotations

FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&_"
_VALUE = {char: n for n, char in enumerate(FINAL)} | {char: n for n, char in enumerate(MORE)}


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


def encode_postings(flat) -> str:
    """``flat`` holds document, frequency, document, frequency, … with documents increasing."""
    codes, out, previous = CODES, [], 0
    pairs = iter(flat)
    for document, frequency in zip(pairs, pairs):
        gap = document - previous
        previous = document
        if frequency == 1:
            out.append(codes[gap << 1])
        else:
            out.append(codes[gap << 1 | 1])
            out.append(codes[frequency])
    return "".join(out)


def decode_postings(text: str) -> list[tuple[int, int]]:
    postings, document = [], 0
    numbers = iter(decode_numbers(text))
    for number in numbers:
        document += number >> 1
        postings.append((document, next(numbers) if number & 1 else 1))
    return postings
