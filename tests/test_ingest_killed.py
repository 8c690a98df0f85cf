"""An ingest writes each gazette's documents as soon as it is converted: killed at any point,
it leaves every document whole (the old text or the new), and the next ingest finishes the
job, giving the same bytes as one ingest that was never stopped."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmark.generate import generate
from gazette import cache
from conftest import ROOT, SOURCES, run_ingest


def files(folder: Path) -> dict[str, bytes]:
    """The folder's files, but the sizes and times at which the ingest last took digests
    (``cache.Stamps``: of this run, not of the content)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != cache.Stamps.NAME}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """About 80 generated gazettes, and the content one uninterrupted ingest makes of them."""
    folder = tmp_path_factory.mktemp("killed")
    generate(SOURCES, folder / "sources", 800)
    assert run_ingest(folder / "sources", folder / "whole").returncode == 0
    return folder, files(folder / "whole")


def kill_ingest_when(sources: Path, out: Path, ready, timeout: float = 120) -> bool:
    """Start an ingest, and kill it and its workers at once (as a power cut or the kernel's
    out-of-memory killer would) as soon as ``ready()``; whether it was killed (not ended
    before)."""
    began = time.monotonic()
    ingest = subprocess.Popen([sys.executable, "-m", "gazette", "ingest", str(sources), str(out), "--quiet"],
                              cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not ready() and ingest.poll() is None and time.monotonic() - began < timeout:
        time.sleep(0.005)
    running = ingest.poll() is None
    if running:
        os.killpg(ingest.pid, signal.SIGKILL)
        ingest.wait()
    return running


def _holding(out: Path, documents: int):
    """Whether ``out`` holds ``documents`` documents."""
    return lambda: out.exists() and sum(1 for _ in out.rglob("*.md")) >= documents


def _written_since(out: Path, began_ns: int):
    """Whether a document in ``out`` was written after ``began_ns`` (the ingest's first)."""
    return lambda: any(path.stat().st_mtime_ns > began_ns for path in out.rglob("*.md"))


@pytest.mark.parametrize("share", [0, 0.25, 0.5, 0.75])
def test_a_killed_ingest_leaves_whole_documents_and_the_next_one_finishes(archive, tmp_path, share):
    """Killed once it has written its first document, a quarter, half or three quarters."""
    folder, whole = archive
    out = tmp_path / "content"
    total = sum(path.endswith(".md") for path in whole)
    assert kill_ingest_when(folder / "sources", out, _holding(out, max(1, int(share * total))))
    left = files(out) if out.exists() else {}
    documents = {path: text for path, text in left.items() if path.endswith((".md", ".yaml"))}
    assert sum(path.endswith(".md") for path in documents) < total   # killed before the end
    for path, text in documents.items():
        assert text == whole[path], f"{path} is not the whole document"
    again = run_ingest(folder / "sources", out)
    assert again.returncode == 0, again.stderr
    assert files(out) == whole  # nothing half-written or left over: the same bytes


def test_an_ingest_of_changed_sources_killed_midway_keeps_each_document_whole(archive, tmp_path):
    """Documents are replaced one by one: each is the old text or the new, never a mix."""
    folder, old = archive
    changed = tmp_path / "sources"
    generate(SOURCES, changed, 800, seed=7)  # the same gazettes' paths, other documents in them
    assert run_ingest(changed, tmp_path / "new").returncode == 0
    new = files(tmp_path / "new")
    out = tmp_path / "content"
    assert run_ingest(folder / "sources", out).returncode == 0
    time.sleep(0.05)   # the documents it writes are newer than those
    assert kill_ingest_when(changed, out, _written_since(out, time.time_ns()))   # midway: after its first document
    for path, text in files(out).items():
        if path.endswith((".md", ".yaml")):
            assert text in (old.get(path), new.get(path)), f"{path} is neither the old text nor the new"
    assert run_ingest(changed, out).returncode == 0
    finished = files(out)
    assert finished.pop("report.json") != new.pop("report.json")  # this one names what it removed
    assert finished == new
