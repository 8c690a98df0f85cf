"""The offline package: a zip of the built site with a SHA-256 manifest of its files.

Usage: ``python -m plugins.package [OUTPUT] [ZIP]``.  Entries are written in sorted order
with a fixed timestamp, so the same site gives the same zip.  The hosted build makes its
own offline copy the same way (``plugins.offline_copy``).
"""
from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

MANIFEST = "SHA256SUMS.txt"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
TOP = "gazette-archive"


def site_files(site: Path) -> dict[str, Path]:
    """Each file of the site by its name in the copy (its path under the site)."""
    return {path.relative_to(site).as_posix(): path
            for path in sorted(site.rglob("*")) if path.is_file() and path.name != MANIFEST}


def manifest(files: dict[str, Path]) -> str:
    """``sha256sum -c`` lines for ``files``, by name."""
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}" for name, path in sorted(files.items())]
    return "\n".join(lines) + "\n"


def write_zip(files: dict[str, Path], listing: str, target: Path) -> Path:
    """``files`` and their manifest under one top folder, in name order, at a fixed time."""
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = sorted([(name, path.read_bytes) for name, path in files.items()]
                     + [(MANIFEST, listing.encode)])
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(f"{TOP}/{name}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content())
    return target


def package(site: Path, target: Path) -> Path:
    """Zip the site at ``site``, its manifest written beside its files too."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html is missing: build the site first (make html)")
    files = site_files(site)
    listing = manifest(files)
    (site / MANIFEST).write_text(listing, encoding="utf-8")
    return write_zip(files, listing, target)


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "dist/gazette-archive.zip")
    print(package(site, target))
