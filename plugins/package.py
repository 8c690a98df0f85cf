"""The offline package: a zip of the built site with a SHA-256 manifest of its files.

Usage: ``python -m plugins.package [OUTPUT] [ZIP]``.  Entries are written in sorted order
with a fixed timestamp, so the same site gives the same zip.
"""
from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

MANIFEST = "SHA256SUMS.txt"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
TOP = "gazette-archive"


def manifest(site: Path) -> str:
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != MANIFEST):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(site).as_posix()}")
    return "\n".join(lines) + "\n"


def package(site: Path, target: Path) -> Path:
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html is missing: build the site first (make html)")
    (site / MANIFEST).write_text(manifest(site), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "dist/gazette-archive.zip")
    print(package(site, target))
