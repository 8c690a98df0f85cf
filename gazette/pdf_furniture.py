"""What a PDF prints on its pages outside the text: running headers and page numbers,
found by where they sit and how they repeat, not by their wording.

A line in a page's top or bottom band is furniture when the same line (its digits aside:
``盘锦市人民政府公报 2024年第5期 ·12·``) stands in the same band on other pages too, or
when it is a page number there (``— 12 —``, ``12``, ``第12页``).  Table rows are left to
the tables (a table's header row repeated over pages is found there).
"""
from __future__ import annotations

import re
from collections import Counter

from .kinds import LineKind
from .pdf_pages import Page, PrintedLine

BAND = 0.12             # a page's top and bottom 12 %: where headers and page numbers stand
CANDIDATES = 2          # lines a band may hold
MIN_REPEATS = 2
REPEAT_SHARE = 0.25     # of the pages with text: alternate pages' headers (even/odd) pass
PAGE_NUMBER = re.compile(r"^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4}|[-—–－]?\s*[ivxlcIVXLC]{1,6}\s*[-—–－]?)$")
DIGITS = re.compile(r"\d+")


def find_furniture(pages: list[Page]) -> dict[int, str]:
    """``id(line)`` → ``LineKind.RUNNING_HEADER`` or ``LineKind.PAGE_NUMBER`` for each
    printed line that is page furniture."""
    bands = [(band, line) for page in pages for band, line in _band_lines(page)]
    seen = Counter((band, _key(line)) for band, line in bands)
    with_text = sum(1 for page in pages if page.lines)
    needed = max(MIN_REPEATS, round(REPEAT_SHARE * with_text)) if with_text > 1 else 2
    found = {}
    for band, line in bands:
        if PAGE_NUMBER.match(line.text.strip()):
            found[id(line)] = LineKind.PAGE_NUMBER
        elif seen[band, _key(line)] >= needed:
            found[id(line)] = LineKind.RUNNING_HEADER
    return found


def _band_lines(page: Page) -> list[tuple[str, PrintedLine]]:
    lines = [line for line in page.lines if not line.table_row]
    top = [("top", line) for line in lines[:CANDIDATES] if line.bottom <= BAND * page.height]
    bottom = [("bottom", line) for line in lines[-CANDIDATES:] if line.top >= (1 - BAND) * page.height]
    return top + [pair for pair in bottom if pair[1] not in (line for _, line in top)]


def _key(line: PrintedLine) -> str:
    return DIGITS.sub("#", re.sub(r"\s+", "", line.text))
