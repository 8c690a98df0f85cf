"""Search index plugin: adds ``search/`` to the site — a term-partitioned lunr index, the
document store and facets for filters — as ``.js`` files loaded by ``<script>``, so search
works on file:// as over http; and copies lunr.js from ``node_modules`` (the npm package,
never a copy in the repository).

The index is built from the content folder's Markdown in a forked process that starts
with the build and runs while Pelican reads and renders (both cores); the build waits for
it at the end, and a failed index fails the build.  ``python -m plugins.search_index
CONTENT FOLDER`` builds it alone."""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pelican import signals

from gazette.failures import Failure, debugging, describe

from .patterns import write_patterns

log = logging.getLogger(__name__)
LUNR_JS = Path("node_modules/lunr/lunr.min.js")
_running: list = []
# A rebuild's index (going on from the previous site's) is wanted only at the build's end
# and is usually done long before: it yields the cores to Pelican's reading and pages, the
# build's critical path (on 2 cores it took a third of their time from them).  A cold
# build's index is as long as the pages: it keeps its share.
NICENESS = 10


def build(content: Path, folder: Path, cache: Path | None = None, previous: Path | None = None) -> dict:
    # imported here, in the index's own process: the build's main process, whose start is
    # on a rebuild's critical path, need not load numpy (0.1 s)
    from .writer import write_search_files
    stats = write_search_files(content, folder, cache=cache, previous=previous)
    log.info("search index: %(documents)d documents, %(parts)d parts, %(bytes)d bytes", stats)
    return stats


def _build_reporting(content: Path, folder: Path, cache: Path | None, previous: Path | None) -> None:
    """``build`` in the forked process: a failure the maintainer can cause (a full disk)
    in one line, the build then failing with it."""
    if previous is not None:
        os.nice(NICENESS)
    try:
        build(content, folder, cache, previous)
    except OSError as error:
        if debugging():
            raise
        print(describe(error, folder), file=sys.stderr)
        sys.exit(1)


def _forget_failed_builds() -> None:
    """A build that failed in this process before its end left its index process here:
    stop it (its folder went with that build's)."""
    while _running:
        process, staging, _ = _running.pop()
        if process is not None:
            process.kill()
            process.join()
        shutil.rmtree(staging, ignore_errors=True)


def start(pelican):
    _forget_failed_builds()
    lunr_js = Path(pelican.settings.get("LUNR_JS", LUNR_JS))
    if not lunr_js.exists():
        raise Failure(f"{lunr_js}: missing — run `npm ci` (make setup) to install lunr.js")
    # beside the output (the same file system: moved in at the end, not copied)
    output = Path(pelican.output_path)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{output.name}.search-", dir=output.parent))
    content = Path(pelican.settings["PATH"])
    # documents' terms are kept between builds when Pelican keeps its content cache, and
    # unchanged result-list files are linked from the previous site
    cache = Path(pelican.settings["CACHE_PATH"]) / "search" if pelican.settings.get("CACHE_CONTENT") else None
    previous = pelican.settings.get("PREVIOUS_OUTPUT")
    previous = Path(previous) / "search" if previous and cache else None
    arguments = (content, staging / "search", cache, previous)
    if "fork" in multiprocessing.get_all_start_methods():
        process = multiprocessing.get_context("fork").Process(target=_build_reporting, args=arguments)
        process.start()
    else:
        build(*arguments)
        process = None
    _running.append((process, staging, lunr_js))


def finish(pelican):
    output = Path(pelican.output_path)
    while _running:
        process, staging, lunr_js = _running.pop()
        if process is not None:
            process.join()
            if process.exitcode != 0:
                shutil.rmtree(staging, ignore_errors=True)
                raise Failure(f"{staging}: building the search index failed (exit code {process.exitcode}); "
                              "see the line above, or run again with --debug")
        shutil.rmtree(output / "search", ignore_errors=True)
        shutil.move(str(staging / "search"), str(output / "search"))
        shutil.rmtree(staging, ignore_errors=True)
        (output / "theme/js").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lunr_js, output / "theme/js/lunr.min.js")
        write_patterns(output)  # what tokenizer.js matches with, from the converter's patterns


def register():
    signals.initialized.connect(start)
    signals.finalized.connect(finish)

