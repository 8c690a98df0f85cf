"""Write the search data as ``.js`` files, each calling ``GazetteSearch.receive(name, data)``."""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from gazette.cache import file_stamp
from gazette.markdown_text import to_plain
from gazette.topics import taxonomy
from gazette import schema
from plugins.forked import cores
from plugins.archive.validity import STATES, archive_date, numbers_acted_on, validity_of

from .builder import POSITIONS, PartitionedIndex, partition_count
from .codec import encode_numbers, encode_value_lists
from .datafiles import ResultFiles, json_text, keep_part, make_folders, read_part, script, write_data, write_part, write_text
from .doccache import DocumentCache, document_key
from .terms import count_terms, pack, unpack
from .tokenizer import bigram_positions

FIELDS = {"title": 10, "doc_number": 20, "issuer": 2, "body": 1}
POSITIONED = "title"  # the page finds the documents whose title holds a phrase from the index
FACETS = ("publisher", "year", "issuer", "doc_type", "topics", "validity")
# told from all documents together, after each is read: whether another repeals or amends it
VALIDITY, FORCE = "validity", "-force"
FORCE_KEYS = ("kind", "doc_type", "title", "doc_number", "repeals", "amends", "expires", "term_clause",
              "issue_date", "date")
FACET_FIELDS = {"issuer": "issuers"}  # a joint document is found under each of its organs
SORT_DATE = "date"  # kept beside a document's facets: the result list can sort by it
LAST_BUILD = "last-build"  # cache entry: each document's key, facets and lengths, and the index's size
STAMPS = "stamps"          # cache entry: each document's key, with the size and time its file had then


@dataclass
class SearchDoc:
    """What search needs of one document, read from its Markdown file."""
    url: str
    meta: dict
    body: str

    def value(self, key):
        value = self.meta.get(key)
        return value if value is not None else ""


def read_document(content: Path, path: Path, data: bytes) -> SearchDoc:
    """A document (``data``: the bytes of its file) with its page's URL (the document's
    path, .md → .html)."""
    meta, body = schema.read_document(data.decode("utf-8")) or ({}, "")
    return SearchDoc(path.relative_to(content).with_suffix(".html").as_posix(), meta, to_plain(body))


def document_paths(content: Path) -> list[Path]:
    """The documents of a content folder by their issue's date, then path; a document's
    number in the index is its place in this list.  A new issue is most often the newest,
    so the documents before it keep their numbers and a rebuild appends (``_continued``)."""
    dates: dict[Path, str] = {}
    return sorted(content.rglob("*.md"), key=lambda path: (_issue_date(path.parent, dates), path))


def _issue_date(folder: Path, dates: dict[Path, str]) -> str:
    """The date in the folder's issue record (written by the converter), or "" without one."""
    if folder not in dates:
        record = folder / schema.ISSUE_RECORD
        date = schema.field_of(record.read_text(encoding="utf-8"), "issue_date") if record.exists() else None
        dates[folder] = str(date or "")
    return dates[folder]


def write_search_files(content: Path, folder: Path, workers: int | None = None, cache: Path | None = None,
                       previous: Path | None = None) -> dict:
    """Write the search data for the documents under ``content`` into ``folder``; with a
    ``cache`` folder, what each unchanged document gave the last build is reused, and with
    the ``previous`` site's search folder too, its unchanged files are linked: when the
    last build's first documents are still the first ones, its parts are cut to them and
    the documents after them appended (``_continued``)."""
    paths = document_paths(content)
    documents = DocumentCache(cache)
    keys, stamps = _keys(content, paths, documents.get(STAMPS) or {})
    make_folders(folder)
    last = documents.get(LAST_BUILD) if previous else None
    kept, cut = _continued(last, keys, previous, documents)
    earlier = ResultFiles(previous, last["keys"] if last else None)
    with tempfile.TemporaryDirectory(prefix="search-index-") as workdir:
        index = PartitionedIndex(FIELDS, Path(workdir), workers=workers or cores(),
                                 earlier=_earlier_index(last, kept, cut), positioned=POSITIONED)
        items = [(ref, paths[ref], keys[ref]) for ref in range(kept, len(paths))]
        # the workers read each document, write its result-list file and tokenize it
        extras = index.add_all(items, partial(_read_for_index, content, folder, documents, earlier))
        parts = partition_count(index.posting_count)
        if kept and parts != last["parts"]:  # the archive outgrew its parts: all anew
            shutil.rmtree(folder, ignore_errors=True)
            return write_search_files(content, folder, workers, cache, None)
        written = sum(size for _, size in extras)
        written += sum(_result_file(content, folder, documents, earlier, item) for item in zip(range(kept), paths, keys))
        written += _write_parts(index, parts, folder, previous if kept else None)
        lengths = index.encoded_lengths()
        stats = index.stats()
    facets = (last["facets"][:kept] if kept else []) + [facets for facets, _ in extras]  # in the documents' order
    _tell_validity(facets)
    page_bytes, meta = _write_page_files(folder, facets, lengths, stats, parts)
    documents.keep_only(set(keys))
    documents.put(STAMPS, stamps)
    documents.put(LAST_BUILD, {"keys": keys, "facets": facets, "lengths": [list(field) for field in stats["lengths"]],
                               "posting_count": index.posting_count, "parts": parts, "meta": meta})
    appended = {"appended": len(paths) - kept, "cut": len(last["keys"]) - kept} if kept else {"appended": None, "cut": None}
    return {"documents": stats["documents"], "parts": parts, "bytes": written + page_bytes, **appended}


