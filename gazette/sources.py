"""Which files of a sources folder are gazettes to convert, and why any other is not.

``find_sources`` walks the folder without following links and gives every file it holds,
each with its name relative to the folder (what the output records, so the same sources
give the same bytes wherever the folder sits) and, for a file that is not converted, the
problem that names it: nothing in ``sources/`` is passed over in silence.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .kinds import Code


@dataclass(frozen=True)
class Source:
    path: Path                  # where to read it
    name: str                   # relative to the sources folder, as the output records it
    skipped: Problem | None = None


def find_sources(root: Path) -> list[Source]:
    """Every file under ``root`` (or ``root`` itself, a single file, named by its file
    name), sorted by name; links are named, never followed."""
    if not root.is_dir():
        return [Source(root, root.name)]
    found = []
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in files + [f for f in folders if os.path.islink(os.path.join(folder, f))]:
            path = Path(folder, name)
            found.append(_source(path, path.relative_to(root).as_posix(), root))
    return sorted(found, key=lambda source: source.name)


def _source(path: Path, name: str, root: Path) -> Source:
    if not path.is_symlink():
        return Source(path, name)
    target = Path(os.path.realpath(path))
    if not target.exists():
        why = (Code.DANGLING_LINK, "a link to a file that does not exist; remove the link or put the file there")
    elif not target.is_relative_to(Path(os.path.realpath(root))):
        why = (Code.LINK_OUTSIDE_SOURCES, "a link to a file outside the sources folder; not read (copy the "
                                       "file into the sources folder to convert it)")
    else:
        why = (Code.LINK_INSIDE_SOURCES, f"a link to {target.relative_to(os.path.realpath(root)).as_posix()}, "
                                      "which is converted in its own place")
    severity = "warning" if why[0] == Code.LINK_INSIDE_SOURCES else "error"
    return Source(path, name, Problem(name, 1, why[0], why[1], severity))
