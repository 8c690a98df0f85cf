"""A long document's table of contents: its headings (h2–h4), each given an id the list
links to.  The headings are the converter's (from the document's numbering), so the
list follows the document's own outline."""
from __future__ import annotations

import re

MIN_HEADINGS = 5      # a short notice needs no contents
DEEPEST = 4
_HEADING = re.compile(r"<h([2-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')


def add_outline(article) -> None:
    """``article.outline``: [(level, id, text as HTML)] of its headings, or [] for a short
    document; headings without an id get one (``s-1``, ``s-2`` …)."""
    if sum(article._content.count(f"<h{level}") for level in range(2, DEEPEST + 1)) < MIN_HEADINGS:
        article.outline = []   # too few heading tags to make a contents (most notices): not parsed
        return
    found = []

    def with_id(match):
        level, attributes, inner = int(match.group(1)), match.group(2), match.group(3)
        if level > DEEPEST:
            return match.group(0)
        given = _ID.search(attributes)
        anchor = given.group(1) if given else f"s-{len(found) + 1}"
        found.append((level, anchor, re.sub(r"<[^>]+>", "", inner).strip()))
        return match.group(0) if given else f'<h{level} id="{anchor}"{attributes}>{inner}</h{level}>'

    content = _HEADING.sub(with_id, article._content)
    if len(found) >= MIN_HEADINGS:
        article._content = content
        article.outline = found
    else:
        article.outline = []
