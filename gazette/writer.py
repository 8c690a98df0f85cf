"""Write conversions: one Markdown file per document, an issue record per gazette issue,
and the conversion report.  Never overwrites what another source wrote."""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from .failures import naming
from .pipeline import Conversion
from .problems import Problem
from .schema import ISSUE_RECORD, document_text, issue_text, source_of
from .kinds import Code

def render(conversion: Conversion) -> Conversion:
    """Fill in the text of each document's file and of the issue record, once (the ingest
    does it in the worker that converted the source)."""
    for document in conversion.documents:
        if not document.text:
            document.text = document_text(document.meta, document.body)
            # the text holds the body now: a conversion sent back from a worker or kept
            # in the ingest cache need not carry it twice
            document.body = ""
    if conversion.documents and not conversion.issue_text:
        conversion.issue_text = issue_text(conversion.issue)
    return conversion


def files_of(conversion: Conversion) -> dict[str, str]:
    """The text of each file a conversion writes, by its path in the content folder: the
    issue record and a Markdown file a document; none for a conversion with no document."""
    if not conversion.documents:
        return {}
    files = {f"{conversion.folder}/{ISSUE_RECORD}": conversion.issue_text}
    files.update((f"{conversion.folder}/{document.slug}.md", document.text) for document in conversion.documents)
    return files


def encoded_files(conversion: Conversion) -> dict[str, bytes]:
    """``files_of`` as the bytes to write (UTF-8), made where the conversion was: sent to
    the writing process as bytes, the text is neither decoded nor encoded there again."""
    return {path: text.encode("utf-8") for path, text in files_of(conversion).items()}


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return None


def _text(data: bytes | None) -> str | None:
    """A file's text; None where there is no file or it is not UTF-8 (replaced as if absent)."""
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None


def _owner(path: str) -> str | None:
    """The ``source`` that wrote an existing file."""
    return source_of(_text(_read(path)) or "")


class ContentWriter:
    """Writes each conversion's files as soon as it is given, in the sources' order, so the
    writing overlaps the converting.  The first source to claim a folder writes it; a later
    one is refused, naming both, and not written.  A file written by anything but these
    sources (or, when ``whole``, by a source no longer there) is never replaced.  ``finish``
    removes what these sources wrote before and write no longer."""

    def __init__(self, out: Path, sources: set[str], whole: bool = False):
        self.out, self.sources, self.whole = out, sources, whole
        self.planned: dict[str, str] = {}         # each path this run writes, relative to out: its source
        self.claims: list[Problem] = []           # folders claimed twice, in the sources' order
        self.refused: list[tuple[str, Problem]] = []   # files not ours to replace, with their paths
        self.listed: dict[str, set[str]] = {}     # the names in each folder, read once

    def write(self, conversion: Conversion, files: dict[str, bytes]) -> list[str]:
        """Write ``files`` (by path: ``encoded_files``) of ``conversion``, whose documents'
        paths it claims; a conversion the cache kept has none to write: its files are on
        disk as it wrote them.  The paths of ``files`` now on disk as given (written, or
        found so), for the ingest's stamps."""
        if not self._claim(conversion):
            return []
        return [relative for relative in sorted(files) if self._write_file(relative, files[relative], conversion.source)]

    def finish(self) -> tuple[list[Problem], dict[str, list[str]]]:
        """The problems (folders claimed twice, then the files refused, by path) and the
        documents removed, by the source that had written them."""
        refused = [problem for _, problem in sorted(self.refused, key=lambda pair: pair[0])]
        return self.claims + refused, _remove_stale(self.out, self.planned, self.sources, self.whole)

    def _claim(self, conversion: Conversion) -> bool:
        """Claim the folder of ``conversion``'s files; False if it has no document (it
        writes nothing and claims no folder) or if another source has the folder."""
        paths = files_of(conversion)
        record = f"{conversion.folder}/{ISSUE_RECORD}"
        if not paths:
            return False
        if record in self.planned:
            self.claims.append(Problem(conversion.source, 1, Code.PATH_CONFLICT,
                                       f"would write {conversion.folder}/ which {self.planned[record]} "
                                       "already writes; this source is not written", "error"))
            conversion.documents = []
            return False
        self.planned.update(dict.fromkeys(paths, conversion.source))
        return True

    def _write_file(self, relative: str, data: bytes, source: str) -> bool:
        """Write ``data`` at ``relative`` unless another's file is there; whether the file
        now holds ``data``."""
        path = f"{self.out}/{relative}"
        folder, _, name = path.rpartition("/")
        names = self._names_in(folder)
        existing = _read(path) if name in names else None
        if existing == data:
            return True  # this source wrote it so before (the text names its source)
        text = _text(existing)
        owner = source_of(text or "")
        if text is not None and not _ours(owner, self.sources, self.whole):
            whose = f"written from {owner}" if owner else "not written by the converter"
            self.refused.append((relative, Problem(source, 1, Code.PATH_CONFLICT,
                                                   f"{relative} was {whose}; not overwritten", "error")))
            return False
        if not names:
            os.makedirs(folder, exist_ok=True)
        _replace(path, data)
        names.add(name)
        return True

    def _names_in(self, folder: str) -> set[str]:
        """What ``folder`` holds, listed once: asking for each file's text would cost a
        failed open for every new file."""
        if folder not in self.listed:
            try:
                self.listed[folder] = set(os.listdir(folder))
            except OSError:
                self.listed[folder] = set()
        return self.listed[folder]


