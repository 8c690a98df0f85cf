"""Reuse the pages of the previous build whose inputs have not changed.

A document's page shows its own text and metadata, its issue, its neighbours in the
issue, the documents it cites or repeals and those citing or repealing it, through the
theme and a few settings.  A rebuild after one new issue changes those for few pages, yet
rendering every page again was a large share of a rebuild.  So do the pages listing
documents (an issue's, a listing's, a number's: ``fingerprint.LISTING_TEMPLATES``), each
document standing in their fingerprint as its own page's: after one new issue, 16 of the
bench's 58 listings and 1 of its 1,000 issue pages are rendered.  This writer keeps, per page,
a fingerprint of those inputs and the size and modification time of the page it wrote
(``pages.json`` in the build's cache folder, which is new for every version of the
code); a page is hard-linked from the previous site (``PREVIOUS_OUTPUT``, set by
``plugins.atomic_build``) only when all still match — a changed input, or a page changed
or lost on disk, renders it again.
Without a content cache nothing is kept and every page is rendered.

The same writer writes the pages on every core: each page asked for is held until the
documents are done (and again until the build ends), then the held pages are shared among
forked workers (``WRITE_WORKERS``, by default one a core), which inherit Pelican's whole
context; each sends back only what the manifest learnt.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from plugins.forked import cores, run_forked

from .fingerprint import _Plain, page_inputs, shown_inputs, site_inputs, theme_fingerprint

log = logging.getLogger(__name__)
MANIFEST = "pages.json"
_writers: list = []


class PageReuse:
    """The previous build's pages and manifest, and this build's manifest."""

    def __init__(self, previous: Path | None, cache: Path, output: Path, theme: str, settings: dict):
        self.previous, self.cache, self.output = previous, cache, output
        self.site = site_inputs(settings, theme)
        try:
            self.old = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.new: dict[str, list[str]] = {}
        self.reused = 0
        self.plain = _Plain()
        self.folders: set[Path] = set()   # made in this build: a page's folder holds many files

    @classmethod
    def from_settings(cls, settings: dict, output: str):
        if not settings.get("CACHE_CONTENT"):
            return None
        previous = settings.get("PREVIOUS_OUTPUT")
        theme = Path(settings["THEME"])
        return cls(Path(previous) if previous else None, Path(settings["CACHE_PATH"]), Path(output),
                   theme_fingerprint(theme), settings)

    def fingerprint(self, template, kwargs: dict) -> str | None:
        """The page's inputs as one digest, if it is a document's page or one listing
        documents (written after the documents' pages, whose fingerprints stand for them)."""
        article = kwargs.get("article")
        if article is not None:
            return page_inputs(article, self.site, self.plain) if hasattr(article, "issue") else None
        return shown_inputs(getattr(template, "name", None), kwargs, self.site, self.new)

    def copy(self, name: str, key: str) -> bool:
        """Link the previous build's page ``name`` into this build if its inputs are unchanged
        and the file is the one that build wrote (same size and modification time: a hard
        link keeps both, so a page reused many times is never read)."""
        entry = self.old.get(name)
        if self.previous is None or not entry or entry[0] != key:
            return False
        source = self.previous / name
        try:
            stat = source.stat()
        except OSError:
            return False
        if [stat.st_size, stat.st_mtime_ns] != entry[1:]:
            return False
        target = self.output / name
        self.folder(target.parent)
        try:
            os.link(source, target)
        except OSError:  # another file system: copy (the copy keeps the modification time)
            shutil.copy2(source, target)
        self.new[name] = entry
        self.reused += 1
        return True

    def folder(self, path: Path) -> None:
        """``path`` made, with its parents, once a build (not asked again for each file)."""
        if path not in self.folders:
            path.mkdir(parents=True, exist_ok=True)
            self.folders.add(path)

    def remember(self, name: str, key: str) -> None:
        stat = (self.output / name).stat()
        self.new[name] = [key, stat.st_size, stat.st_mtime_ns]

    def learnt_by(self, work) -> tuple[dict, int]:
        """Do ``work()``; what the manifest learnt by it and how many files it linked, the
        manifest and count left as they were (a forked worker sends these back, and the
        build's own reuse ``add``s them, whichever process did the work)."""
        known, reused = dict(self.new), self.reused
        work()
        learnt = {name: entry for name, entry in self.new.items() if known.get(name) != entry}
        linked = self.reused - reused
        self.new, self.reused = known, reused
        return learnt, linked

    def add(self, learnt: dict, linked: int) -> None:
        self.new.update(learnt)
        self.reused += linked

    def save(self) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.cache / MANIFEST).write_text(json.dumps(self.new, sort_keys=True), encoding="utf-8")
        log.info("page reuse: %d pages linked from the previous build, %d rendered",
                 self.reused, len(self.new) - self.reused)


