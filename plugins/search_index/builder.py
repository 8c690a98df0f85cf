"""A lunr index partitioned by term, built with whole-archive statistics.

Each part holds only the terms whose partition key hashes to it, in a compact form that
``expand`` (Python) and ``search.js`` (browser) turn into a real lunr index: lunr.js's own
``Index``, ``Vector`` and ``TokenSet`` then query and score it.  Document count, document frequencies and
average field lengths are those of the whole archive, and lunr's BM25 field vectors are
computed exactly as lunr.py's ``Builder`` does (same idf, k1, b, boosts, rounding), so a
query's per-term scores summed over the parts rank like one index over everything
(``tests/test_search_index.py`` compares the two).
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from .tokenizer import HAN_RUN

K1 = 1.2
B = 0.75
LUNR_VERSION = "2.3.9"


def fnv1a(text: str) -> int:
    """FNV-1a (32 bit) of the UTF-8 bytes, as ``tokenizer.js`` computes it."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def partition_key(term: str) -> str:
    """Terms that start with the same Han character share a part, so that a one-character
    query can be answered as a prefix search in one file."""
    return term[0] if HAN_RUN.fullmatch(term[0]) else term


def partition_of(term: str, count: int) -> int:
    return fnv1a(partition_key(term)) % count


def js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; lunr.js needs its terms so sorted."""
    return term.encode("utf-16-be")


def _idf(with_term: int, count: int) -> float:
    """lunr's idf (``lunr.idf.idf``): ``with_term`` counts (document, field) pairs."""
    return math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))


def partition_count(postings: int, per_part: int = 4000) -> int:
    """Parts enough for about ``per_part`` postings each: a power of two from 32 to 8192."""
    wanted = max(1, postings // per_part)
    return min(8192, max(32, 1 << (wanted - 1).bit_length()))  # at least as many parts as spill groups


class PartitionedIndex:
    """Postings are spilled to ``groups`` temporary files while documents are added (only
    document frequencies and field lengths stay in memory), then each group of parts is
    scored and serialized on its own: memory grows with one group, not the archive."""

    def __init__(self, fields: dict[str, float], workdir: Path, groups: int = 32):
        self.fields = fields                      # field name → boost
        self.lengths: dict[tuple[str, str], int] = {}
        self.field_postings: Counter = Counter()  # term → number of (document, field) pairs holding it
        self.refs: list[str] = []
        self.groups = groups
        self.posting_count = 0
        workdir.mkdir(parents=True, exist_ok=True)
        self._paths = [workdir / f"group-{n}.tsv" for n in range(groups)]
        self._files = [path.open("w", encoding="utf-8") for path in self._paths]

    def add(self, ref: str, field_tokens: dict[str, list[str]]) -> None:
        self.refs.append(ref)
        for field in self.fields:
            terms = field_tokens.get(field, [])
            counts = Counter(terms)
            self.lengths[(ref, field)] = len(terms)
            self.field_postings.update(counts.keys())
            self.posting_count += len(counts)
            for term, tf in counts.items():
                self._files[fnv1a(partition_key(term)) % self.groups].write(f"{term}\t{field}\t{ref}\t{tf}\n")

    def _average_lengths(self) -> dict[str, float]:
        totals: Counter = Counter()
        for (_, field), length in self.lengths.items():
            totals[field] += length
        return {field: totals[field] / max(1, len(self.refs)) for field in self.fields}

    def _group_scores(self, path: Path, average: dict[str, float]):
        """(term, field, ref, score) of one group, with lunr's BM25 formula."""
        count = len(self.refs)
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                term, field, ref, tf = line.rstrip("\n").split("\t")
                tf = int(tf)
                length_ratio = self.lengths[(ref, field)] / average[field] if average[field] else 0
                norm = K1 * (1 - B + B * length_ratio)
                score = _idf(self.field_postings[term], count) * ((K1 + 1) * tf) / (norm + tf) * self.fields[field]
                yield term, field, ref, round(score, 3)

    def _close(self) -> None:
        for handle in self._files:
            if not handle.closed:
                handle.close()

    def scores(self):
        """Every (term, field, ref, score)."""
        self._close()
        average = self._average_lengths()
        for path in self._paths:
            yield from self._group_scores(path, average)

    def build(self, partitions: int):
        """Yield (part number, compact part) for every part, a group at a time."""
        self._close()
        average = self._average_lengths()
        for group, path in enumerate(self._paths):
            parts: dict[int, list[tuple]] = {number: [] for number in range(group, partitions, self.groups)}
            for entry in self._group_scores(path, average):
                parts[partition_of(entry[0], partitions)].append(entry)
            for number, entries in parts.items():
                yield number, self._serialize(entries)
            path.unlink()

    def _serialize(self, entries: list[tuple]) -> dict:
        """One part, compact: terms in JavaScript order, each with its postings as flat
        (field number, document, score) triples.  ``expand`` (and tokenizer.js) turn it into
        the lunr index it stands for; lunr's own JSON would store each posting twice."""
        field_number = {field: n for n, field in enumerate(self.fields)}
        postings: dict[str, list] = {}
        for term, field, ref, score in sorted(entries, key=lambda e: (js_order(e[0]), int(e[2]), field_number[e[1]])):
            postings.setdefault(term, []).extend((field_number[field], int(ref), score))
        return {"fields": list(self.fields), "terms": [[term, flat] for term, flat in postings.items()]}


def expand(part: dict) -> dict:
    """The lunr index (lunr's serialization, as ``lunr.Index.load`` reads it) that a compact
    part stands for."""
    fields = part["fields"]
    inverted, vectors = [], {}
    for position, (term, flat) in enumerate(part["terms"]):
        posting = {"_index": position, **{field: {} for field in fields}}
        for field_number, ref, score in zip(flat[::3], flat[1::3], flat[2::3]):
            posting[fields[field_number]][str(ref)] = {}
            vectors.setdefault(f"{fields[field_number]}/{ref}", []).extend((position, score))
        inverted.append([term, posting])
    return {"version": LUNR_VERSION, "fields": fields, "fieldVectors": [[k, v] for k, v in sorted(vectors.items())],
            "invertedIndex": inverted, "pipeline": []}
