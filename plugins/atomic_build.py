"""Build the site beside ``output/`` and swap it in only when the build succeeded, so a
failed or interrupted build leaves the previous site whole.

Usage: ``python -m plugins.atomic_build [SETTINGS] [--content DIR] [--output DIR]``.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


def build(settings_file: str = "pelicanconf.py", overrides: dict | None = None) -> Path:
    settings = read_settings(settings_file, override=overrides or {})
    final = Path(settings["OUTPUT_PATH"]).resolve()
    staging = final.with_name(final.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    settings["OUTPUT_PATH"] = str(staging)
    Pelican(settings).run()
    previous = final.with_name(final.name + ".old")
    if previous.exists():
        shutil.rmtree(previous)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
    return final


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m plugins.atomic_build", description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    args = parser.parse_args(argv)
    overrides = {key: value for key, value in (("PATH", args.content), ("OUTPUT_PATH", args.output)) if value}
    build(args.settings, overrides)


if __name__ == "__main__":
    main(sys.argv[1:])
