"""Where a document came from, for a reader to check it against the original: the pages
of the source PDF it is printed on, the address of the web page that published it, and
the files that page links as its attachments."""
from __future__ import annotations

import bisect
import re

from . import rules
from .metadata import FILE_SUFFIX
from .reader import Line
from .text import clean_line, despace

# 网址：https://…, as a web page prints its own address (the web reader opens with it too)
WEB = ("http://", "https://")
ADDRESS = re.compile(r"^(?:本页|本文)?(?:网址|原文链接|原文地址|链接地址|链接)\s*[:：]\s*(?P<url>https?://\S+)$")


def provenance(lines: list[Line], start: int, end: int, span: list[int]) -> dict:
    """The provenance fields of the document at ``start`` whose text is the lines ``span``
    (the lines up to ``end`` hold the page's list of files to download too)."""
    return {"source_pages": _pages([lines[i] for i in span]), "source_url": _address(lines, start, span),
            "attachment_files": _files(lines[start:end])}


def _pages(lines: list[Line]) -> list[int] | None:
    """Its first and last page in a source with pages (a PDF's)."""
    placed = [line.layout for line in lines if line.layout is not None and line.layout.page and not line.blank]
    return [placed[0].page, max(layout.last_page for layout in placed)] if placed else None


def _address(lines: list[Line], start: int, span: list[int]) -> str | None:
    """The address printed nearest above its head (its page's header), else in its lines."""
    found = _address_lines(lines)
    above = bisect.bisect_left(found, start)
    if above:
        return ADDRESS.match(lines[found[above - 1]].stripped)["url"]
    within = (lines[i].stripped for i in span)
    return next((match["url"] for match in map(ADDRESS.match, within) if match), None)


_found: list = [None, []]   # the lines last asked about, and where their address lines are


def _address_lines(lines: list[Line]) -> list[int]:
    """The indexes of the lines printing an address, found once for all a file's documents
    (looking above each head afresh made a file of many documents quadratic)."""
    if _found[0] is not lines:
        _found[:] = [lines, [i for i, line in enumerate(lines) if "http" in line.text and ADDRESS.match(line.stripped)]]
    return _found[1]


def _files(lines: list[Line]) -> list[dict]:
    """The files its lines link to: each with the title its line gives it and its address."""
    files, seen = [], set()
    for line in lines:
        link = line.layout.link if line.layout is not None else None
        if link and link.startswith(WEB) and link not in seen:  # an address to follow, never javascript: or a relative one
            seen.add(link)
            files.append({"title": _file_title(line.text), "url": link})
    return files


def _file_title(text: str) -> str:
    """``附件：1.项目清单.docx`` → ``项目清单``."""
    text = despace(clean_line(text))
    note = rules.ATTACHMENT_NOTE.match(text)
    text = note["rest"] if note else text
    numbered = rules.NUMBERED_ITEM.match(text)
    return FILE_SUFFIX.sub("", numbered["text"] if numbered else text).strip()
