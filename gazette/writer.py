"""Write conversions: one Markdown file per document, an issue record per gazette issue,
and the conversion report.  Never overwrites what another source wrote."""
from __future__ import annotations

import json
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


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _owner(path: Path) -> str | None:
    """The ``source`` that wrote an existing file."""
    return source_of(_read(path) or "")


def plan_outputs(conversions: list[Conversion]) -> tuple[dict[str, tuple[Conversion, object]], list[Problem]]:
    """Map every output path to what writes it; two sources claiming one path is an error
    naming both, and the second is not written."""
    planned: dict[str, tuple[Conversion, object]] = {}
    problems: list[Problem] = []
    for conversion in conversions:
        if not conversion.documents:
            continue
        record = f"{conversion.folder}/{ISSUE_RECORD}"
        if record in planned:
            other = planned[record][0]
            problems.append(Problem(conversion.source, 1, Code.PATH_CONFLICT,
                                    f"would write {conversion.folder}/ which {other.source} already writes; "
                                    "this source is not written", "error"))
            conversion.documents = []
            continue
        planned[record] = (conversion, None)
        for document in conversion.documents:
            planned[f"{conversion.folder}/{document.slug}.md"] = (conversion, document)
    return planned, problems


def write_all(out: Path, conversions: list[Conversion], whole: bool = False) -> tuple[list[Problem], dict]:
    """Write every planned file; remove what these sources wrote before and no longer
    write, and, when ``whole`` (the conversions are of a whole sources folder), also what
    sources no longer there wrote.  Returns the problems and the documents removed, by
    the source that had written them."""
    planned, problems = plan_outputs(conversions)
    sources = {c.source for c in conversions}
    for conversion in conversions:
        render(conversion)
    folders: set[Path] = set()   # made already: one mkdir a folder, not one a file
    for relative, (conversion, document) in sorted(planned.items()):
        path = out / relative
        text = conversion.issue_text if document is None else document.text
        existing = _read(path)   # None if there is none
        if existing == text:
            continue  # this source wrote it so before (the text names its source)
        owner = source_of(existing or "")
        if existing is not None and not _ours(owner, sources, whole):
            whose = f"written from {owner}" if owner else "not written by the converter"
            problems.append(Problem(conversion.source, 1, Code.PATH_CONFLICT,
                                    f"{relative} was {whose}; not overwritten", "error"))
            continue
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        _replace(path, text)
    return problems, _remove_stale(out, planned, sources, whole)


def _ours(owner: str | None, sources: set[str], whole: bool) -> bool:
    """May this run replace a file written from ``owner``?  One of its own sources', or,
    for a whole sources folder, any the converter wrote (a source no longer there)."""
    return owner in sources or (whole and owner is not None)


def _replace(path: Path, text: str) -> None:
    """Write through a temporary file: a reader never sees half a document, and a file
    linked elsewhere (the site's Markdown downloads) keeps its old text."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    try:
        with naming(path):
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_stale(out: Path, planned: dict, sources: set[str], whole: bool) -> dict[str, list[str]]:
    """Documents and issue records written earlier that this run no longer produces: of
    these sources, or of any source when ``whole``.  Files the converter did not write
    (no ``source`` in them) are left alone."""
    removed: dict[str, list[str]] = {}
    for path in sorted([*out.rglob("*.md"), *out.rglob(ISSUE_RECORD)]):
        relative = path.relative_to(out).as_posix()
        if relative in planned:
            continue
        owner = _owner(path)
        if owner is not None and (owner in sources or whole):
            path.unlink()
            if path.suffix == ".md":
                removed.setdefault(owner, []).append(relative)
    for left in out.rglob("*.md.tmp"):  # what an ingest killed while writing left (this one holds the lock)
        left.unlink()
    _remove_empty_folders(out)
    return removed


def _remove_empty_folders(out: Path) -> None:
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


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
    _replace(out / "report.json", json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return report
