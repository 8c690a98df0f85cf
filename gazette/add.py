"""``python -m gazette add FILE``: put a new raw gazette into ``sources/<publisher>/``,
convert, and say what is new.  Never overwrites a different file already there."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .pipeline import convert_file


def documents_in(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.md")} if out.exists() else set()


def add(path: Path, sources: Path, out: Path, strict: bool, ingest) -> int:
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    conversion = convert_file(path, path.as_posix())
    if not conversion.documents:
        for problem in conversion.problems:
            print(problem, file=sys.stderr)
        print(f"{path}: no document found; not added", file=sys.stderr)
        return 1
    publisher = conversion.folder.split("/", 1)[0]
    target = sources / publisher / path.name
    data = path.read_bytes()
    twin = next((p for p in sources.rglob("*") if p.is_file() and p != target and p.read_bytes() == data), None)
    if twin:
        print(f"{path}: the same gazette is already in sources as {twin}; not added", file=sys.stderr)
        return 1
    if target.exists() and target.read_bytes() != data:
        print(f"{path}: {target} exists with different content; not overwritten (rename the file)", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    before = documents_in(out)
    status = ingest(sources, out, strict, quiet=False)
    new = sorted(documents_in(out) - before)
    print(f"added {target}: {len(new)} new documents")
    for name in new:
        print(f"  + {name}")
    return status
