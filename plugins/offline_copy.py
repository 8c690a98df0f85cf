"""The offline copy the hosted build offers its readers: the whole site as one zip, in
``download/``, with what it holds, its size and its SHA-256.

A zip cannot hold its own size or hash, and a page that named them would change the zip.
So the pages name what the copy holds and load its size and hash from
``download/offer.js``, written here after the zip (``latest.json``: the same for
programs).  The copy holds the site without ``download/``, but for two files that stand in
the download's place: ``download/index.html``, a page for a reader of the copy, and
``download/offer.js``, which says that this is a copy and what it holds; its pages then ask
the hosted site's ``offer.js`` whether a newer copy is out (``theme/js/offline.js``).  The
archive plugin writes both, and what the site holds (``holdings.json``), beside the download
page (``plugins/archive/offline.py``).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .package import manifest, site_files, write_zip

FOLDER = "download"
HOLDINGS = f"{FOLDER}/holdings.json"
OFFER = f"{FOLDER}/offer.js"                    # loaded by every page
COPY_PAGE = f"{FOLDER}/copy.html"               # the copy's own page and offer, as the site holds them
COPY_OFFER = f"{FOLDER}/copy-offer.js"
IN_COPY = {COPY_PAGE: f"{FOLDER}/index.html", COPY_OFFER: OFFER}   # their names in the copy


def offer_script(offer: dict) -> str:
    """``offer.js``: what a page needs to offer the copy, or to say it is one."""
    return f"window.GazetteOffer = {json.dumps(offer, ensure_ascii=False, sort_keys=True)};\n"


def copy_files(site: Path) -> dict[str, Path]:
    """The files of the offline copy by their names in it: the site without its download
    folder, but for the copy's own page and offer."""
    files = {name: path for name, path in site_files(site).items() if not name.startswith(f"{FOLDER}/")}
    files.update({in_copy: site / name for name, in_copy in IN_COPY.items()})
    return files


def publish(site: Path, zip_name: str) -> Path:
    """Write the offline copy of ``site`` to ``site/download/ZIP_NAME``, its checksum file
    beside it, and the offer pages load (``offer.js``; ``latest.json`` for programs)."""
    holdings = json.loads((site / HOLDINGS).read_text(encoding="utf-8"))
    files = copy_files(site)
    target = write_zip(files, manifest(files), site / FOLDER / zip_name)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    target.with_name(zip_name + ".sha256").write_text(f"{digest}  {zip_name}\n", encoding="utf-8")
    latest = {**holdings, "file": zip_name, "bytes": target.stat().st_size, "sha256": digest}
    (site / FOLDER / "latest.json").write_text(json.dumps(latest, ensure_ascii=False, sort_keys=True) + "\n",
                                               encoding="utf-8")
    (site / OFFER).write_text(offer_script({"in_copy": False, **latest}), encoding="utf-8")
    return target
