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

FIELDS = {"title": 10, "doc_number": 20, "issuer": 2, "body": 1}
FACETS = ("publisher", "year", "issuer", "doc_type", "topics")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _script(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # built in a fixed order
    return f"GazetteSearch.receive({json.dumps(name)},{payload});\n"


def _write(folder: Path, relative: str, name: str, data) -> int:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _script(name, data)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


@dataclass
class SearchDoc:
    """What search needs of one document, read from its Markdown file."""
    url: str
    meta: dict
    body: str

    def value(self, key):
        value = self.meta.get(key)
        return value if value is not None else ""


def read_document(content: Path, path: Path) -> SearchDoc:
    """A document with its page's URL (the document's path, .md → .html)."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.load(front, Loader=_LOADER) or {}
    return SearchDoc(path.relative_to(content).with_suffix(".html").as_posix(), meta, to_plain(body))


def document_paths(content: Path) -> list[Path]:
    """The documents of a content folder in path order (the order Pelican reads them in);
    a document's number in the index is its place in this list."""
    return sorted(content.rglob("*.md"))


def write_search_files(content: Path, folder: Path, workers: int | None = None) -> dict:
    items = list(enumerate(document_paths(content)))
    with tempfile.TemporaryDirectory(prefix="search-index-") as workdir:
        index = PartitionedIndex(FIELDS, Path(workdir), workers=workers or os.cpu_count() or 1)
        # the workers read each document, write its result-list file and tokenize it
        extras = index.add_all(items, partial(_read_for_index, content, folder))
        parts = partition_count(index.posting_count)
        written = sum(size for _, size in extras)
        written += index.write_parts(parts, lambda number, part: _write(folder, f"index/{number}.js",
                                                                        f"index/{number}", part))
        lengths = index.encoded_lengths()
        stats = index.stats()
    values, rows = _facets([facets for facets, _ in extras])
    written += _write(folder, "facet-values.js", "facet-values", values)  # loaded with the page
    written += _write(folder, "facet-docs.js", "facet-docs", rows)        # loaded when a filter is set
    written += _write(folder, "lengths.js", "lengths", lengths)           # loaded with the page
    written += _write(folder, "meta.js", "meta", {"partitions": parts, "documents": stats["documents"],
                                                  "fields": stats["fields"], "boosts": stats["boosts"],
                                                  "average": stats["average"]})
    return {"documents": stats["documents"], "parts": parts, "bytes": written}


def _read_for_index(content: Path, folder: Path, item: tuple[int, Path]) -> tuple[dict, tuple[dict, int]]:
    """A document's fields for the index, and its facet values and the bytes of the file
    the result list shows it from: its row and its text (for the snippet)."""
    ref, path = item
    document = read_document(content, path)
    size = _write(folder, f"doc/{ref}.js", f"doc/{ref}", [_doc_row(document), document.body])
    texts = {"title": document.value("title"), "doc_number": document.value("doc_number"),
             "issuer": document.value("issuer"), "body": document.body}
    return texts, ({facet: _as_list(document.value(facet)) for facet in FACETS}, size)


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
