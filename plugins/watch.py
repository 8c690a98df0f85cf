"""``python -m plugins.watch [SETTINGS] [--sources DIR] [--content DIR] [--port N]``: the
site served while its sources are watched, as ``hugo server`` does.  A gazette put into
the sources, changed or taken out, or a change to the theme, is converted and published
within seconds by one process that keeps the converter, Pelican and the plugins loaded
from build to build.  Each build is the one ``invoke build`` makes (byte-identical to a
build from nothing) and is swapped in whole, so a reader never sees half a site; a failed
build is reported and the last good site stays served.  A change to the code or the
settings starts the process again, so what runs is what is on disk."""
from __future__ import annotations

import argparse
import gc
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import watchfiles
from pelican.settings import read_settings

from gazette.failures import Failure, debugging, run_reporting
from gazette.ingest import ingest
from gazette.problems import printable
from plugins import atomic_build

ROOT = Path(__file__).resolve().parent.parent
# what shapes the build, as the build's caches know it (their patterns' first folder or file)
CODE = sorted({ROOT / pattern.split("/")[0] for pattern in atomic_build.CODE})


class Watched:
    """What the watcher builds from and into: the settings file, the sources, the
    content folder the ingest writes, and the site (the settings' output folder)."""

    def __init__(self, settings: str, sources: Path, content: Path, overrides: dict[str, str]):
        self.settings, self.sources, self.content = settings, sources, content
        self.overrides = {**overrides, "PATH": str(content), "GAZETTE_SOURCES": str(sources)}
        content.mkdir(parents=True, exist_ok=True)  # Pelican's settings want it there; the ingest fills it
        try:
            values = read_settings(settings, override=self.overrides)
        except ValueError as error:  # Pelican's word on a setting
            raise Failure(f"{settings}: {error}") from error
        self.output = Path(values["OUTPUT_PATH"])
        self.theme = Path(values["THEME"])

    def publish(self) -> None:
        """Convert the sources and build the site, and say whether it was swapped in."""
        began = time.perf_counter()
        try:
            failed = (_step(lambda: ingest(self.sources, self.content, False, False), self.content)
                      or _step(lambda: atomic_build.build(self.settings, self.overrides) and 0, self.output))
        except Exception as error:  # a bug some source met: reported, and the watch goes on
            if debugging():
                traceback.print_exc()
            print(f"the build failed: {error!r}", file=sys.stderr)
            failed = True
        if failed:
            print("not published: the site served is still the last one built", file=sys.stderr, flush=True)
            return
        print(f"published in {time.perf_counter() - began:.1f} s → {printable(str(self.output))}", flush=True)

    def code(self) -> list[Path]:
        """What, changed, makes the running code not the code on disk."""
        return sorted({*CODE, Path(self.settings).resolve()})

    def watched(self) -> list[Path]:
        return [self.sources, self.theme, *(path for path in self.code() if path.exists())]


def _step(command, fallback: Path) -> int:
    """``command``'s exit code, its failure told in one line (Ctrl-C stops the watch)."""
    code = run_reporting(command, debugging(), fallback)
    if code == 130:
        raise KeyboardInterrupt
    return code


def changed_code(changes: set[tuple[watchfiles.Change, str]], code: list[Path]) -> bool:
    return any(Path(path).is_relative_to(part) for _, path in changes for part in code)


class Changes:
    """The changes to ``paths``, gathered by a thread from the moment ``started`` returns
    (a change made while the first build runs is not missed), and taken together: what
    changed while a build ran is one more build, not one per file."""

    def __init__(self, paths: list[Path]):
        self.queue: queue.Queue = queue.Queue()
        self.ready, self.stopping = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._gather, args=(paths,), daemon=True)
        self.failure: Exception | None = None

    def started(self) -> Changes:
        self.thread.start()
        self.ready.wait()
        if self.failure is not None:
            raise Failure(f"cannot watch the sources and the theme: {self.failure}")
        return self

    def _gather(self, paths: list[Path]) -> None:
        try:  # a timeout's empty set tells the watch is on
            for changes in watchfiles.watch(*paths, stop_event=self.stopping, yield_on_timeout=True,
                                            rust_timeout=200):
                self.ready.set()
                if changes:
                    self.queue.put(changes)
        except Exception as error:  # a folder gone, no permission, too many watches (fs.inotify)
            self.failure = error
        finally:
            self.ready.set()

    def next(self) -> set:
        """The next changes, with every other that came meanwhile (blocks until one)."""
        changes = set(self.queue.get())
        while not self.queue.empty():
            changes |= self.queue.get()
        return changes

    def stop(self) -> None:
        self.stopping.set()


def serving(output: Path, port: int, bind: str) -> subprocess.Popen:
    """The site served by a process of its own (a build forks worker processes, and a
    server's threads in this process could hold a lock at the moment of a fork), its pages
    loading themselves again after each new build."""
    return subprocess.Popen([sys.executable, "-m", "plugins.serve", str(output), "--port", str(port),
                             "--bind", bind, "--live"], cwd=ROOT)


def watch(watched: Watched, port: int, bind: str, argv: list[str]) -> int:
    """Publish now, then after every change, until Ctrl-C, or a change to the code, which
    starts this program again with ``argv``."""
    changes, server = Changes(watched.watched()).started(), None
    try:
        while True:
            watched.publish()
            # the last build's archive is garbage now, held in cycles: freed before the next
            # build, whose worker processes would otherwise be forked with it (a rebuild at
            # 10,000 documents grew 7.5 → 10.1 s and the process to 2.4 GB in five builds)
            gc.collect()
            if server is None and (watched.output / "index.html").is_file():
                server = serving(watched.output, port, bind)
                if ended(server):  # the port is taken: the server said so
                    return server.returncode
            if changed_code(changes.next(), watched.code()):
                print("the code or the settings changed: starting again", flush=True)
                stop(server, changes)
                os.execv(sys.executable, [sys.executable, "-m", "plugins.watch", *argv])
    except KeyboardInterrupt:
        return 0
    finally:
        stop(server, changes)


def ended(server: subprocess.Popen) -> bool:
    """Whether the server ended at once (it could not listen)."""
    try:
        server.wait(timeout=1)
    except subprocess.TimeoutExpired:
        return False
    return True


def stop(server: subprocess.Popen | None, changes: Changes) -> None:
    changes.stop()
    if server is not None and server.poll() is None:
        server.terminate()
        server.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m plugins.watch", description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--sources", type=Path, default=Path("sources"), help="the raw gazettes (sources)")
    parser.add_argument("--content", type=Path, default=Path("content"), help="the content folder (content)")
    parser.add_argument("--output", help="the site's folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--cache", help="the build's cache folder (default: the settings' CACHE_PATH)")
    parser.add_argument("--port", type=int, default=8000, help="the port to serve on (8000; 0: any free one)")
    parser.add_argument("--bind", default="127.0.0.1", help="the address to listen on (127.0.0.1)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"{printable(str(args.sources))}: no such folder — the raw gazettes to watch", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupted)  # the server is stopped with this process
    # the build's worker processes are stopped with SIGTERM (a pool's terminate): they just end
    os.register_at_fork(after_in_child=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
    overrides = {key: value for key, value in (("OUTPUT_PATH", args.output), ("CACHE_PATH", args.cache)) if value}
    return run_reporting(lambda: watch(Watched(args.settings, args.sources, args.content, overrides), args.port,
                                       args.bind, argv), args.debug)


def _interrupted(*_) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
