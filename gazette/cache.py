"""Conversions of unchanged sources are reused: keyed by the SHA-256 of the source's bytes
and of the converter's own code, stored under ``OUT/.ingest-cache/``.  An entry holds all
of a conversion but the text of its files, which the content folder holds: their SHA-256
instead, and the entry is reused only while every file it wrote is still so (a file
edited or removed by hand has its source converted again).  An ingest keeps only the
entries of its own sources (a changed source or a new converter leaves none behind).

A file's digest is taken again only where its size or modification time changed since it
was last taken (``Stamps``), as make, rsync and Pelican's own cache tell a changed file:
an unchanged archive is neither read nor hashed again at each ingest."""
from __future__ import annotations

import copy
import hashlib
import os
import pickle
from dataclasses import replace
from functools import lru_cache
from pathlib import Path


FOLDER = ".ingest-cache"
PROTOCOL = 4


@lru_cache(maxsize=1)
def converter_version() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


class Stamps:
    """The size and modification time each source and each written file had when its
    digest was last taken, with that digest: ``OUT/.ingest-cache/stamps``, kept for
    one version of the converter."""

    NAME = "stamps"   # not an entry (*.pickle)

    def __init__(self, out: Path):
        self.out, self.taken = out, {}
        try:
            version, taken = pickle.loads((out / FOLDER / self.NAME).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return
        if version == converter_version():
            self.taken = taken

    def digest(self, path: Path, display: str = "") -> str:
        """SHA-256 of the file (and of ``display``), taken again only if it changed."""
        name = os.path.abspath(path)   # the same file, whatever folder the ingest runs in
        stamp = file_stamp(name)
        known = self.taken.get(name)
        if known and known[0] == stamp and known[1] == display:
            return known[2]
        digest = hashlib.sha256(path.read_bytes())
        digest.update(display.encode())
        self.taken[name] = (stamp, display, digest.hexdigest())
        return self.taken[name][2]

    def note(self, path: Path, digest: str) -> None:
        """``path`` was just written with bytes of SHA-256 ``digest``: so it stays known
        while its size and modification time hold."""
        name = os.path.abspath(path)
        self.taken[name] = (file_stamp(name), "", digest)

    def save(self) -> None:
        """Keep the stamps of the files that are still there."""
        kept = {name: taken for name, taken in self.taken.items() if os.path.exists(name)}
        (self.out / FOLDER).mkdir(parents=True, exist_ok=True)
        # written as an entry is: a file cut short does not unpickle, and is read as no stamps
        (self.out / FOLDER / self.NAME).write_bytes(pickle.dumps((converter_version(), kept), protocol=PROTOCOL))


def file_stamp(name) -> tuple[int, int]:
    """What tells a file changed without reading it: its size and modification time (the
    search index keeps its documents' so too)."""
    stat = os.stat(name)
    return stat.st_size, stat.st_mtime_ns


def key(path: Path, display: str, stamps: Stamps) -> str:
    return stamps.digest(path, display + converter_version())


def pack(conversion, files: dict[str, bytes]) -> bytes:
    """The entry to keep of a rendered conversion whose files are ``files`` (by path in
    the content folder, as ``encoded_files`` gives them): the conversion without its files'
    text, and each file's digest."""
    digests = {path: _digest(data) for path, data in files.items()}
    kept = copy.copy(conversion)
    kept.issue_text = ""
    kept.documents = [replace(document, text="") for document in conversion.documents]
    return pickle.dumps((kept, digests), protocol=PROTOCOL)


def unpack(entry: bytes) -> tuple:
    """The conversion an entry made by ``pack`` keeps (its files' text left out), and its
    files' digests."""
    return pickle.loads(entry)


def load(out: Path, cache_key: str, stamps: Stamps):
    """The stored conversion, its files' text left out, if every file it wrote in ``out``
    is still as written; else None."""
    path = out / FOLDER / f"{cache_key}.pickle"
    if not path.exists():
        return None
    try:
        conversion, digests = pickle.loads(path.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return conversion if all(_written(out / relative, digest, stamps) for relative, digest in digests.items()) else None


def _written(path: Path, digest: str, stamps: Stamps) -> bool:
    try:
        return stamps.digest(path) == digest
    except OSError:
        return False


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(out: Path, cache_key: str, packed: bytes) -> None:
    """Keep an entry made by ``pack``."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{cache_key}.pickle").write_bytes(packed)


def keep_only(out: Path, keys: set[str]) -> None:
    """Remove the entries not among ``keys``."""
    folder = out / FOLDER
    if folder.exists():
        for path in folder.glob("*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)
