"""Maintainer tasks (``invoke --list``).  The Makefile only bootstraps the environment.

Every task runs its programs with argument lists, never a shell command line, so a path
with spaces, quotes, ``;``, ``$()``, newlines or Chinese is passed as it is."""
from __future__ import annotations

import subprocess
import sys

from invoke import Exit, task

PY = sys.executable


def run(*arguments: str) -> None:
    """Run ``python ARGUMENTS``; a failure ends the task with the program's exit code (the
    program has said why).  Paths go after ``--``, so a file named ``-x.txt`` is no option."""
    code = subprocess.run([PY, *arguments]).returncode
    if code:
        raise Exit(code=code)


def flags(**options: bool) -> list[str]:
    """``--name`` for each option that is set."""
    return [f"--{name}" for name, value in options.items() if value]


@task
def ingest(c, sources="sources", out="content", strict=False, debug=False):
    """Convert raw gazettes in SOURCES into Markdown documents in OUT."""
    run("-m", "gazette", "ingest", *flags(strict=strict, debug=debug), "--", sources, out)


@task
def build(c, settings="pelicanconf.py", sources="sources", content="content", debug=False):
    """Convert SOURCES and build the site into output/ (one build at a time, swapped in whole)."""
    ingest(c, sources, content, debug=debug)
    run("-m", "plugins.atomic_build", *flags(debug=debug), "--sources", sources, "--content", content, "--", settings)


@task
def add(c, path, debug=False):
    """Put a new raw gazette into sources/<publisher>/, convert it, rebuild, print what is new."""
    run("-m", "gazette", "add", *flags(debug=debug), "--", path)
    run("-m", "plugins.atomic_build", *flags(debug=debug), "pelicanconf.py")


@task
def qa(c, content="content", strict=False):
    """Summarise content/report.json; with --strict, fail on errors, unaccounted lines, unmatched TOC entries,
    text before an issue's first document (a document not recognised) or files not converted."""
    import json
    from pathlib import Path

    from gazette.problems import Problem, failing_in_strict_qa

    report = Path(content) / "report.json"
    if not report.exists():
        raise Exit(f"{report}: no conversion report — run `invoke ingest` first", code=2)
    data = json.loads(report.read_text(encoding="utf-8"))
    problems = [Problem(**p) for s in data["sources"] for p in s["problems"]] + \
        [Problem(**p) for p in data["problems"]]
    failing = [p for p in problems if failing_in_strict_qa(p)]
    for problem in problems:
        print(problem)
    for gone in data.get("removed", []):
        print(f"removed: {len(gone['documents'])} documents of {gone['source']}")
    print(f"{len(data['sources'])} sources, {len(problems)} problems, {len(failing)} that fail --strict")
    if strict and failing:
        raise Exit(code=1)


@task
def serve(c, port=8000, bind="127.0.0.1", watch=False, debug=False):
    """Serve output/ on http://127.0.0.1:PORT (BIND another address to share it); no folder listings.
    With --watch: build first, then publish each change to sources/ or the theme within seconds."""
    if watch:
        run("-m", "plugins.watch", *flags(debug=debug), "--port", str(port), "--bind", bind)
    else:
        run("-m", "plugins.serve", "output", "--port", str(port), "--bind", bind)


@task
def test(c):
    """Run every test: converter, site and browser tests, doctests."""
    run("-m", "pytest", "-q", "--doctest-modules", "gazette", "plugins", "tests")


@task
def package(c, output="output", target="dist/gazette-archive.zip"):
    """Zip the built site for offline readers, with a SHA-256 manifest (SHA256SUMS.txt)."""
    run("-m", "plugins.package", output, target)  # it reads its two arguments as paths, no options


@task
def bench(c, docs="10000", mix="topical"):
    """Benchmark the pipeline on a synthetic archive of DOCS documents (10000,50000: each size) beside plain Pelican and Hugo (MIX: topical or uniform)."""
    run("-m", "benchmark.run", "--docs", str(docs), "--mix", mix)


@task
def bench_pdf(c, pdfs=""):
    """Benchmark reading PDF gazettes on one core, in pages a second (PDFS: space-separated paths; default: the samples, typeset)."""
    run("-m", "benchmark.pdf", *pdfs.split())
