"""Shared fixtures: the sample gazettes converted once per session."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import functools
import http.server
import threading

import pytest
from playwright.sync_api import sync_playwright

from gazette.schema import read_document

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


def run_ingest(sources: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gazette", "ingest", str(sources), str(out), "--quiet", *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def read_documents(out: Path) -> dict[str, dict]:
    """Front matter of every written document, by path relative to ``out``."""
    found = {}
    for path in sorted(out.rglob("*.md")):
        found[path.relative_to(out).as_posix()] = read_document(path.read_text(encoding="utf-8"))[0]
    return found


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("content")
    result = run_ingest(SOURCES, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The samples plus two single documents, one repealing the other, converted and built once."""
    import shutil

    from site_helpers import build_site

    work = tmp_path_factory.mktemp("site")
    sources = work / "sources"
    shutil.copytree(SOURCES, sources)
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", sources / "web")
    result = run_ingest(sources, work / "content")
    assert result.returncode == 0, result.stderr
    return build_site(work / "content", work / "output", ROOT, sources=sources), work / "content"


CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright downloads no browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def http_root(site):
    output, _ = site
    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


