"""One writer at a time: an ingest holds its content folder's lock, a build holds the lock
of its output folder and then of the content folder it reads, so two maintainers' runs
(or a run started twice) take turns instead of mixing their files.

The lock is an exclusive POSIX record lock (``lockf``) on a file beside the folder
(``content.lock`` beside ``content/``): the kernel lets it go when the process ends,
killed or not, so a crashed run never leaves the project locked; and, unlike ``flock``,
the worker processes a run forks do not hold it, so none of them can keep it after a kill.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
import time
from pathlib import Path

WAIT_NOTICE_SECONDS = 0.2  # a lock let go at once is not worth a message


def lock_file(folder: Path) -> Path:
    folder = Path(os.path.abspath(folder))
    return folder.with_name(folder.name + ".lock")


@contextlib.contextmanager
def holding(folder: Path, what: str):
    """Hold ``folder``'s lock while the block runs; if another process holds it, say so
    once on stderr and wait for it."""
    path = lock_file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        if not _try(handle):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(f"{path}: {holder} is using {folder}; {what} waits for it to finish…", file=sys.stderr)
            started = time.monotonic()
            fcntl.lockf(handle, fcntl.LOCK_EX)
            if time.monotonic() - started > WAIT_NOTICE_SECONDS:
                print(f"{path}: free now; {what} goes on", file=sys.stderr)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{what} (pid {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def _try(handle) -> bool:
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as error:  # EAGAIN or EACCES: held by another process
        if error.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
