"""Write the search data as ``.js`` files, each calling ``GazetteSearch.receive(name, data)``."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from gazette.markdown_text import to_plain
from gazette.topics import taxonomy

from .builder import PartitionedIndex, partition_count
from .doccache import DocumentCache, document_key, pack_counts, unpack_counts
from .tokenizer import term_counts

FIELDS = {"title": 10, "doc_number": 20, "issuer": 2, "body": 1}
FACETS = ("publisher", "year", "issuer", "doc_type", "topics")
REFS = "result-files"  # cache entry: the document key each result-list file showed
ROW = "-row"           # cache entry suffix: a document's result-list file content
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # data built in a fixed order


def _script(name: str, payload: str) -> str:
    """A data file: it hands its JSON ``payload`` to the page."""
    return f"GazetteSearch.receive({json.dumps(name)},{payload});\n"


def _write(folder: Path, relative: str, name: str, data) -> int:
    return _write_text(folder, relative, _script(name, _json(data)))


def _write_text(folder: Path, relative: str, text: str) -> int:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


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
    _, front, body = data.decode("utf-8").split("---\n", 2)
    meta = yaml.load(front, Loader=_LOADER) or {}
    return SearchDoc(path.relative_to(content).with_suffix(".html").as_posix(), meta, to_plain(body))


def document_paths(content: Path) -> list[Path]:
    """The documents of a content folder in path order (the order Pelican reads them in);
    a document's number in the index is its place in this list."""
    return sorted(content.rglob("*.md"))


def write_search_files(content: Path, folder: Path, workers: int | None = None, cache: Path | None = None,
                       previous: Path | None = None) -> dict:
    """Write the search data for the documents under ``content`` into ``folder``; with a
    ``cache`` folder, what each unchanged document gave the last build is reused, and with
    the ``previous`` site's search folder too, its unchanged result-list files are linked."""
    items = list(enumerate(document_paths(content)))
    documents = DocumentCache(cache)
    earlier = ResultFiles(previous, documents.get(REFS) if previous else None)
    with tempfile.TemporaryDirectory(prefix="search-index-") as workdir:
        index = PartitionedIndex(FIELDS, Path(workdir), workers=workers or os.cpu_count() or 1)
        # the workers read each document, write its result-list file and tokenize it
        extras = index.add_all(items, partial(_read_for_index, content, folder, documents, earlier))
        parts = partition_count(index.posting_count)
        written = sum(size for _, size, _ in extras)
        written += index.write_parts(parts, lambda number, part: _write(folder, f"index/{number}.js",
                                                                        f"index/{number}", part))
        lengths = index.encoded_lengths()
        stats = index.stats()
    keys = [key for _, _, key in extras]
    documents.keep_only(set(keys))
    documents.put(REFS, keys)  # which document each result-list file showed
    values, rows = _facets([facets for facets, _, _ in extras])
    written += _write(folder, "facet-values.js", "facet-values", values)  # loaded with the page
    written += _write(folder, "facet-docs.js", "facet-docs", rows)        # loaded when a filter is set
    written += _write(folder, "lengths.js", "lengths", lengths)           # loaded with the page
    written += _write(folder, "meta.js", "meta", {"partitions": parts, "documents": stats["documents"],
                                                  "fields": stats["fields"], "boosts": stats["boosts"],
                                                  "average": stats["average"]})
    return {"documents": stats["documents"], "parts": parts, "bytes": written}


class ResultFiles:
    """The previous site's result-list files (``doc/N.js``) and the document each showed."""

    def __init__(self, folder: Path | None, keys: list[str] | None):
        self.folder, self.keys = folder, keys or []

    def link(self, ref: int, key: str, target: Path) -> int | None:
        """Link ``doc/ref.js`` from the previous site if it showed the same document; its size."""
        if self.folder is None or ref >= len(self.keys) or self.keys[ref] != key:
            return None
        source = self.folder / "doc" / f"{ref}.js"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
            return target.stat().st_size
        except OSError:
            return None


def _read_for_index(content: Path, folder: Path, cache: DocumentCache, earlier: ResultFiles, item: tuple[int, Path]):
    """A document's terms per field for the index; its facet values, the bytes of the file
    the result list shows it from (its row and its text, for the snippet), and its cache key."""
    ref, path = item
    data = path.read_bytes()
    key = document_key(path.relative_to(content).as_posix(), data)
    entry, payload = cache.get(key), None
    if entry is None:
        entry, payload = _index_entry(read_document(content, path, data))
        cache.put(key, entry)
        cache.put(key + ROW, payload)
    facets, counts = entry
    size = None if payload else earlier.link(ref, key, folder / "doc" / f"{ref}.js")
    if size is None:
        size = _write_text(folder, f"doc/{ref}.js", _script(f"doc/{ref}", payload or cache.get(key + ROW)))
    return {field: unpack_counts(packed) for field, packed in counts.items()}, (facets, size, key)


def _index_entry(document: SearchDoc) -> tuple[tuple[dict, dict], str]:
    """What the index keeps of a document — its facet values and its terms per field — and
    its result-list file's payload (its row and its text)."""
    texts = {"title": document.value("title"), "doc_number": document.value("doc_number"),
             "issuer": document.value("issuer"), "body": document.body}
    facets = {facet: _as_list(document.value(facet)) for facet in FACETS}
    counts = {field: pack_counts(term_counts(text)) for field, text in texts.items()}
    return (facets, counts), _json([_doc_row(document), document.body])


def _doc_row(document: SearchDoc) -> list:
    issue = f"{document.value('publisher')} {document.value('issue_label')}".strip()
    return [document.value("title"), document.value("doc_number"), document.value("issuer"),
            str(document.value("date")), issue, document.url]


def _facets(documents: list[dict]) -> tuple[dict, list]:
    """Each facet's values, and per document the positions of its values in those lists."""
    order = {t["name"]: n for n, t in enumerate(taxonomy()["topics"])}
    values = {facet: sorted({str(v) for d in documents for v in d[facet] if v != ""},
                            key=lambda v: (order.get(v, 0), v) if facet == "topics" else v)
              for facet in FACETS}
    position = {facet: {v: n for n, v in enumerate(values[facet])} for facet in FACETS}
    rows = [[[position[f][str(v)] for v in d[f] if v != ""] for f in FACETS] for d in documents]
    return {"names": list(FACETS), "values": values}, rows


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]
