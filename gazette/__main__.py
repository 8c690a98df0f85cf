"""Command line: ``python -m gazette ingest SOURCES OUT [--strict]`` and ``python -m gazette add FILE``."""
from __future__ import annotations

import argparse
from pathlib import Path

from .add import add
from .failures import leave, run_reporting
from .ingest import ingest


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
    leave(main())