class PageReusingWriter(Writer):
    """Pelican's writer, with two changes: a document page whose inputs are unchanged is
    linked from the previous build (``PageReuse``), and the pages asked for one by one are
    written together on every core (``write_pending``: at the end of the documents, then at
    the end of the build), by forked workers that inherit the whole context."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        settings = settings or {}
        self.reuse = PageReuse.from_settings(settings, output_path)
        self.workers = int(settings.get("WRITE_WORKERS") or cores())
        self.pending: list[tuple[tuple, dict]] = []
        _writers.append(self)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        arguments = (name, template, context, relative_urls, paginated, template_name, override_output, url)
        if name and not paginated:
            self.pending.append((arguments, kwargs))
        else:
            self._write(arguments, kwargs)

    def _write(self, arguments: tuple, kwargs: dict) -> None:
        name, template, paginated = arguments[0], arguments[1], arguments[4]
        key = self.reuse.fingerprint(template, kwargs) if self.reuse and not paginated and name else None
        if key and self.reuse.copy(name, key):
            return
        super().write_file(*arguments, **kwargs)
        if key:
            self.reuse.remember(name, key)

    def write_pending(self) -> None:
        """Write the pages asked for so far, shared among the workers.  In this process if a
        page is asked for twice (Pelican's own check then speaks) or a plugin listens for
        each page written (it would hear the workers' pages in their processes)."""
        pending, self.pending = self.pending, []
        paths = [sanitised_join(self.output_path, arguments[0]) for arguments, _ in pending]
        if len(set(paths)) < len(paths) or set(paths) & self._written_files or signals.content_written.receivers:
            for arguments, kwargs in pending:
                self._write(arguments, kwargs)
            return
        _PENDING[:] = [self, pending]   # before forking: the workers inherit it
        began = time.perf_counter()
        shares = [range(first, len(pending), self.workers) for first in range(self.workers)]
        try:
            for learnt, linked in run_forked(_write_share, shares, self.workers):
                if self.reuse:
                    self.reuse.add(learnt, linked)
        finally:
            _PENDING.clear()
        self._written_files.update(paths)   # as Pelican's writer would have noted them
        self._overridden_files.update(path for path, (arguments, _) in zip(paths, pending) if arguments[6])
        log.info("wrote %d pages in %.1f s on %d workers", len(pending), time.perf_counter() - began, self.workers)


_PENDING: list = []   # the writer and its pending pages, for the forked workers


def _write_share(share: range) -> tuple[dict, int]:
    """Write the pending pages of ``share``; what the manifest learnt of them, and how many
    were linked from the previous build."""
    writer, pending = _PENDING

    def write():
        for position in share:
            writer._write(*pending[position])

    if not writer.reuse:
        write()
        return {}, 0
    return writer.reuse.learnt_by(write)


def _write_pending(generator, writer):
    if isinstance(writer, PageReusingWriter):
        writer.write_pending()


def _writer(pelican):
    return PageReusingWriter


def _save(pelican):
    """Write the pages this build's writer still holds, and keep its manifest (a failed
    earlier build's writer, left in the list, is dropped: its pages never reached the site)."""
    current = [writer for writer in _writers if writer.output_path == pelican.output_path]
    _writers.clear()
    if not current:
        return
    current[-1].write_pending()
    if current[-1].reuse:
        current[-1].reuse.save()


def register():
    signals.get_writer.connect(_writer)
    signals.article_writer_finalized.connect(_write_pending)
    signals.finalized.connect(_save)
