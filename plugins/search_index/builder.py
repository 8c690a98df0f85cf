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
import multiprocessing
from collections import Counter
from pathlib import Path


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
    """The whole term: parts fill evenly (keying on a first character put every bigram of a
    common character into one large part)."""
    return term


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


def _fork_pool(workers: int):
    """A pool of forked workers (they share the parent's memory as it was), or None."""
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(workers)


class PartitionedIndex:
    """Postings are spilled to temporary files, one per group of parts, while documents are
    tokenized (only document frequencies and field lengths stay in memory); then each
    group is scored and serialized on its own: memory grows with one group, not the
    archive.  Both steps run on every core."""

    def __init__(self, fields: dict[str, float], workdir: Path, groups: int = 32, workers: int = 1):
        self.fields = fields                      # field name → boost
        self.lengths: dict[tuple[str, str], int] = {}
        self.field_postings: Counter = Counter()  # term → number of (document, field) pairs holding it
        self.refs: list[str] = []
        self.groups = groups
        self.workers = workers
        self.posting_count = 0
        self.workdir = workdir
        self._chunks = 0
        workdir.mkdir(parents=True, exist_ok=True)

    def add_all(self, records: list[tuple[str, dict[str, list[str]]]]) -> None:
        """Add documents, in order: (ref, {field: tokens}); tokens may be a callable's input,
        see ``tokenize``."""
        size = -(-len(records) // max(1, self.workers))
        chunks = [records[start:start + size] for start in range(0, len(records), size)] or [[]]
        jobs = [(self._chunks + n, chunk) for n, chunk in enumerate(chunks)]
        _STATE["index"] = self  # before forking: the workers inherit it
        pool = _fork_pool(min(self.workers, len(jobs)))
        results = pool.map(_spill_chunk, jobs) if pool else [_spill_chunk(job) for job in jobs]
        if pool:
            pool.close()
            pool.join()
        for lengths, field_postings, posting_count in results:
            self.lengths.update(lengths)
            self.field_postings.update(field_postings)
            self.posting_count += posting_count
        self.refs += [ref for ref, _ in records]
        self._chunks += len(jobs)

    def add(self, ref: str, field_tokens: dict[str, list[str]]) -> None:
        self.add_all([(ref, field_tokens)])

    def _group_paths(self, group: int) -> list[Path]:
        return [self.workdir / f"chunk-{chunk}-group-{group}.tsv" for chunk in range(self._chunks)]

    def _average_lengths(self) -> dict[str, float]:
        totals: Counter = Counter()
        for (_, field), length in self.lengths.items():
            totals[field] += length
        return {field: totals[field] / max(1, len(self.refs)) for field in self.fields}

    def _group_scores(self, group: int, average: dict[str, float]):
        """(term, field, ref, score) of one group, with lunr's BM25 formula, in document order."""
        count = len(self.refs)
        idf_of: dict[str, float] = {}
        for path in self._group_paths(group):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    term, field, ref, tf = line.rstrip("\n").split("\t")
                    tf = int(tf)
                    idf = idf_of.get(term)
                    if idf is None:
                        idf = idf_of[term] = _idf(self.field_postings[term], count)
                    length_ratio = self.lengths[(ref, field)] / average[field] if average[field] else 0
                    norm = K1 * (1 - B + B * length_ratio)
                    yield term, field, ref, round(idf * ((K1 + 1) * tf) / (norm + tf) * self.fields[field], 3)

    def scores(self):
        """Every (term, field, ref, score)."""
        average = self._average_lengths()
        for group in range(self.groups):
            yield from self._group_scores(group, average)

    def group_parts(self, group: int, partitions: int):
        """Yield (part number, compact part) for the parts of one group.

        A compact part lists its terms in JavaScript order, each with its postings as flat
        (field number, gap to the previous document, score × 1000) triples; ``expand`` (and search.js) turn it into
        the lunr index it stands for: lunr's own JSON would store each posting twice.
        Postings arrive in document order (documents are added in order), so no sort is
        needed but the terms'."""
        field_number = {field: n for n, field in enumerate(self.fields)}
        postings: dict[str, list] = {}
        previous: dict[str, int] = {}
        for term, field, ref, score in self._group_scores(group, self._average_lengths()):
            flat = postings.get(term)
            if flat is None:
                flat = postings[term] = []
            document = int(ref)
            # documents as gaps from the previous one, scores in thousandths: fewer digits
            flat += (field_number[field], document - previous.get(term, 0), round(score * 1000))
            previous[term] = document
        parts: dict[int, list[str]] = {number: [] for number in range(group, partitions, self.groups)}
        for term in postings:
            parts[partition_of(term, partitions)].append(term)
        for number, terms in parts.items():
            terms.sort(key=js_order)
            yield number, {"fields": list(self.fields), "terms": [[term, postings[term]] for term in terms]}

    def build(self, partitions: int):
        """Yield (part number, compact part) for every part, a group at a time."""
        for group in range(self.groups):
            yield from self.group_parts(group, partitions)

    def write_parts(self, partitions: int, write) -> int:
        """Write every part with ``write(number, part)`` (which returns bytes written), the
        groups shared among the workers; returns the bytes written."""
        _STATE.update(index=self, partitions=partitions, write=write)
        pool = _fork_pool(self.workers)
        sizes = pool.map(_write_group, range(self.groups)) if pool else [_write_group(g) for g in range(self.groups)]
        if pool:
            pool.close()
            pool.join()
        return sum(sizes)


_STATE: dict = {}  # what forked workers read (they inherit it; nothing is pickled)


def _spill_chunk(job: tuple[int, list]) -> tuple[dict, Counter, int]:
    chunk, records = job
    index: PartitionedIndex = _STATE["index"]
    files = [(index.workdir / f"chunk-{chunk}-group-{g}.tsv").open("w", encoding="utf-8") for g in range(index.groups)]
    lengths, field_postings, posting_count, group_of = {}, Counter(), 0, {}
    for ref, field_tokens in records:
        for field in index.fields:
            terms = field_tokens.get(field, [])
            terms = tokenize(terms) if isinstance(terms, str) else terms
            counts = Counter(terms)
            lengths[(ref, field)] = len(terms)
            field_postings.update(counts.keys())
            posting_count += len(counts)
            for term, tf in counts.items():
                group = group_of.get(term)
                if group is None:
                    group = group_of[term] = fnv1a(partition_key(term)) % index.groups
                files[group].write(f"{term}\t{field}\t{ref}\t{tf}\n")
    for handle in files:
        handle.close()
    return lengths, field_postings, posting_count


def _write_group(group: int) -> int:
    index, partitions, write = _STATE["index"], _STATE["partitions"], _STATE["write"]
    return sum(write(number, part) for number, part in index.group_parts(group, partitions))


def tokenize(text: str) -> list[str]:
    from .tokenizer import tokens

    return tokens(text)


def expand(part: dict) -> dict:
    """The lunr index (lunr's serialization, as ``lunr.Index.load`` reads it) that a compact
    part stands for."""
    fields = part["fields"]
    inverted, vectors = [], {}
    for position, (term, flat) in enumerate(part["terms"]):
        posting = {"_index": position, **{field: {} for field in fields}}
        ref = 0
        for field_number, gap, thousandths in zip(flat[::3], flat[1::3], flat[2::3]):
            ref += gap
            posting[fields[field_number]][str(ref)] = {}
            vectors.setdefault(f"{fields[field_number]}/{ref}", []).extend((position, thousandths / 1000))
        inverted.append([term, posting])
    return {"version": LUNR_VERSION, "fields": fields, "fieldVectors": [[k, v] for k, v in sorted(vectors.items())],
            "invertedIndex": inverted, "pipeline": []}
