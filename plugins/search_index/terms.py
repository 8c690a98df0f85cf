"""A field's terms as the build counts them: its Han characters and bigrams as numbers,
counted by numpy, and its few other terms (ASCII words, document numbers) as strings.

Counting the Han terms is most of the index's work: a document of 8,000 characters has
16,000 of them.  A Python ``Counter`` makes and hashes a string for each (about 1.2 ms a
document); numpy sorts their numbers (about 0.5 ms), and a term becomes a string only once
a worker's postings are spilled, once for all the documents since the last spill.

A character's key is its code point; a bigram's is its first code point times 2**32 plus
its second, so the two never meet (a Han code point is at least 0x3400).
"""
from __future__ import annotations

import unicodedata
from array import array
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import numpy

from .tokenizer import ASCII_WORD, HAN_BLOCKS, HAN_RUN, SPACES, doc_number_tokens, index_text, nfkc

HIGH = 32
LOW = (1 << HIGH) - 1


class Terms(NamedTuple):
    """A field's distinct terms with their frequencies: Han terms as sorted ``keys``
    (uint64) with their ``counts``, the other terms as strings (``words``, ``word_counts``)."""
    keys: numpy.ndarray
    counts: numpy.ndarray
    words: list[str]
    word_counts: list[int]

    def length(self) -> int:
        """How many tokens the field has (lunr's field length)."""
        return int(self.counts.sum()) + sum(self.word_counts)

    def distinct(self) -> int:
        return len(self.keys) + len(self.words)

    def strings(self) -> list[str]:
        return key_strings(self.keys) + self.words


def count_terms(text: str) -> Terms:
    """The terms of ``text`` as the index tokenizes it (``tokenizer.tokens``), counted.  A
    short text (a title, a number, an organ) is counted in Python: numpy's cost for each
    call (about 0.1 ms) was more than its work, a quarter of a ms a document."""
    if len(text or "") < SHORT:
        text = index_text(text)
        keys, counts = _short_han_terms(text)
        words = Counter(word.lower() for word in ASCII_WORD.findall(text))
    else:
        text, points = _index_points(text)
        keys, counts = _han_terms(points, _is_han(points))
        words = Counter(_ascii_words(text, points))
    words.update(doc_number_tokens(text))
    return Terms(keys, counts, list(words), list(words.values()))


SHORT = 64   # characters


