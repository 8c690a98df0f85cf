"""Pelican's content cache kept a folder at a time, so that a build saves only what it read.

Pelican keeps the documents it made in one pickle, written whole at the end of every
build: 280 MB at 10,000 documents, about 1.7 s of a rebuild that read one new issue.
Here the articles generator's cache is a dict (``ShardedCache``) whose entries are kept in
one file for each content folder (an issue's documents share one): a build writes only
the files of the folders it read a document of or lost one from (``save``).

A document holds the build's settings and shared context, as do the author and category
objects it refers to; each file keeps them as names (``pickle``'s persistent ids) and a
load gives them this build's (as ``archive.of_this_build`` does), so that a file holds
its own documents only.  A file that cannot be read is left out: its documents are read
again.  Set on the generator when it is made (``article_generator_init``)."""
from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import pickle
from collections import Counter
from pathlib import Path

log = logging.getLogger(__name__)
FOLDER = "ArticlesGenerator.folders"


class ShardedCache(dict):
    """Pelican's ``{source path: (stamp, document)}``, knowing the entries this build asked
    for (``get``) and set (``__setitem__``)."""

    def __init__(self, entries: dict):
        super().__init__(entries)
        self.asked: set[str] = set()
        self.changed_folders: set[str] = set()

    def get(self, path, default=None):
        self.asked.add(path)
        return super().get(path, default)

    def __setitem__(self, path, entry):
        self.asked.add(path)
        self.changed_folders.add(os.path.dirname(path))
        super().__setitem__(path, entry)


def keep_by_folder(generator) -> None:
    """The articles generator's cache loaded from, and saved to, one file a content folder,
    where Pelican's content cache is on for it."""
    settings = generator.settings
    loading = settings["CONTENT_CACHING_LAYER"] == "generator" and settings["LOAD_CONTENT_CACHE"]
    if not (generator._cache_data_policy or loading):
        return
    folder = Path(settings["CACHE_PATH"]) / FOLDER
    shared = _Shared(settings, generator.context)
    generator._cache = ShardedCache(load(folder, shared) if loading else {})
    if generator._cache_data_policy:   # else Pelican's own save does nothing
        generator.save_cache = lambda: save(generator._cache, folder, shared)


class _Shared:
    """What every document refers to and no file keeps: the settings and the context."""

    def __init__(self, settings: dict, context: dict):
        self.by_id = {id(settings): "settings", id(context): "context"}
        self.by_name = {"settings": settings, "context": context}


def file_name(content_folder: str) -> str:
    """The file keeping the entries of ``content_folder`` (a path relative to the content)."""
    return hashlib.sha256(content_folder.encode()).hexdigest()[:24] + ".pickle"


def load(folder: Path, shared: _Shared) -> dict:
    """The entries of every file in ``folder``.  The garbage collector is off meanwhile: the
    documents loaded make no garbage, and its passes over the growing heap took 0.2 s."""
    entries: dict = {}
    if not folder.is_dir():
        return entries
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in sorted(folder.glob("*.pickle")):
            entries.update(_read(path, shared))
    finally:
        if collecting:
            gc.enable()
    return entries


def _read(path: Path, shared: _Shared) -> dict:
    try:
        with path.open("rb") as stored:
            unpickler = pickle.Unpickler(stored)
            unpickler.persistent_load = shared.by_name.__getitem__
            return unpickler.load()
    except Exception as error:  # noqa: BLE001 -- any unreadable file: its documents are read again
        log.warning("content cache: %s left out (%s); its documents are read again", path, error)
        return {}


def save(cache: ShardedCache, folder: Path, shared: _Shared) -> None:
    """Keep, for each content folder, the entries this build asked for: the folder's file is
    written again if one was set in this build or one it held was not asked for (its
    document is gone), and removed if none was asked for (as is anything else in ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    held = Counter(os.path.dirname(path) for path in cache)
    asked: dict[str, dict] = {}
    for path in sorted(cache.asked):
        if path in cache:
            asked.setdefault(os.path.dirname(path), {})[path] = cache[path]
    for content_folder, entries in sorted(asked.items()):
        if content_folder in cache.changed_folders or len(entries) < held[content_folder]:
            _write(folder / file_name(content_folder), entries, shared)
    kept = {file_name(content_folder) for content_folder in asked}
    for path in folder.iterdir():   # a killed build's partial file too
        if path.name not in kept:
            path.unlink()


def _write(path: Path, entries: dict, shared: _Shared) -> None:
    """``entries`` pickled, the shared objects by name, into a file put in place whole
    (a build killed while writing leaves the file as it was)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda value: shared.by_id.get(id(value))
    pickler.dump(entries)
    partial = path.with_suffix(".partial")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, path)
