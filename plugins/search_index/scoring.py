"""What the index shares with lunr: which part holds a term, the order lunr.js needs its
terms in, and lunr's BM25 field-vector values (``field_scores``; ``search-index.js`` computes
the same in the browser).  ``expand`` turns a part back into the lunr index it stands for,
so tests can compare with lunr.py."""
from __future__ import annotations

import math

from .codec import decode_postings

K1 = 1.2
B = 0.75
LUNR_VERSION = "2.3.9"


def fnv1a(text: str) -> int:
    """FNV-1a (32 bit) of the UTF-8 bytes, as ``tokenizer.js`` computes it."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def partition_of(term: str, count: int) -> int:
    """The part holding ``term``: keyed on the whole term, so parts fill evenly (keying on a
    first character put every bigram of a common character into one large part)."""
    return fnv1a(term) % count


def js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; lunr.js needs its terms so sorted."""
    return term.encode("utf-16-be")


def idf(with_term: int, count: int) -> float:
    """lunr's idf (``lunr.idf``): ``with_term`` counts (document, field) pairs."""
    return math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))


def field_scores(postings: list, stats: dict) -> list[list[tuple[int, float]]]:
    """lunr.py's BM25 field-vector value (``Builder._create_field_vectors``) of one term in
    each field: ``postings`` holds per field [(document, frequency), …]."""
    weight = idf(sum(len(field) for field in postings), stats["documents"])
    scores = []
    for field, boost, average, lengths, field_postings in zip(
            stats["fields"], stats["boosts"], stats["average"], stats["lengths"], postings):
        scores.append([(document, round(weight * ((K1 + 1) * frequency)
                                        / (K1 * (1 - B + B * (lengths[document] / average)) + frequency) * boost, 3))
                       for document, frequency in field_postings])
    return scores


def expand(part: list, stats: dict) -> dict:
    """The lunr index (lunr's serialization, as ``lunr.Index.load`` reads it) that a part
    stands for, with ``stats`` decoded (``lengths`` as lists of numbers)."""
    fields = stats["fields"]
    inverted, vectors = [], {}
    for position, (term, *encoded) in enumerate(part):
        postings = [decode_postings(text) for text in encoded[:len(fields)]]
        entry = {"_index": position}
        for field, scored in zip(fields, field_scores(postings, stats)):
            entry[field] = {str(document): {} for document, _ in scored}
            for document, score in scored:
                vectors.setdefault(f"{field}/{document}", []).extend((position, score))
        inverted.append([term, entry])
    return {"version": LUNR_VERSION, "fields": fields, "fieldVectors": [[k, v] for k, v in sorted(vectors.items())],
            "invertedIndex": inverted, "pipeline": []}
