"""Maintainer tasks (``invoke --list``).  The Makefile only bootstraps the environment."""
from __future__ import annotations

import sys

from invoke import task

PY = sys.executable


@task
def ingest(c, sources="sources", out="content", strict=False):
    """Convert raw gazettes in SOURCES into Markdown documents in OUT."""
    c.run(f"{PY} -m gazette ingest {sources} {out}" + (" --strict" if strict else ""), pty=False)


@task(pre=[ingest])
def build(c, settings="pelicanconf.py"):
    """Convert sources/ and build the site into output/ (atomically)."""
    c.run(f"{PY} -m plugins.atomic_build {settings}")


@task
def add(c, path):
    """Put a new raw gazette into sources/<publisher>/, convert it, rebuild, print what is new."""
    c.run(f"{PY} -m gazette add {path}")
    c.run(f"{PY} -m plugins.atomic_build pelicanconf.py")


@task
def qa(c, content="content", strict=False):
    """Summarise content/report.json; with --strict, fail on errors, unaccounted lines, unmatched TOC entries or
    text before an issue's first document (a document not recognised)."""
    import json
    from pathlib import Path

    report = json.loads((Path(content) / "report.json").read_text(encoding="utf-8"))
    problems = [p for s in report["sources"] for p in s["problems"]] + report["problems"]
    failing = [p for p in problems if p["severity"] == "error"
               or p["code"] in ("unaccounted-line", "toc-unmatched", "not-in-toc", "text-before-first-document")]
    for problem in problems:
        print(f"{problem['path']}:{problem['line']}: {problem['severity']}: {problem['code']}: {problem['message']}")
    print(f"{len(report['sources'])} sources, {len(problems)} problems, {len(failing)} that fail --strict")
    if strict and failing:
        raise SystemExit(1)


@task
def serve(c, port=8000):
    """Serve output/ on http://localhost:PORT."""
    c.run(f"{PY} -m http.server {port} --directory output")


@task
def test(c):
    """Run every test: converter, site and browser tests, doctests."""
    c.run(f"{PY} -m pytest -q --doctest-modules gazette plugins tests", pty=False)


@task
def package(c, output="output", target="dist/gazette-archive.zip"):
    """Zip the built site for offline readers, with a SHA-256 manifest (SHA256SUMS.txt)."""
    c.run(f"{PY} -m plugins.package {output} {target}")


@task
def bench(c, docs=10000, mix="topical"):
    """Benchmark the pipeline on a synthetic archive of DOCS documents beside plain Pelican (MIX: topical or uniform)."""
    c.run(f"{PY} -m benchmark.run --docs {docs} --mix {mix}")
