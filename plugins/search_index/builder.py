"""A lunr index partitioned by term, ranked with whole-archive statistics.

Each part holds the terms whose FNV-1a hash falls to it, and for each term its postings per
field: (document, term frequency), compact (``codec``).  Parts store frequencies, not
scores: lunr's BM25 field vectors are computed from them with the whole archive's document
count, document frequencies and field lengths (``stats``: ``meta.js`` and ``lengths.js``),
exactly as lunr's ``Builder`` computes them — by ``scoring.field_scores`` here and by
``search-index.js`` in the browser, where lunr.js's own ``Index`` then queries them.  So a
query's ranking is that of one lunr index over everything (``tests/test_search_index.py``
compares with lunr.py), a posting is one or two characters, and no part needs a second
pass over the archive.

Building: the documents are shared among forked workers, each tokenizing its share and
spilling postings to one file per group of parts every few hundred documents (memory grows
with those documents, not with the archive); then each group's files are merged and its
parts written, the groups shared among the workers.
"""
from __future__ import annotations

import pickle
from array import array
from collections import defaultdict
from functools import partial
from pathlib import Path

import numpy

from plugins.forked import run_forked

from .codec import encode_numbers
from .parts import appended_part, encoded_terms
from .scoring import fnv1a, js_order, partition_of
from .terms import Terms, count_terms, key_strings, run_starts

SPILL_EVERY = 500  # documents a worker holds before writing their postings out
POSITIONS = "positions"  # an item's key for where the bigrams of its positioned field stand