def _short_han_terms(text: str) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``_han_terms`` of a short text (``index_text`` made), counted in Python."""
    counted: Counter = Counter()
    for run in HAN_RUN.findall(text):
        counted.update(map(ord, run))
        counted.update((ord(first) << HIGH) | ord(second) for first, second in zip(run, run[1:]))
    keys = sorted(counted)
    return numpy.array(keys, dtype=numpy.uint64), numpy.array([counted[key] for key in keys], dtype=numpy.int64)


def _is_han(points: numpy.ndarray) -> numpy.ndarray:
    han = numpy.zeros(len(points), dtype=bool)
    for first, last in HAN_BLOCKS:
        han |= (points >= first) & (points <= last)
    return han


def _index_points(text: str) -> tuple[str, numpy.ndarray]:
    """``tokenizer.index_text(text)`` and its code points, made on the code points: the
    patterns scan a text a character at a time (0.3 ms for a body of 8,000 characters),
    numpy a whole array at once.  NFKC first: each character NFKC makes another one is
    replaced (a body's fullwidth ，（）；： and ideographic spaces, ``_nfkc_table``); that
    leaves the text's NFKC the same (a character and its NFKC decompose alike), so what is
    still not in NFKC (in one body in seven: Ⅳ, ③, a combining mark) is normalized as
    ``index_text`` does."""
    points = numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    table = _nfkc_table()
    mapped = table[numpy.minimum(points, len(table) - 1)]
    mapped = numpy.where(points < len(table), mapped, points)
    if (mapped != points).any():
        text = mapped.tobytes().decode("utf-32-le")
    if not unicodedata.is_normalized("NFKC", text):
        text = nfkc(text)
        mapped = numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    kept = _not_between_han(mapped)
    if kept is not None:
        mapped = mapped[kept]
        text = mapped.tobytes().decode("utf-32-le")
    return text, mapped.astype(numpy.uint64)


def _ascii_words(text: str, points: numpy.ndarray) -> list[str]:
    """``ASCII_WORD.findall(text)`` lowercased, its runs found on the code points."""
    word = ((points >= 0x30) & (points <= 0x39)) | ((points >= 0x41) & (points <= 0x5A)) | ((points >= 0x61) & (points <= 0x7A))
    starts, ends = _runs(word)
    return [text[start:end].lower() for start, end in zip(starts.tolist(), ends.tolist())]


def _runs(mask: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Where each run of ``mask``'s True values starts, and where it ends (after it)."""
    edges = numpy.diff(numpy.concatenate(([False], mask, [False])).view(numpy.int8))
    return numpy.flatnonzero(edges == 1), numpy.flatnonzero(edges == -1)


def _not_between_han(points: numpy.ndarray) -> numpy.ndarray | None:
    """Which code points to keep once each run of spaces with a Han character on both sides
    is taken out (``tokenizer.SPACE_BETWEEN_HAN``); None where there is none."""
    space = numpy.zeros(len(points), dtype=bool)
    for char in SPACES:
        space |= points == ord(char)
    starts, ends = _runs(space)
    han = numpy.append(_is_han(points), False)   # [-1] and [len]: no character, so no Han
    between = han[starts - 1] & han[ends]
    if not between.any():
        return None
    marks = numpy.zeros(len(points) + 1, dtype=numpy.int32)
    marks[starts[between]] = 1
    marks[ends[between]] = -1
    return numpy.cumsum(marks[:-1]) == 0


@lru_cache(maxsize=1)
def _nfkc_table() -> numpy.ndarray:
    """Code point → the one character NFKC makes of it, for the blocks a gazette's text
    draws on (Latin-1, punctuation to CJK symbols, fullwidth forms); any other to itself.
    Which characters it covers changes nothing but how much is left to ``nfkc``."""
    table = numpy.arange(0x10000, dtype=numpy.uint32)
    for first, last in ((0x00A0, 0x00FF), (0x2000, 0x33FF), (0xFE30, 0xFFEF)):
        for point in range(first, last + 1):
            normal = unicodedata.normalize("NFKC", chr(point))
            if len(normal) == 1:
                table[point] = ord(normal)
    return table


def _han_terms(points: numpy.ndarray, han: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The Han characters and bigrams of ``points`` (``han`` tells which are Han), as sorted
    keys and their counts.  Only the bigrams are sorted: a character is counted once as the
    first of each bigram and once more where it ends a run, and sorted bigrams come grouped
    by their first character (a sort of 8,000 numbers, not 16,000)."""
    pairs, counts = numpy.unique(((points[:-1] << numpy.uint64(HIGH)) | points[1:])[han[:-1] & han[1:]],
                                 return_counts=True)
    first = pairs >> numpy.uint64(HIGH)
    starts = run_starts(first)
    ends, end_counts = numpy.unique(points[han & ~numpy.append(han[1:], False)], return_counts=True)
    chars, where = numpy.unique(numpy.concatenate((first[starts], ends)), return_inverse=True)
    char_counts = numpy.bincount(where, numpy.concatenate((numpy.add.reduceat(counts, starts), end_counts)))
    return numpy.concatenate((chars, pairs)), numpy.concatenate((char_counts.astype(numpy.int64), counts))


def run_starts(values: numpy.ndarray) -> numpy.ndarray:
    """Where each run of equal values begins in sorted ``values``."""
    changes = numpy.ones(len(values), dtype=bool)
    changes[1:] = values[1:] != values[:-1]
    return numpy.flatnonzero(changes)


def key_strings(keys: numpy.ndarray) -> list[str]:
    """The terms the keys stand for."""
    return [chr(key >> HIGH) + chr(key & LOW) if key > LOW else chr(key) for key in keys.tolist()]


def pack(terms: Terms) -> tuple[bytes, bytes, str, bytes]:
    """Terms as the search cache keeps them (compact, and quick to load)."""
    return (terms.keys.tobytes(), terms.counts.astype(numpy.int32).tobytes(), "\n".join(terms.words),
            array("i", terms.word_counts).tobytes())


def unpack(packed: tuple[bytes, bytes, str, bytes]) -> Terms:
    keys, counts, words, word_counts = packed
    return Terms(numpy.frombuffer(keys, dtype=numpy.uint64), numpy.frombuffer(counts, dtype=numpy.int32),
                 words.split("\n") if words else [], array("i", word_counts).tolist())


def term_counts(text: str) -> Counter:
    """``count_terms`` as a ``Counter`` of strings: ``Counter(tokens(text))``, which a test holds it to."""
    terms = count_terms(text)
    return Counter(dict(zip(terms.strings(), terms.counts.tolist() + terms.word_counts)))
