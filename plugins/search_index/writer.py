"""Write the search data as ``.js`` files, each calling ``GazetteSearch.receive(name, data)``."""
from __future__ import annotations

import html
import json
import os
import re
import tempfile
from pathlib import Path

from gazette.topics import taxonomy

from .builder import PartitionedIndex, partition_count

FIELDS = {"title": 10, "doc_number": 20, "issuer": 2, "body": 1}
FACETS = ("publisher", "year", "issuer", "doc_type", "topics")


def plain_text(content: str) -> str:
    text = re.sub(r"<(?:br|/p|/tr|/h\d|/li)[^>]*>", "\n", content)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(re.sub(r"\n{2,}", "\n", text)).strip()


def _script(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # built in a fixed order
    return f"GazetteSearch.receive({json.dumps(name)},{payload});\n"


def _write(folder: Path, relative: str, name: str, data) -> int:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _script(name, data)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _value(article, key):
    value = article.metadata.get(key)
    return value if value is not None else ""


def write_search_files(articles: list, folder: Path) -> dict:
    articles = sorted(articles, key=lambda a: a.source_path)
    written = 0
    records = []
    for ref, article in enumerate(articles):
        body = plain_text(article.content)
        # one file per document for the result list: its row and its text (for the snippet)
        written += _write(folder, f"doc/{ref}.js", f"doc/{ref}", [_doc_row(article), body])
        # texts, tokenized by the index's workers
        records.append((str(ref), {"title": article.title, "doc_number": _value(article, "doc_number"),
                                   "issuer": _value(article, "issuer"), "body": body}))
    with tempfile.TemporaryDirectory(prefix="search-index-") as workdir:
        index = PartitionedIndex(FIELDS, Path(workdir), workers=os.cpu_count() or 1)
        index.add_all(records)
        parts = partition_count(index.posting_count)
        written += index.write_parts(parts, lambda number, part: _write(folder, f"index/{number}.js",
                                                                        f"index/{number}", part))
    written += _write(folder, "facets.js", "facets", _facets(articles))
    written += _write(folder, "meta.js", "meta", {"partitions": parts, "documents": len(articles),
                                                  "fields": list(FIELDS)})
    return {"documents": len(articles), "parts": parts, "bytes": written}


def _doc_row(article) -> list:
    issue = f"{_value(article, 'publisher')} {_value(article, 'issue_label')}".strip()
    return [article.title, _value(article, "doc_number"), _value(article, "issuer"),
            getattr(article, "signed", None) or "", issue, article.url]


def _facets(articles: list) -> dict:
    """Per document, the index of its value in each facet's list of values."""
    order = {t["name"]: n for n, t in enumerate(taxonomy()["topics"])}
    values = {facet: sorted({str(v) for a in articles for v in _as_list(_value(a, facet)) if v != ""},
                            key=lambda v: (order.get(v, 0), v) if facet == "topics" else v)
              for facet in FACETS}
    position = {facet: {v: n for n, v in enumerate(values[facet])} for facet in FACETS}
    rows = [[[position[f][str(v)] for v in _as_list(_value(a, f)) if v != ""] for f in FACETS] for a in articles]
    return {"names": list(FACETS), "values": values, "docs": rows}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]
