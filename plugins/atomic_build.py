"""Build the site beside ``output/`` and swap it in only when the build succeeded, so a
failed or interrupted build leaves the previous site whole.  The site it replaced stays in
``output.old/`` until the next build, which removes it while it runs (unchanged document
pages are hard links between the two, so it takes little room).

The build's caches (Pelican's content cache, the search index's per-document terms) go
to a folder under CACHE_PATH named for the code that made them: a change to the
converter, the plugins, the settings or the pinned packages starts a new cache, and older
ones are removed.

Usage: ``python -m plugins.atomic_build [SETTINGS] [--content DIR] [--output DIR] [--cache DIR]``.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import threading
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


ROOT = Path(__file__).resolve().parent.parent
CODE = ("gazette/**/*.py", "gazette/data/*", "plugins/**/*.py", "pelicanconf.py", "requirements.txt")


def code_fingerprint(root: Path = ROOT) -> str:
    """A hash of the code and settings that shape what the caches hold."""
    digest = hashlib.sha256()
    for path in sorted({p for pattern in CODE for p in root.glob(pattern) if p.is_file()}):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def versioned_cache(root: Path) -> Path:
    """This code's cache folder under ``root``; other versions' folders are removed."""
    current = root / code_fingerprint()
    if root.exists():
        for folder in root.iterdir():
            if folder.is_dir() and folder != current:
                shutil.rmtree(folder, ignore_errors=True)
    return current


def _remove_in_background(folder: Path) -> threading.Thread | None:
    """Remove ``folder``, and what an interrupted build left of earlier ones, in a thread
    (deleting a site's files takes seconds, mostly in system calls, which run beside the
    build)."""
    if folder.exists():
        folder.rename(folder.with_name(f"{folder.name}.{os.getpid()}.trash"))
    trash = sorted(folder.parent.glob(f"{folder.name}.*.trash"))
    if not trash:
        return None

    def remove():
        for path in trash:
            shutil.rmtree(path, ignore_errors=True)

    thread = threading.Thread(target=remove)
    thread.start()
    return thread


def build(settings_file: str = "pelicanconf.py", overrides: dict | None = None) -> Path:
    settings = read_settings(settings_file, override=overrides or {})
    if settings.get("CACHE_CONTENT"):
        settings["CACHE_PATH"] = str(versioned_cache(Path(settings["CACHE_PATH"])))
    final = Path(settings["OUTPUT_PATH"]).resolve()
    staging = final.with_name(final.name + ".new")
    previous = final.with_name(final.name + ".old")  # the site before, kept by the last build
    if staging.exists():
        shutil.rmtree(staging)
    settings["OUTPUT_PATH"] = str(staging)
    if final.exists():
        settings["PREVIOUS_OUTPUT"] = str(final)  # unchanged pages are linked from it (page_reuse)
    cleaner = _remove_in_background(previous)
    try:
        Pelican(settings).run()
    finally:
        if cleaner:
            cleaner.join()
    if final.exists():
        final.rename(previous)  # removed while the next build runs
    staging.rename(final)
    return final


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m plugins.atomic_build", description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--cache", help="cache folder (default: the settings' CACHE_PATH)")
    args = parser.parse_args(argv)
    overrides = {key: value for key, value in (("PATH", args.content), ("OUTPUT_PATH", args.output),
                                               ("CACHE_PATH", args.cache)) if value}
    build(args.settings, overrides)


if __name__ == "__main__":
    main(sys.argv[1:])
