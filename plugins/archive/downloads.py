"""Each document's downloads beside its page: its Markdown, its tables as CSV and the raw
source lines it came from (and an issue's source PDF, once).  The issues are shared among
forked workers; a file the last build wrote the same (a source excerpt, a table) is linked
from its site by the page-reusing writer, if there is one."""
from __future__ import annotations

import logging
from pathlib import Path

from gazette.cache import file_stamp
from gazette.formats import numbered_lines
from gazette.problems import ConversionError
from plugins.forked import run_forked
from plugins.links import link_or_copy

from .model import meta
from .tables import csv_text, table_in

log = logging.getLogger(__name__)
_SHARED: list = []   # what the forked workers need: set before forking, they inherit it


def write_downloads(output: Path, issues: list, reuse, sources: Path, workers: int) -> None:
    """The downloads of every document of ``issues`` into the site at ``output``; ``sources``
    is where the documents' ``source`` paths start."""
    _SHARED[:] = [output, issues, reuse, sources]
    try:
        for learnt, linked in run_forked(_share, [range(first, len(issues), workers)
                                                  for first in range(workers)], workers):
            if reuse:
                reuse.add(learnt, linked)
    finally:
        _SHARED.clear()


def _share(share: range) -> tuple[dict, int]:
    """Write the downloads of the issues of ``share``; what the page reuse learnt of them."""
    output, issues, reuse, root = _SHARED
    sources = SourceLines(root)

    def write():
        for position in share:
            for article in issues[position].documents:
                _write_document(output, article, reuse, sources)

    if not reuse:
        write()
        return {}, 0
    return reuse.learnt_by(write)


def _write_document(output: Path, article, reuse, sources: SourceLines) -> None:
    target = output / article.save_as
    if reuse:
        reuse.folder(target.parent)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    link_or_copy(Path(article.source_path), target.with_suffix(".md"))
    _write_tables(output, article, reuse)
    source = meta(article, "source")
    if article.original:
        _keep_original(sources.root / source, output / article.original)
    first, last = meta(article, "source_lines", [1, 0])
    name = Path(article.save_as).with_suffix(".source.txt").as_posix()
    key = f"{source}:{sources.stamp(source)}:{first}:{last}"
    if reuse and reuse.copy(name, key):
        return
    (output / name).write_text(sources.excerpt(source, first, last), encoding="utf-8")
    if reuse:
        reuse.remember(name, key)


def _write_tables(output: Path, article, reuse) -> None:
    """Each table of the document as CSV; one whose table is unchanged is linked from the
    previous site."""
    folder = Path(article.save_as).parent
    for anchor, name, key in article.tables:
        path = (folder / name).as_posix()
        if reuse and reuse.copy(path, key):
            continue
        (output / path).write_text(csv_text(table_in(article._content, anchor)), encoding="utf-8-sig")
        if reuse:
            reuse.remember(path, key)


def _keep_original(source: Path, target: Path) -> None:
    """The source PDF beside its issue, once for all its documents."""
    if target.exists() or not source.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    link_or_copy(source, target)


class SourceLines:
    """The source files documents name, each read only if needed; the lines of the last
    one read are kept (an issue's documents come one after another from the same file;
    keeping every file's lines held the whole sources folder in memory: 200 MB at
    10,000 documents)."""

    def __init__(self, root: Path):
        self.root = root
        self.lines: tuple[str, list[str]] = ("", [])
        self.stamps: dict[str, str] = {}

    def _path(self, source: str) -> Path | None:
        path = self.root / source
        if path.is_file():
            return path
        log.warning("%s: a document's source is not in the sources folder (GAZETTE_SOURCES); its source "
                    "lines are left empty", path)
        return None

    def _read(self, source: str) -> list[str]:
        path = self._path(source)
        if path is None:
            return []
        try:
            return numbered_lines(path, source)
        except ConversionError as error:
            log.warning("%s: its source lines are left empty", error.problem)
            return []

    def stamp(self, source: str) -> str:
        """What tells the file changed since the last build, without reading it: its size and
        modification time, as the ingest tells a changed source (``gazette.cache.Stamps``).
        A digest of its bytes read every source at every build: 234 MB, 0.9 s of a core, at
        10,000 documents."""
        if source not in self.stamps:
            path = self._path(source)
            self.stamps[source] = "%d-%d" % file_stamp(path) if path else ""
        return self.stamps[source]

    def excerpt(self, source: str, first: int, last: int) -> str:
        """Lines ``first``–``last`` of ``source`` as the converter numbered them (a text's in
        its own encoding, a PDF's or web page's as read), numbered, under a header naming them."""
        if self.lines[0] != source:
            self.lines = (source, self._read(source))
        lines = self.lines[1]
        numbered = "\n".join(f"{n:>6}  {lines[n - 1]}" for n in range(first, min(last, len(lines)) + 1))
        return f"# {source}, lines {first}-{last}\n{numbered}\n"