def _ours(owner: str | None, sources: set[str], whole: bool) -> bool:
    """May this run replace a file written from ``owner``?  One of its own sources', or,
    for a whole sources folder, any the converter wrote (a source no longer there)."""
    return owner in sources or (whole and owner is not None)


def _replace(path: str, data: bytes) -> None:
    """Write through a temporary file: a reader never sees half a document, and a file
    linked elsewhere (the site's Markdown downloads) keeps its old text."""
    temporary = path + ".tmp"
    with naming(path):
        try:
            with open(temporary, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _remove_stale(out: Path, planned: dict, sources: set[str], whole: bool) -> dict[str, list[str]]:
    """Documents and issue records written earlier that this run no longer produces: of
    these sources, or of any source when ``whole``.  Files the converter did not write
    (no ``source`` in them) are left alone."""
    removed: dict[str, list[str]] = {}
    written, left, folders = _converter_files(out)
    for relative in sorted(written, key=lambda relative: relative.split("/")):  # pathlib's order
        if relative in planned:
            continue
        path = out / relative
        owner = _owner(str(path))
        if _ours(owner, sources, whole):
            path.unlink()
            if path.suffix == ".md":
                removed.setdefault(owner, []).append(relative)
    for relative in left:  # what an ingest killed while writing left (this one holds the lock)
        (out / relative).unlink()
    for folder in reversed(folders):  # a folder after those inside it
        if not os.listdir(folder):
            os.rmdir(folder)
    return removed


def _converter_files(out: Path) -> tuple[list[str], list[str], list[str]]:
    """In one walk of ``out``: the paths of the files the converter may have written
    (documents, issue records) and of the temporary ones a killed ingest left, relative to
    ``out``, and the folders inside ``out``, each before those inside it."""
    written, left, folders = [], [], []
    for folder, _, names in os.walk(out):
        relative = Path(folder).relative_to(out).as_posix()
        prefix = "" if relative == "." else relative + "/"
        if prefix:
            folders.append(folder)
        written.extend(prefix + name for name in names if name.endswith(".md") or name == ISSUE_RECORD)
        left.extend(prefix + name for name in names if name.endswith(".md.tmp"))
    return written, left, folders


def write_report(out: Path, conversions: list[Conversion], problems: list[Problem],
                 removed: dict[str, list[str]] | None = None) -> dict:
    report = {
        "sources": [
            {"source": c.source, "encoding": c.encoding, "folder": c.folder,
             "documents": len(c.documents), "lines": dict(sorted(c.line_kinds.items())),
             "problems": [p.as_dict() for p in c.problems]}
            for c in conversions
        ],
        "problems": [p.as_dict() for p in problems],
        # what this run took out of the content: the documents of sources removed or renamed
        "removed": [{"source": source, "documents": names} for source, names in sorted((removed or {}).items())],
    }
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    _replace(str(out / "report.json"), text.encode("utf-8"))
    return report