def _keys(content: Path, paths: list[Path], known: dict) -> tuple[list[str], dict]:
    """Each document's key: what it is (its bytes) and where (its path); and the stamps to
    keep.  A file read when its key was last taken is not read again while its size and
    modification time hold (``known``: the last build's stamps), as the ingest's do."""
    keys, stamps = [], {}
    for path in paths:
        relative = path.relative_to(content).as_posix()
        stamp = file_stamp(path)
        taken = known.get(relative)
        key = taken[1] if taken and taken[0] == stamp else document_key(relative, path.read_bytes())
        stamps[relative] = (stamp, key)
        keys.append(key)
    return keys, stamps


def _earlier_index(last: dict | None, kept: int, cut: tuple[int, set[str]]):
    """What the index goes on from: the last build's field lengths of the documents kept,
    its postings less those cut, and the terms cut; or None (built anew)."""
    if not kept:
        return None
    return [field[:kept] for field in last["lengths"]], last["posting_count"] - cut[0], cut[1]


def _write_parts(index: PartitionedIndex, parts: int, folder: Path, previous: Path | None) -> int:
    """Write the index's parts; going on from the ``previous`` site's, those unchanged linked."""
    if previous is None:
        return index.write_parts(parts, partial(write_part, folder))
    return index.append_parts(parts, partial(read_part, previous), partial(write_part, folder),
                              partial(keep_part, previous, folder))


def _write_page_files(folder: Path, facets: list[dict], lengths, stats: dict, parts: int) -> tuple[int, str]:
    """The files the search page loads with it: facets, dates, field lengths and meta.js."""
    values, rows = _facets(facets)
    written = write_data(folder, "facet-values.js", "facet-values", values)
    written += write_data(folder, "facet-docs.js", "facet-docs", rows)        # filters and their counts
    written += write_data(folder, "dates.js", "dates", encode_numbers(_day(d.get(SORT_DATE)) for d in facets))  # sorting by date
    written += write_data(folder, "lengths.js", "lengths", lengths)
    meta = script("meta", json_text({"partitions": parts, "documents": stats["documents"], "fields": stats["fields"],
                                  "boosts": stats["boosts"], "average": stats["average"],
                                  "positioned": stats["fields"].index(POSITIONED)}))
    return written + write_text(folder, "meta.js", meta), meta


# A rebuild cuts at most this share of the archive off the previous parts (appending
# costs what building those documents would); beyond it, building anew costs as much.
CONTINUE_SHARE = 0.25


def _continued(last: dict | None, keys: list[str], previous: Path | None,
               documents: DocumentCache) -> tuple[int, tuple[int, set[str]]]:
    """How many of the last build's documents the index keeps under the numbers they have
    — those it begins with still, when its site is the previous one (its meta.js as that
    build wrote it) and the documents after them are few — with the number of postings
    and the terms of the last build's documents after them (the parts lose those
    postings); or 0: the index is built anew.  A new issue that is the newest keeps
    every document; one dated among the last issues keeps all before it."""
    nothing = 0, (0, set())
    if not last:
        return nothing
    kept = 0
    for before, now in zip(last["keys"], keys):
        if before != now:
            break
        kept += 1
    if not kept or len(last["keys"]) - kept > CONTINUE_SHARE * len(keys):
        return nothing
    try:
        if (previous / "meta.js").read_text(encoding="utf-8") != last["meta"]:
            return nothing
    except OSError:
        return nothing
    postings, terms = 0, set()
    for key in last["keys"][kept:]:
        cached = documents.get(key)
        if cached is None:
            return nothing
        for packed in cached[0][1].values():
            field_terms = unpack(packed).strings()
            postings += len(field_terms)
            terms.update(field_terms)
    return kept, (postings, terms)