def partition_count(postings: int, per_part: int = 6000) -> int:
    """Parts enough for about ``per_part`` postings each: a power of two from 32 to 8192
    (at least as many parts as spill groups, and a multiple of their number)."""
    wanted = max(1, postings // per_part)
    return min(8192, max(32, 1 << (wanted - 1).bit_length()))


class PartitionedIndex:
    """Documents go in with ``add_all`` (their number is their order); ``write_parts`` writes
    the parts; ``stats`` is what the browser needs besides them.

    With a ``positioned`` field, a term's entry in a part has one more column after its
    fields: where the term stands in that field, for each posting of the field (see
    ``codec``), from each item's ``POSITIONS`` (term → positions).  It lets the page tell
    which documents hold a phrase there without loading their texts; a title is short, so
    it costs little.

    An index can continue an earlier one (``earlier``: the field lengths of the documents
    it keeps, the number of their postings, and the terms of the documents after them):
    documents added are numbered after the kept ones, and ``append_parts`` writes each
    earlier part cut to the kept documents with the added ones' postings appended."""

    def __init__(self, fields: dict[str, float], workdir: Path, groups: int = 32, workers: int = 1,
                 earlier: tuple[list, int, set] | None = None, positioned: str | None = None):
        self.fields = list(fields)
        self.positioned = self.fields.index(positioned) if positioned else None
        self.columns = len(self.fields) + (positioned is not None)
        self.boosts = [fields[field] for field in self.fields]
        self.workdir = workdir
        self.groups = groups
        self.workers = workers
        lengths, self.posting_count, self.cut_terms = earlier or ([[] for _ in self.fields], 0, set())
        self.lengths: list[array] = [array("i", field) for field in lengths]
        self.kept = self.documents
        self.cut_parts: set[int] = set()  # set by append_parts, once the part count is known
        self._chunks = 0
        workdir.mkdir(parents=True, exist_ok=True)

    @property
    def documents(self) -> int:
        return len(self.lengths[0])

    def add_all(self, items: list, extract) -> list:
        """Add documents: ``extract(item)`` (run in a worker) returns ({field: text, or
        (terms, frequencies)}, extra); the extras come back in order."""
        if not items:
            return []
        size = -(-len(items) // max(1, self.workers))
        jobs = [(self._chunks + n, self.documents + start, items[start:start + size])
                for n, start in enumerate(range(0, len(items), size))]
        _STATE.update(index=self, extract=extract)  # before forking: the workers inherit it
        extras = []
        for lengths, posting_count, chunk_extras in run_forked(_collect_chunk, jobs, self.workers):
            for mine, theirs in zip(self.lengths, lengths):
                mine.extend(theirs)
            self.posting_count += posting_count
            extras += chunk_extras
        self._chunks += len(jobs)
        return extras

    def stats(self) -> dict:
        count = max(1, self.documents)
        return {"documents": self.documents, "fields": self.fields, "boosts": self.boosts,
                "average": [sum(lengths) / count for lengths in self.lengths], "lengths": self.lengths}

    def encoded_lengths(self) -> dict[str, str]:
        return {field: encode_numbers(lengths) for field, lengths in zip(self.fields, self.lengths)}

    def _group_path(self, chunk: int, group: int) -> Path:
        return self.workdir / f"chunk-{chunk}-group-{group}.pickle"

    def merged(self, group: int) -> dict[str, list]:
        """term → per field its packed postings (see ``codec``), for one group's terms;
        spills are read in document order, so the arrays stay in document order."""
        terms: dict[str, list] = {}
        for chunk in range(self._chunks):
            for spill in _spills(self._group_path(chunk, group)):
                for term, fields in spill.items():
                    have = terms.get(term)
                    if have is None:
                        terms[term] = fields
                    else:
                        _append_postings(have, fields)
        return terms

    def postings(self):
        """Every term with its postings per field [[(document, frequency), …], …]."""
        for group in range(self.groups):
            for term, fields in sorted(self.merged(group).items()):
                yield term, [[(packed >> 32, packed & 0xFFFFFFFF) for packed in flat] if flat else []
                         for flat in fields[:len(self.fields)]]

    def group_parts(self, group: int, partitions: int):
        """(part number, part) for the parts of one group.  A part lists its terms in
        JavaScript's order, each as [term, postings in field 1, field 2, …]."""
        parts: dict[int, list] = {number: [] for number in range(group, partitions, self.groups)}
        merged = self.merged(group)
        for term, encoded in zip(merged, encoded_terms(list(merged.values()), len(self.fields))):
            parts[partition_of(term, partitions)].append([term, *encoded])
        for number, entries in parts.items():
            entries.sort(key=lambda entry: js_order(entry[0]))
            yield number, entries

    def write_parts(self, partitions: int, write) -> int:
        """Write every part with ``write(number, part)`` (which returns bytes written), the
        groups shared among the workers; returns the bytes written."""
        _STATE.update(index=self, partitions=partitions, write=write)
        return sum(run_forked(_write_group, list(range(self.groups)), self.workers))

    def appended_parts(self, group: int, partitions: int, earlier):
        """(part number, part or None) for the parts of one group, each the ``earlier(number)``
        part cut to the kept documents, with the added documents' postings appended; None
        where neither changes it."""
        added: dict[int, dict] = defaultdict(dict)
        for term, fields in self.merged(group).items():
            added[partition_of(term, partitions)][term] = fields
        for number in range(group, partitions, self.groups):
            changed = number in added or number in self.cut_parts
            yield number, (appended_part(earlier(number), added[number], self.kept, self.cut_terms, self) if changed else None)

    def append_parts(self, partitions: int, earlier, write, keep) -> int:
        """Like ``write_parts`` for an index continuing an earlier one: a part the cut or
        the added documents change is written, the others are kept with ``keep(number)``."""
        self.cut_parts = {partition_of(term, partitions) for term in self.cut_terms}  # before forking
        _STATE.update(index=self, partitions=partitions, earlier=earlier, write=write, keep=keep)
        return sum(run_forked(_append_group, list(range(self.groups)), self.workers))


def _spills(path: Path):
    """The spills one worker wrote to one group's file, in the order written."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def _append_postings(have: list, fields: list) -> None:
    """Per field, later documents' postings after the earlier ones."""
    for number, flat in enumerate(fields):
        if flat is None:
            continue
        if have[number] is None:
            have[number] = flat
        else:
            have[number].extend(flat)


_STATE: dict = {}  # what forked workers read (they inherit it; nothing is pickled)


def _collect_chunk(job: tuple[int, int, list]) -> tuple[list, int, list]:
    """Tokenize one worker's documents, spilling their postings by group."""
    chunk, first, items = job
    index: PartitionedIndex = _STATE["index"]
    extract = _STATE["extract"]
    lengths = [array("i") for _ in index.fields]
    tables = _tables(index)
    group_of: dict[str, int] = {}
    posting_count, extras = 0, []
    for offset, item in enumerate(items):
        texts, extra = extract(item)
        extras.append(extra)
        for number, field in enumerate(index.fields):
            terms = _terms(texts.get(field))
            tables[number].add(first + offset, terms)
            lengths[number].append(terms.length())
            posting_count += terms.distinct()
        if index.positioned is not None:
            for term, positions in texts.get(POSITIONS, {}).items():
                tables[-1][term].extend(positions)
        if (offset + 1) % SPILL_EVERY == 0:
            _spill(index, chunk, tables, group_of)
            tables = _tables(index)
    _spill(index, chunk, tables, group_of)
    return lengths, posting_count, extras


def _terms(value) -> Terms:
    """A field's terms: counted from its text, or as given."""
    if value is None or isinstance(value, str):
        return count_terms(value or "")
    return value


def _tables(index: PartitionedIndex) -> list:
    """Per field its postings, then (with a positions column) term → its positions."""
    positions = [defaultdict(partial(array, "q"))] if index.positioned is not None else []
    return [Postings() for _ in index.fields] + positions


class Postings:
    """One field's postings since the last spill: term → packed (document << 32 |
    frequency), in document order.  The Han terms' keys are kept as numpy arrays, a
    document's at a time, and become strings once, when ``table`` is taken."""

    def __init__(self):
        self.keys: list[numpy.ndarray] = []
        self.packed: list[numpy.ndarray] = []
        self.words: defaultdict[str, array] = defaultdict(partial(array, "q"))

    def add(self, document: int, terms: Terms) -> None:
        base = document << 32  # packed with each term's frequency: see codec
        self.keys.append(terms.keys)
        self.packed.append(terms.counts.astype(numpy.int64) + base)
        for word, count in zip(terms.words, terms.word_counts):
            self.words[word].append(base + count)

    def table(self) -> dict[str, array]:
        table = dict(self.words)  # disjoint from the Han terms
        keys = numpy.concatenate(self.keys) if self.keys else ()
        if not len(keys):
            return table
        order = numpy.argsort(keys, kind="stable")  # stable: each term's documents stay in order
        keys, packed = keys[order], numpy.concatenate(self.packed)[order]
        starts = run_starts(keys).tolist()
        for term, start, end in zip(key_strings(keys[starts]), starts, starts[1:] + [len(keys)]):
            table[term] = array("q", packed[start:end].tobytes())
        return table


def _spill(index: PartitionedIndex, chunk: int, tables: list, group_of: dict[str, int]) -> None:
    spills: list[dict] = [{} for _ in range(index.groups)]
    for number, postings in enumerate(tables):
        table = postings.table() if isinstance(postings, Postings) else postings
        for term, flat in table.items():
            group = group_of.get(term)
            if group is None:
                group = group_of[term] = fnv1a(term) % index.groups
            fields = spills[group].get(term)
            if fields is None:
                fields = spills[group][term] = [None] * len(tables)
            fields[number] = flat
    for group, spill in enumerate(spills):
        if spill:
            with index._group_path(chunk, group).open("ab") as handle:
                pickle.dump(spill, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _write_group(group: int) -> int:
    index, partitions, write = _STATE["index"], _STATE["partitions"], _STATE["write"]
    return sum(write(number, part) for number, part in index.group_parts(group, partitions))


def _append_group(group: int) -> int:
    index, partitions, write, keep = _STATE["index"], _STATE["partitions"], _STATE["write"], _STATE["keep"]
    return sum(keep(number) if part is None else write(number, part)
               for number, part in index.appended_parts(group, partitions, _STATE["earlier"]))
