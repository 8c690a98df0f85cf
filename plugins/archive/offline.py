"""The pages that offer the hosted build's offline copy (OFFLINE_COPY, publishconf.py): the
download page, and the page and offer that stand in their place inside the copy; and what
the site holds, for ``plugins.offline_copy``, which zips the site once it is built."""
from __future__ import annotations

import json
from pathlib import Path

from plugins.offline_copy import COPY_OFFER, COPY_PAGE, HOLDINGS, offer_script


def holdings(archive) -> dict:
    """What the site, and so its copy, holds: the counts and its newest issue."""
    newest = max(archive.issues.values(), key=lambda issue: issue.order, default=None)
    return {"as_of": archive.as_of, "gazettes": len(archive.publishers), "issues": len(archive.issues),
            "documents": sum(len(issue.documents) for issue in archive.issues.values()),
            "newest_issue": f"{newest.publisher} {newest.label}" if newest else None,
            "newest_issue_url": newest.url if newest else None}


def write_offline_pages(generator, writer) -> None:
    """``download/index.html`` (its size and SHA-256 come from ``offer.js``), the copy's own
    page and offer (``copy.html``, ``copy-offer.js``) and ``holdings.json``."""
    zip_name = generator.settings.get("OFFLINE_COPY")
    if not zip_name:
        return
    held = holdings(generator.archive)
    for name, in_copy in (("download/index.html", False), (COPY_PAGE, True)):
        writer.write_file(name, generator.get_template("download"), generator.context, relative_urls=True,
                          holdings=held, in_copy=in_copy, zip_name=zip_name, page_title="离线副本")
    folder = Path(generator.output_path)
    (folder / HOLDINGS).parent.mkdir(parents=True, exist_ok=True)   # the pages above are written later, on every core
    (folder / HOLDINGS).write_text(json.dumps(held, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    (folder / COPY_OFFER).write_text(offer_script({"in_copy": True, **held}), encoding="utf-8")
