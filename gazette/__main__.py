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
from .pipeline import convert_file
from .writer import render, write_all, write_report

SOURCE_SUFFIXES = (".txt", ".md", ".text")


def find_sources(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)


def display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _convert(job: tuple[Path, str]):
    return render(convert_file(*job))  # the YAML is written here, on every core


def convert_all(files: list[Path], out: Path, quiet: bool) -> tuple[list, int]:
    """Convert each source on every core, reusing the stored conversion of an unchanged one."""
    keys = [cache.key(path, display_path(path)) for path in files]
    conversions = [cache.load(out, key) for key in keys]
    todo = [(path, display_path(path)) for path, done in zip(files, conversions) if done is None]
    workers = min(os.cpu_count() or 1, len(todo))
    progress = tqdm(total=len(todo), desc="converting", unit="file", disable=quiet or len(todo) < 2)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            fresh = list(progress_map(pool.map(_convert, todo, chunksize=4), progress))
    else:
        fresh = list(progress_map(map(_convert, todo), progress))
    progress.close()
    converted = iter(fresh)
    for position, done in enumerate(conversions):
        if done is None:
            conversions[position] = next(converted)
            cache.store(out, keys[position], conversions[position])
    cache.keep_only(out, set(keys))
    return conversions, len(files) - len(todo)


def progress_map(results, progress):
    for result in results:
        progress.update()
        yield result


def ingest(sources: Path, out: Path, strict: bool, quiet: bool) -> int:
    if not sources.exists():
        print(f"{sources}: no such file or folder", file=sys.stderr)
        return 2
    files = find_sources(sources)
    out.mkdir(parents=True, exist_ok=True)
    conversions, reused = convert_all(files, out, quiet)
    problems = conflicting_issue_numbers(conversions) + write_all(out, conversions)
    write_report(out, conversions, problems)
    everything = [p for c in conversions for p in c.problems] + problems
    for problem in everything:
        print(problem, file=sys.stderr)
    documents = sum(len(c.documents) for c in conversions)
    errors = sum(p.severity == "error" for p in everything)
    warnings = len(everything) - errors
    if not quiet:
        print(f"{len(files)} sources ({reused} unchanged, not converted again), {documents} documents, "
              f"{warnings} warnings, {errors} errors → {out}")
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
    command = commands.add_parser("add", help="put a new raw gazette into SOURCES/<publisher>/ and convert")
    command.add_argument("file", type=Path, help="the raw gazette to add")
    command.add_argument("--sources", type=Path, default=Path("sources"), help="the sources folder (sources)")
    command.add_argument("--out", type=Path, default=Path("content"), help="the content folder (content)")
    command.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning or error")
    args = parser.parse_args(argv)
    if args.command == "add":
        return add(args.file, args.sources, args.out, args.strict, ingest)
    return ingest(args.sources, args.out, args.strict, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
