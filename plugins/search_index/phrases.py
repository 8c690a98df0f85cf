"""Which characters stand before and after a bigram in a document: what the browser needs
to put the documents holding a query's exact phrase first, among all the hits.

A hit holds every bigram of the query, not necessarily the phrase (理工院 is also
matched by 管理工作 … 工院).  Holding the phrase ABCD means holding its trigrams ABC and
BCD: AB followed by C and BC preceded by A, BC followed by D and CD preceded by B.  So each
posting of a bigram carries its *context* in that document's field: a 12-bit mask of the
characters that follow it and one of those that precede it.  The postings a query loads
anyway then tell which hits hold each trigram of its phrase — no texts, no more files.  A
trigram is checked on both of its bigrams, so the rarer one decides.  A mask never misses
a neighbour:

- no neighbour (the bigram ends, or starts, its run): 0, which accepts no character;
- one neighbour (most postings): ``SINGLE`` and its code point modulo 2039 (another
  character is accepted 1 time in 2039);
- two: ``PAIR`` and each code point modulo 31, five bits each (1 in 16);
- three or more, and for any bigram standing three or more times in the field: ``ANY``,
  which accepts every character.  Finding all its neighbours would cost the build a pass over every place of
  every common bigram (it doubled the index's build time); the rarer bigram of the
  trigram decides.

A phrase's trigrams can each stand elsewhere in a document (盘锦市人民政府 … 本溪市人民政府关于
hold every trigram of 盘锦市人民政府关于); the result list checks the texts it shows.
``search.js`` tests a mask as ``accepts`` does.

>>> accepts(neighbour_mask({"院"}), "院"), accepts(neighbour_mask({"作"}), "院")
(True, False)
>>> followers, preceders = contexts("管理工作，理工院")
>>> followers["理工"] == neighbour_mask({"作", "院"}), preceders["理工"] == neighbour_mask({"管"})
(True, True)
>>> followers, preceders = contexts("管理工作，管理工作，理工院。化工院")
>>> followers["理工"], preceders["工院"] == neighbour_mask({"理", "化"})
(1023, True)
"""
from __future__ import annotations

from array import array
from collections import Counter
from itertools import compress, count, repeat
from operator import add, lshift, lt, or_

from .codec import ANY_CONTEXT, FREQUENCY, FREQUENCY_BITS
from .tokenizer import han_runs, index_text, other_terms

SINGLE = 0x800
PAIR = 0x400
ANY = ANY_CONTEXT & 0xFFF


def neighbour_mask(neighbours) -> int:
    codes = sorted(map(ord, neighbours))
    if not codes:
        return 0
    if len(codes) == 1:
        return SINGLE | codes[0] % 2039
    if len(codes) == 2:
        return PAIR | codes[0] % 31 | (codes[1] % 31) << 5
    return ANY


def accepts(mask: int, char: str) -> bool:
    """Whether ``char`` may stand beside a bigram (on the side of the mask) in the document."""
    code = ord(char)
    if mask & SINGLE:
        return mask & 0x7FF == code % 2039
    if mask & PAIR:
        return mask & 31 == code % 31 or mask >> 5 & 31 == code % 31
    return mask == ANY


def contexts(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """The follower and preceder masks of the bigrams of ``text`` (as the index reads it)."""
    han = han_runs(index_text(text))
    bigrams = list(map(add, han, han[1:]))
    return _contexts(han, bigrams, _bigram_counts(bigrams))


def _bigram_counts(bigrams: list[str]) -> Counter:
    counts = Counter(bigrams)  # counted in C
    for key in [key for key in counts if " " in key]:  # pairs across two runs
        del counts[key]
    return counts


def _contexts(han: str, bigrams: list[str], counts: Counter) -> tuple[dict[str, int], dict[str, int]]:
    """``contexts`` of the Han runs ``han``, their ``bigrams`` and the bigrams' ``counts``.
    A bigram standing once or twice has as neighbours those of its first and last places,
    found by two dictionaries built in C (a later place overwrites an earlier one); an
    archive has millions of bigrams, so the masks are looked up in C too (``_MASKS``)."""
    keys = list(counts)
    last = list(map(dict(zip(bigrams, count())).__getitem__, keys))
    first = list(map(dict(zip(reversed(bigrams), count(len(bigrams) - 1, -1))).__getitem__, keys))
    padded = " " + han + "  "  # a bigram's place p: its preceder at p, its follower at p + 3
    followers = _masks(keys, padded, first, last, 3)
    preceders = _masks(keys, padded, first, last, 0)
    for key in compress(keys, map(lt, repeat(2), counts.values())):
        followers[key] = preceders[key] = ANY
    return followers, preceders


def _masks(keys: list[str], padded: str, first: list[int], last: list[int], offset: int) -> dict[str, int]:
    """Each bigram's mask of its neighbours at its first and last places."""
    at = padded.__getitem__
    places = map(add, map(at, map(add, first, repeat(offset))), map(at, map(add, last, repeat(offset))))
    return dict(zip(keys, map(_MASKS.__getitem__, places)))


class _Masks(dict):
    """The two neighbours at a bigram's first and last places (a space: none, the run ends
    there) → their ``neighbour_mask``.  A bigram's two places mostly have one neighbour,
    so only those are kept: the others are too many."""

    def __missing__(self, places: str) -> int:
        first, last = places
        mask = neighbour_mask({first, last} - {" "})
        if first == last or " " in places:
            self[places] = mask
        return mask


_MASKS = _Masks()


def indexed_terms(text: str) -> tuple[list[str], array]:
    """A field's terms (``term_counts``) and for each its frequency with its context
    above it (follower mask, then preceder mask), as the index's postings pack them;
    computed with ``term_counts`` and ``contexts`` in one pass over the text (a test holds
    them equal)."""
    text = index_text(text)
    han = han_runs(text)
    bigrams = list(map(add, han, han[1:]))
    counts = _bigram_counts(bigrams)
    followers, preceders = _contexts(han, bigrams, counts) if bigrams else ({}, {})
    counts.update(han)
    del counts[" "]
    counts.update(other_terms(text))
    frequencies = counts.values()
    if max(frequencies, default=0) > FREQUENCY:  # the context above would be overwritten
        frequencies = map(min, frequencies, repeat(FREQUENCY))
    after = map(lshift, map(followers.get, counts, repeat(0)), repeat(FREQUENCY_BITS))
    before = map(lshift, map(preceders.get, counts, repeat(0)), repeat(FREQUENCY_BITS + 12))
    return list(counts), array("Q", map(or_, map(or_, frequencies, after), before))
