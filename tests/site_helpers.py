"""Helpers for the site tests: build a site, crawl its links."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plugins.atomic_build import build


def build_site(content: Path, output: Path, root: Path, cache: Path | None = None,
               sources: Path | None = None, theme: Path | None = None, settings: dict | None = None) -> Path:
    """Build ``content`` (converted from ``sources``, by default the project's) into
    ``output``, with the build caches in ``cache`` (by default a folder beside ``output``
    of its own) and any other ``settings``."""
    cache = cache or output.with_name(output.name + "-cache")
    return build(str(root / "pelicanconf.py"), {"PATH": str(content), "OUTPUT_PATH": str(output),
                                                 "GAZETTE_SOURCES": str(sources or root / "sources"),
                                                 "CACHE_PATH": str(cache), "THEME": str(theme or root / "themes/gazette"),
                                                 "PLUGIN_PATHS": [str(root / "plugins")], **(settings or {})})


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])


def parse(page: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(output: Path) -> list[str]:
    """Every internal link that is absolute, names a directory, or points at nothing."""
    problems = []
    pages = sorted(output.rglob("*.html"))
    ids = {}
    for page in pages:
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                problems.append(f"{page}: external or absolute link {link}")
                continue
            if link.startswith("/") or parts.scheme == "file":
                problems.append(f"{page}: root-absolute link {link}")
                continue
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if link.endswith("/") or target.is_dir():
                problems.append(f"{page}: directory link {link}")
            elif not target.is_file():
                problems.append(f"{page}: broken link {link}")
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if parts.fragment not in ids[target]:
                    problems.append(f"{page}: missing anchor {link}")
    return problems


def text_of(page: Path) -> str:
    """The page's text as a reader sees it: tags dropped, character references resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def watch_failures(page) -> list[str]:
    """The URLs the page fails to load: a request that fails (a file missing on disk) or a
    response of 400 or more (one missing on a server).  A request cut off because the
    reader followed a link meanwhile (net::ERR_ABORTED) is no fault of the site."""
    failed: list[str] = []
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    return failed
