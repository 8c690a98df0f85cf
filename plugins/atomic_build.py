"""Build the site beside ``output/`` and swap it in only when the build succeeded, so a
failed or interrupted build leaves the previous site whole.  The site it replaced stays in
``output.old/`` until the next build, which removes it while it runs (unchanged document
pages are hard links between the two, so it takes little room).

The build's caches (Pelican's content cache, the search index's per-document terms) go
to a folder under CACHE_PATH named for the code and the settings that made them: a change
to the converter, the plugins, the settings or the pinned packages starts a new cache;
older code's are removed (another settings file's, the hosted build's, stays).

Usage: ``python -m plugins.atomic_build [SETTINGS] [--content DIR] [--output DIR] [--cache DIR]``.
"""
from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from gazette import slugs
from gazette.failures import Failure, leave, naming, run_reporting
from gazette.lock import holding
from plugins import offline_copy
from plugins.page_reuse.fingerprint import site_inputs


ROOT = Path(__file__).resolve().parent.parent
CODE = ("gazette/**/*.py", "gazette/data/*", "plugins/**/*.py", "pelicanconf.py", "requirements.txt")


def code_fingerprint(root: Path = ROOT) -> str:
    """A hash of the code and settings that shape what the caches hold."""
    digest = hashlib.sha256()
    for path in sorted({p for pattern in CODE for p in root.glob(pattern) if p.is_file()}):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def versioned_cache(root: Path, settings: dict) -> Path:
    """This code's and these settings' cache folder under ``root``: Pelican keeps each
    document as made, and a document is made from the settings (its URL, its date's
    format).  Other code versions' folders are removed; another settings file's (the
    hosted build's beside the local one) are kept."""
    code = code_fingerprint()
    current = root / f"{code}-{site_inputs(settings, '')[:16]}"
    if root.exists():
        for folder in root.iterdir():
            if folder.is_dir() and not folder.name.startswith(code):
                shutil.rmtree(folder, ignore_errors=True)
    return current


def _remove_in_background(folder: Path) -> subprocess.Popen | None:
    """Remove ``folder``, and what an interrupted build left of earlier ones, in another
    process while the build runs (deleting a site's 60,000 files takes seconds of system
    calls; in a thread of the build's own process they also held its interpreter lock
    between calls, slowing the build by more than they took)."""
    if folder.exists():
        folder.rename(folder.with_name(f"{folder.name}.{os.getpid()}.trash"))
    trash = sorted(folder.parent.glob(f"{folder.name}.*.trash"))
    # a killed build's folders: no build runs beside this one (it holds the lock)
    trash += sorted(folder.parent.glob(f"{folder.name.removesuffix('.old')}.build-*"))
    trash += sorted(folder.parent.glob(f"{folder.name.removesuffix('.old')}.new*"))  # an older code's
    trash += sorted(folder.parent.glob(f"{folder.name.removesuffix('.old')}.search-*"))  # its search index's
    if not trash:
        return None
    return subprocess.Popen(["rm", "-rf", "--", *map(str, trash)])


def build(settings_file: str = "pelicanconf.py", overrides: dict | None = None) -> Path:
    """Build the site into a folder of this build's own beside the output, then put it in
    the output's place in one step; one build at a time (the output's lock, then the
    content's, which an ingest holds while it writes)."""
    try:
        settings = read_settings(settings_file, override=overrides or {})
    except ValueError as error:  # Pelican's word on a setting: no content folder, …
        raise Failure(f"{settings_file}: {error}") from error
    final = Path(settings["OUTPUT_PATH"]).resolve()
    with holding(final, "a build"), holding(Path(settings["PATH"]), "a build"):
        return _build(settings, final)


def _build(settings: dict, final: Path) -> Path:
    if settings.get("CACHE_CONTENT"):
        settings["CACHE_PATH"] = str(versioned_cache(Path(settings["CACHE_PATH"]), settings))
    previous = final.with_name(final.name + ".old")  # the site before, kept by the last build
    cleaner = _remove_in_background(previous)
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{final.name}.build-", dir=final.parent))
    staging = work / final.name
    settings["OUTPUT_PATH"] = str(staging)
    if final.exists():
        settings["PREVIOUS_OUTPUT"] = str(final)  # unchanged pages are linked from it (page_reuse)
    try:
        with naming(staging), _slugs_kept(settings):
            Pelican(settings).run()
            if settings.get("OFFLINE_COPY"):  # the hosted build's: the whole site, zipped
                offline_copy.publish(staging, settings["OFFLINE_COPY"])
        swap(staging, final)
        if staging.exists():  # the site it replaced: removed while the next build runs
            staging.rename(previous)
    finally:
        gc.unfreeze()   # what the build kept out of the collector's passes (archive.long_lived)
        shutil.rmtree(work, ignore_errors=True)
        if cleaner:
            cleaner.wait()
    return final


def _slugs_kept(settings: dict):
    """The slugs a build finds (organs, numbers) kept in its cache for the next build, which
    then loads pypinyin only for a name it has not seen (``gazette.slugs.remembered``)."""
    if not settings.get("CACHE_CONTENT"):
        return contextlib.nullcontext()
    cache = Path(settings["CACHE_PATH"])   # named for the code and the settings (versioned_cache)
    return slugs.remembered(cache / "slugs.json", cache.name)


RENAME_EXCHANGE = 2  # renameat2's flag: swap two paths in one step
AT_FDCWD = -100      # renameat2's "relative to the working folder"


def swap(new: Path, final: Path) -> None:
    """Put ``new`` in ``final``'s place in one atomic step, leaving the old ``final`` at
    ``new`` (Linux's renameat2 with RENAME_EXCHANGE), so ``final`` is always a whole site,
    even if the build is killed here.  Where the kernel cannot exchange, two renames."""
    if not final.exists():
        new.rename(final)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(final),
                                           RENAME_EXCHANGE) == 0:
        return
    held = new.with_name(new.name + ".replaced")
    final.rename(held)
    new.rename(final)
    held.rename(new)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m plugins.atomic_build", description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--cache", help="cache folder (default: the settings' CACHE_PATH)")
    parser.add_argument("--sources", help="the sources folder the content was converted from (GAZETTE_SOURCES)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    args = parser.parse_args(argv)
    overrides = {key: value for key, value in (("PATH", args.content), ("OUTPUT_PATH", args.output),
                                               ("CACHE_PATH", args.cache), ("GAZETTE_SOURCES", args.sources))
                 if value}
    return run_reporting(lambda: build(args.settings, overrides) and 0, args.debug, args.output or "output")


if __name__ == "__main__":
    leave(main(sys.argv[1:]))
