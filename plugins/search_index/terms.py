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

from array import array
from collections import Counter
from typing import NamedTuple

import numpy

from .tokenizer import ASCII_WORD, HAN_BLOCKS, doc_number_tokens, index_text

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
    """The terms of ``text`` as the index tokenizes it (``tokenizer.tokens``), counted."""
    text = index_text(text)
    points = numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(numpy.uint64)
    han = numpy.zeros(len(points), dtype=bool)
    for first, last in HAN_BLOCKS:
        han |= (points >= first) & (points <= last)
    keys, counts = _han_terms(points, han)
    words = Counter(word.lower() for word in ASCII_WORD.findall(text))
    words.update(doc_number_tokens(text))
    return Terms(keys, counts, list(words), list(words.values()))


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
