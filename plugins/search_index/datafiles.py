"""The search data's files: each a ``.js`` file that calls ``GazetteSearch.receive(name,
data)`` (a page opened from disk can load a script, not fetch JSON); and the previous
site's files a rebuild links instead of writing them again."""
from __future__ import annotations

import json
import os
from pathlib import Path

from plugins.links import link_or_copy


def json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # data built in a fixed order


def script(name: str, payload: str) -> str:
    """A data file: it hands its JSON ``payload`` to the page."""
    return f"GazetteSearch.receive({json.dumps(name)},{payload});\n"


def write_data(folder: Path, relative: str, name: str, data) -> int:
    return write_text(folder, relative, script(name, json_text(data)))


FOLDERS = ("doc", "index")   # made once by ``make_folders``: thousands of files are written into each


def make_folders(folder: Path) -> None:
    for name in FOLDERS:
        (folder / name).mkdir(parents=True, exist_ok=True)


def write_text(folder: Path, relative: str, text: str) -> int:
    """Write a data file into ``folder`` (or its ``FOLDERS``, made before)."""
    data = text.encode("utf-8")
    (folder / relative).write_bytes(data)
    return len(data)


def write_part(folder: Path, number: int, part: list) -> int:
    return write_data(folder, f"index/{number}.js", f"index/{number}", part)


def read_part(previous: Path, number: int) -> list:
    """A part of the previous site's index (as ``write_part`` wrote it)."""
    text = (previous / f"index/{number}.js").read_text(encoding="utf-8")
    return json.loads(text[len(script(f"index/{number}", "")) - 3:].rstrip()[:-2])


def keep_part(previous: Path, folder: Path, number: int) -> int:
    target = folder / f"index/{number}.js"
    link_or_copy(previous / f"index/{number}.js", target)
    return target.stat().st_size


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
            os.link(source, target)
            return target.stat().st_size
        except OSError:
            return None
