"""The ingest: every source of a folder converted on every core, reusing the stored
conversion of an unchanged one, and written as it comes; then what no source writes any
more removed, and the report written and summarised."""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import cache, slugs
from .checks import conflicting_issue_numbers
from .failures import reason
from .kinds import Code
from .lock import holding
from .pipeline import Conversion, convert_file
from .problems import Problem, printable
from .sources import Source, find_sources
from .writer import ContentWriter, encoded_files, render, write_report


def _convert(job: tuple[Path, str]) -> tuple[bytes, dict[str, bytes]]:
    """A source converted (on any core): the cache's entry of it (``cache.pack``: the
    conversion without its files' text, with the slugs it asked for) and its files' bytes,
    written as they are."""
    slugs.asked()   # forgets an earlier job's
    conversion = render(convert_file(*job))
    conversion.slugs = slugs.asked()
    files = encoded_files(conversion)
    return cache.pack(conversion, files), files


def _skipped(source: Source) -> Conversion:
    """A file that is not converted, as a conversion with no document and its reason."""
    return Conversion(source.name, problems=[source.skipped])


def _keyed(source: Source, stamps: cache.Stamps) -> tuple[Source, str | None]:
    """The source with its cache key, or named unreadable (gone, or no permission)."""
    if source.skipped:
        return source, None
    try:
        return source, cache.key(source.path, source.name, stamps)
    except OSError as error:
        problem = Problem(source.name, 1, Code.UNREADABLE, reason(error), "error")
        return Source(source.path, source.name, problem), None


def convert_all(found: list[Source], out: Path, quiet: bool,
                each: Callable[[Conversion, dict[str, bytes]], list[str]]) -> tuple[list[Conversion], int]:
    """Convert each source on every core, reusing the stored conversion of an unchanged one.
    ``each`` is given every conversion and its files' bytes (none for a stored one: its
    files are written) in the sources' order as soon as it and those before it are done,
    and names the files it left on disk as given: their stamps are taken with the digests
    the conversion took (the next ingest does not read them to know them unchanged).
    Returns the conversions (without their files' text) and how many were reused."""
    stamps = cache.Stamps(out)
    found = [_keyed(source, stamps) for source in found]
    stored = {source.name: cache.load(out, key, stamps) for source, key in found if key}
    for conversion in stored.values():
        slugs.known(conversion.slugs if conversion else {})   # a new source's places and numbers are most often known
    todo = [(source.path, source.name) for source, key in found if key and stored[source.name] is None]
    conversions = []
    with _converting(todo, quiet) as fresh:
        for source, key in found:
            conversion = _skipped(source) if key is None else stored[source.name]
            files, digests = {}, {}   # a stored conversion's files are written
            if conversion is None:
                entry, files = next(fresh)
                cache.store(out, key, entry)
                conversion, digests = cache.unpack(entry)
            for relative in each(conversion, files):
                stamps.note(out / relative, digests[relative])
            conversions.append(conversion)
    cache.keep_only(out, {key for _, key in found if key})
    stamps.save()
    return conversions, len(stored) - len(todo)


@contextmanager
def _converting(todo: list[tuple[Path, str]], quiet: bool) -> Iterator[Iterator[tuple[bytes, dict]]]:
    """What ``_convert`` gives for each of ``todo`` as it comes, in its order, on every core
    from the start (a progress bar on a terminal)."""
    # the cores this process may use (taskset, a container), where the system says
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = min(usable, len(todo))
    progress = _progress(len(todo), shown=not quiet and len(todo) > 1)
    if len(todo) > 1:   # a new issue's slugs are most often known; those of many sources are not
        slugs.load_pinyin()   # once, shared by any workers, and left out of the collector's passes
        gc.freeze()
    try:
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor   # with logging: 0.05 s to import
            with ProcessPoolExecutor(workers) as pool:
                try:
                    yield progress_map(pool.map(_convert, todo, chunksize=4), progress)
                except BaseException:
                    pool.shutdown(cancel_futures=True)  # a failure shown now, not after every source
                    raise
        else:
            yield progress_map(map(_convert, todo), progress)
    finally:
        progress.close()


def _progress(total: int, shown: bool):
    """A progress bar of ``total`` files, or one that shows nothing.  tqdm is imported only
    to be shown (0.05 s): adding one issue converts one file, with no bar."""
    if not shown:
        return _NO_PROGRESS
    from tqdm import tqdm
    return tqdm(total=total, desc="converting", unit="file")


class _NoProgress:
    def update(self) -> None:
        pass

    def close(self) -> None:
        pass


_NO_PROGRESS = _NoProgress()


def progress_map(results, progress):
    for result in results:
        progress.update()
        yield result


def ingest(sources: Path, out: Path, strict: bool, quiet: bool) -> int:
    if not sources.exists():
        print(f"{printable(str(sources))}: no such file or folder", file=sys.stderr)
        return 2
    with holding(out, "an ingest"), _old_objects_frozen():
        return _ingest(sources, out, strict, quiet)


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """What is alive now (the modules' objects; pypinyin's dictionaries, some 200,000, are
    frozen too where they are loaded, before the converting processes fork) left out of the
    garbage collector's passes, here and in those processes: each full pass walked them all
    (at 25 MB of sources, the full passes took 0.09 s of a 4 s ingest, then 0.04 s)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _ingest(sources: Path, out: Path, strict: bool, quiet: bool) -> int:
    found = find_sources(sources)
    out.mkdir(parents=True, exist_ok=True)
    # a folder is the whole truth: what no source of it writes any more leaves the content
    writer = ContentWriter(out, {source.name for source in found}, whole=sources.is_dir())
    conversions, reused = convert_all(found, out, quiet, writer.write)
    problems, removed = writer.finish()
    problems = conflicting_issue_numbers(conversions) + problems
    write_report(out, conversions, problems, removed)
    shown = str(sources if sources.is_dir() else sources.parent)
    everything = [p for c in conversions for p in c.problems] + problems
    for problem in everything:
        print(problem.shown("" if shown == "." else shown), file=sys.stderr)
    documents = sum(len(c.documents) for c in conversions)
    errors = sum(p.severity == "error" for p in everything)
    warnings = len(everything) - errors
    if not quiet:
        _summarise(out, removed, f"{len(found)} sources ({reused} unchanged, not converted again), "
                                 f"{documents} documents, {warnings} warnings, {errors} errors")
    if errors or (strict and warnings):
        return 1 if strict or not documents else 0
    return 0


def _summarise(out: Path, removed: dict[str, list[str]], counts: str) -> None:
    for source, names in removed.items():
        print(f"removed: {len(names)} documents of {printable(source)}")
    print(f"{counts} → {printable(str(out))}")
