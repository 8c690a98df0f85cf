"""Command line: ``python -m gazette ingest SOURCES OUT [--strict]`` and ``python -m gazette add FILE``."""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from . import cache
from .add import add
from .checks import conflicting_issue_numbers
from .failures import reason, run_reporting
from .lock import holding
from .pipeline import Conversion, convert_file
from .problems import Problem, printable
from .sources import Source, find_sources
from .writer import render, write_all, write_report
from .kinds import Code


def _convert(job: tuple[Path, str]):
    return render(convert_file(*job))  # the YAML is written here, on every core


def _skipped(source: Source) -> Conversion:
    """A file that is not converted, as a conversion with no document and its reason."""
    return Conversion(source.name, problems=[source.skipped])


def _keyed(source: Source) -> tuple[Source, str | None]:
    """The source with its cache key, or named unreadable (gone, or no permission)."""
    if source.skipped:
        return source, None
    try:
        return source, cache.key(source.path, source.name)
    except OSError as error:
        problem = Problem(source.name, 1, Code.UNREADABLE, reason(error), "error")
        return Source(source.path, source.name, problem), None


def convert_all(found: list[Source], out: Path, quiet: bool) -> tuple[list, int]:
    """Convert each source on every core, reusing the stored conversion of an unchanged one."""
    found = [_keyed(source) for source in found]
    files = [source for source, _ in found if source.skipped is None]
    keys = [key for source, key in found if source.skipped is None]
    conversions = [cache.load(out, key) for key in keys]
    todo = [(source.path, source.name) for source, done in zip(files, conversions) if done is None]
    converted = iter(_converted(todo, quiet))
    for position, done in enumerate(conversions):
        if done is None:
            conversions[position] = next(converted)
            cache.store(out, keys[position], conversions[position])
    cache.keep_only(out, set(keys))
    by_name = {source.name: conversion for source, conversion in zip(files, conversions)}
    everything = [by_name.get(source.name) or _skipped(source) for source, _ in found]
    return everything, len(files) - len(todo)


def _converted(todo: list[tuple[Path, str]], quiet: bool) -> list[Conversion]:
    """The conversions of ``todo``, in its order, on every core (a progress bar on a terminal)."""
    # the cores this process may use (taskset, a container), where the system says
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = min(usable, len(todo))
    progress = tqdm(total=len(todo), desc="converting", unit="file", disable=quiet or len(todo) < 2)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            fresh = list(progress_map(pool.map(_convert, todo, chunksize=4), progress))
    else:
        fresh = list(progress_map(map(_convert, todo), progress))
    progress.close()
    return fresh


def progress_map(results, progress):
    for result in results:
        progress.update()
        yield result


def ingest(sources: Path, out: Path, strict: bool, quiet: bool) -> int:
    if not sources.exists():
        print(f"{printable(str(sources))}: no such file or folder", file=sys.stderr)
        return 2
    with holding(out, "an ingest"):
        return _ingest(sources, out, strict, quiet)


def _ingest(sources: Path, out: Path, strict: bool, quiet: bool) -> int:
    found = find_sources(sources)
    out.mkdir(parents=True, exist_ok=True)
    conversions, reused = convert_all(found, out, quiet)
    # a folder is the whole truth: what no source of it writes any more leaves the content
    problems, removed = write_all(out, conversions, whole=sources.is_dir())
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
        for source, names in removed.items():
            print(f"removed: {len(names)} documents of {printable(source)}")
        print(f"{len(found)} sources ({reused} unchanged, not converted again), {documents} documents, "
              f"{warnings} warnings, {errors} errors → {printable(str(out))}")
    if errors or (strict and warnings):
        return 1 if strict or not documents else 0
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gazette", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("ingest", help="convert raw gazettes into Markdown documents")
    command.add_argument("sources", type=Path, help="a raw gazette file, or a folder searched recursively")
    command.add_argument("out", type=Path, help="the content folder to write")
    command.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning or error")
    command.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    command.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    command = commands.add_parser("add", help="put a new raw gazette into SOURCES/<publisher>/ and convert")
    command.add_argument("file", type=Path, help="the raw gazette to add")
    command.add_argument("--sources", type=Path, default=Path("sources"), help="the sources folder (sources)")
    command.add_argument("--out", type=Path, default=Path("content"), help="the content folder (content)")
    command.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning or error")
    command.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    args = parser.parse_args(argv)
    if args.command == "add":
        return run_reporting(lambda: add(args.file, args.sources, args.out, args.strict, ingest), args.debug)
    return run_reporting(lambda: ingest(args.sources, args.out, args.strict, args.quiet), args.debug, args.out)


if __name__ == "__main__":
    sys.exit(main())
