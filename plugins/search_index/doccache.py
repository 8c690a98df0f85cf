"""What the search index needs of each document, kept between builds.

A rebuild after one new gazette issue finds almost every document unchanged; reading,
converting to plain text and tokenizing them again is most of the index's cost.  Entries
are keyed by the SHA-256 of the document's path and bytes and live in the build's cache
folder, whose name changes with the code (``plugins.atomic_build``), so a tokenizer
change never meets an old entry.  Entries no build used are removed at its end.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path


def document_key(relative: str, data: bytes) -> str:
    return hashlib.sha256(relative.encode("utf-8") + b"\0" + data).hexdigest()


class DocumentCache:
    """key → a picklable value, one small file each; ``folder=None`` keeps nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries of documents not in ``keys``."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.glob("*/*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)