def _read_for_index(content: Path, folder: Path, cache: DocumentCache, earlier: ResultFiles,
                    item: tuple[int, Path, str]):
    """A document's terms per field for the index; its facet values and the bytes of the
    file the result list shows it from (its row and its text, for the snippet)."""
    ref, path, key = item
    cached, payload = cache.get(key), None
    if cached is None:
        cached = _index_entry(read_document(content, path, path.read_bytes()))
        cache.put(key, cached)
        payload = cached[1]  # written; a cached one is linked from the previous site if it can be
    facets, counts, positions = cached[0]
    size = _result_file(content, folder, cache, earlier, item, payload)
    return {**{field: unpack(packed) for field, packed in counts.items()}, POSITIONS: positions}, (facets, size)


def _result_file(content: Path, folder: Path, cache: DocumentCache, earlier: ResultFiles,
                 item: tuple[int, Path, str], payload: str | None = None) -> int:
    """Write ``doc/ref.js`` (or link the previous site's, if it showed the same document)."""
    ref, path, key = item
    target = folder / "doc" / f"{ref}.js"
    size = None if payload else earlier.link(ref, key, target)
    if size is None:
        payload = payload or (cache.get(key) or _index_entry(read_document(content, path, path.read_bytes())))[1]
        size = write_text(folder, f"doc/{ref}.js", script(f"doc/{ref}", payload))
    return size


def _index_entry(document: SearchDoc) -> tuple[tuple[dict, dict, dict], str]:
    """What the index keeps of a document — its facet values, its terms per field and where
    its bigrams stand in the positioned field — and its result-list file's payload (its
    row and its text)."""
    texts = {"title": document.value("title"), "doc_number": document.value("doc_number"),
             "issuer": document.value("issuer"), "body": document.body}
    facets = {facet: _as_list(document.value(FACET_FIELDS.get(facet, facet))) for facet in FACETS if facet != VALIDITY}
    facets[SORT_DATE] = str(document.value("date"))
    facets[FORCE] = {key: document.meta.get(key) for key in FORCE_KEYS}
    counts = {field: pack(count_terms(text)) for field, text in texts.items()}
    return (facets, counts, bigram_positions(texts[POSITIONED])), json_text([_doc_row(document), document.body])


def _doc_row(document: SearchDoc) -> list:
    issue = f"{document.value('publisher')} {document.value('issue_label')}".strip()
    return [document.value("title"), document.value("doc_number"), document.value("issuer"),
            str(document.value("date")), issue, document.url]


def _tell_validity(facets: list[dict]) -> None:
    """Each document's validity facet, as its page states it (``plugins.archive.validity``)."""
    metas = [facet.get(FORCE) or {} for facet in facets]
    repealed, amended = numbers_acted_on(metas)
    as_of = archive_date([meta.get("issue_date") for meta in metas] + [meta.get("date") for meta in metas])
    for facet, meta in zip(facets, metas):
        number = meta.get("doc_number")
        validity = validity_of(meta, number in repealed, number in amended, as_of)
        facet[VALIDITY] = [validity.state] if validity else []


def _facets(documents: list[dict]) -> tuple[dict, list]:
    """Each facet's values, and per facet the positions of each document's values in its
    list (``encode_value_lists``: about a character a document and facet)."""
    order = {t["name"]: n for n, t in enumerate(taxonomy()["topics"])}
    values = {facet: sorted({str(v) for d in documents for v in d[facet] if v != ""},
                            key=lambda v: (order.get(v, 0), v) if facet == "topics" else
                            (STATES.index(v), v) if facet == VALIDITY else v)
              for facet in FACETS}
    position = {facet: {v: n for n, v in enumerate(values[facet])} for facet in FACETS}
    rows = {f: encode_value_lists([position[f][str(v)] for v in d[f] if v != ""] for d in documents) for f in FACETS}
    return {"names": list(FACETS), "values": values}, rows


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _day(date: str | None) -> int:
    """A signing date as the number YYYYMMDD (0 without one), the order the list sorts by.

    >>> _day("2024-03-05"), _day(""), _day(None)
    (20240305, 0, 0)
    """
    match = _DATE.fullmatch(date or "")
    return int("".join(match.groups())) if match else 0


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]
