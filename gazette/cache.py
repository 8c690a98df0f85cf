"""Conversions of unchanged sources are reused: keyed by the SHA-256 of the source's bytes
and of the converter's own code, stored under ``OUT/.ingest-cache/``.  An ingest keeps
only the entries of its own sources (a changed source or a new converter leaves none
behind)."""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

FOLDER = ".ingest-cache"
PROTOCOL = 4   # a conversion is pickled so, once, where it was made


@lru_cache(maxsize=1)
def converter_version() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def key(path: Path, display: str) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(display.encode() + converter_version().encode())
    return digest.hexdigest()


def load(out: Path, cache_key: str):
    path = out / FOLDER / f"{cache_key}.pickle"
    if not path.exists():
        return None
    try:
        return pickle.loads(path.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store(out: Path, cache_key: str, pickled: bytes) -> None:
    """Keep a conversion, pickled with ``PROTOCOL``."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{cache_key}.pickle").write_bytes(pickled)



def keep_only(out: Path, keys: set[str]) -> None:
    """Remove the entries not among ``keys``."""
    folder = out / FOLDER
    if folder.exists():
        for path in folder.glob("*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)
