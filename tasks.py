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
