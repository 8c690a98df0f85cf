"""Which of a PDF's pages are its cover and its TOC, told by what stands on them rather
than by a 目录 line, which some gazettes do not print.

A TOC page is mostly entries, each ending in its page number set apart (…的通知    12,
…的通知……12), the numbers rising (not standing still, as a column of years does).  The
TOC is the run of such pages that begins among the issue's first pages; the pages before
it are the cover, and so are the lines above the first entry on the TOC's first page that
are set larger than the entries or read as the masthead's (a masthead printed over the
TOC).  Each line on those pages is given its region, ``LineKind.MASTHEAD`` or
``LineKind.TOC``, in its layout: the structure stage finds a TOC printed without a heading
there, and ends a TOC where its pages end.  Page furniture and table rows take no region.
"""
from __future__ import annotations

import re
from statistics import median

from .kinds import LineKind
from .masthead import reads_as_masthead
from .pdf_pages import Page, PrintedLine
from .rules import TOC_PAGE

FRONT_PAGES = 3         # a TOC begins on one of the first pages with text
MIN_ENTRIES = 3         # entries a page holds to begin a TOC
GOES_ON_WITHIN = 3      # a TOC goes on over a page whose first entry is among its first lines
ENTRY_SHARE = 1 / 3     # of the lines from the first entry to the last, at least: a title may take two
RISING = 0.8            # of neighbouring entries, the share whose pages do not fall (and half, at least, rise)
LARGER = 1.25           # type this much larger than the entries' is not the TOC's (a masthead)
PITCH = 1.6             # a gap wider than this many of the entries' line pitches parts the TOC from a cover
LAST_NUMBER = re.compile(r"(\d{1,4})\D*$")   # an entry's page


def find_regions(pages: list[Page], furniture: dict[int, str]) -> dict[int, str]:
    """``id(line)`` → ``LineKind.MASTHEAD`` or ``LineKind.TOC`` for each printed line on the
    cover and the TOC pages; nothing when no run of TOC pages opens the issue."""
    texts = [lines for lines in (_body(page, furniture) for page in pages) if lines]
    run = _toc_run(texts)
    if not run:
        return {}
    start, (first, last, _) = run[0]
    top = _block_top(texts[start], first, last)
    regions = {id(line): LineKind.MASTHEAD for lines in texts[:start] for line in lines}
    regions.update((id(line), LineKind.MASTHEAD) for line in texts[start][:top])
    for k, (_, last, _) in run:
        end = last + 1 if k == run[-1][0] else len(texts[k])   # the TOC may end halfway down its last page
        regions.update((id(line), LineKind.TOC) for line in texts[k][top if k == start else 0:end])
    return regions


def _toc_run(texts: list[list[PrintedLine]]) -> list[tuple[int, tuple[int, int, int]]]:
    """The TOC's pages (their indexes in ``texts``), each with its entries' block."""
    start = next((k for k, lines in enumerate(texts[:FRONT_PAGES])
                  if (block := _entry_block(lines)) and block[2] >= MIN_ENTRIES), None)
    if start is None:
        return []
    run = [(start, _entry_block(texts[start]))]
    for k in range(start + 1, len(texts)):
        block, (before, last) = _entry_block(texts[k]), run[-1]
        if not block or block[0] >= GOES_ON_WITHIN or len(texts[before]) - last[1] > GOES_ON_WITHIN:
            break   # the TOC ended on the page before, or this page holds no entries from its top
        run.append((k, block))
    return run


def _body(page: Page, furniture: dict[int, str]) -> list[PrintedLine]:
    return [line for line in page.lines if id(line) not in furniture and not line.table_row]


def _entry_block(lines: list[PrintedLine]) -> tuple[int, int, int] | None:
    """The first entry's index, the last's and how many there are, when the lines between
    read as a TOC's: a share of them entries, their pages rising."""
    entries = [n for n, line in enumerate(lines) if _is_entry(line)]
    if not entries or len(entries) < ENTRY_SHARE * (entries[-1] - entries[0] + 1):
        return None
    pages = [int(LAST_NUMBER.search(lines[n].text)[1]) for n in entries]
    steps = list(zip(pages, pages[1:]))
    if sum(b >= a for a, b in steps) < RISING * len(steps) or sum(b > a for a, b in steps) < len(steps) / 2:
        return None   # not a TOC's pages: they fall, or stand still (a column of years: 完成时限    2024)
    return entries[0], entries[-1], len(entries)


def _is_entry(line: PrintedLine) -> bool:
    """A line ending in a page number set apart from its text."""
    return bool(TOC_PAGE.search(line.text.rstrip()))


def _block_top(lines: list[PrintedLine], first: int, last: int) -> int:
    """Where the TOC begins on its first page: the lines right above its first entry set
    as the entries are (a title's first line, a section's heading) are the TOC's; from a
    larger type, a wider gap or a line of the masthead's (2024年第5期, 2024年7月) up stands
    the masthead."""
    size = median(line.size for line in lines[first:last + 1])
    pitches = [b.top - a.top for a, b in zip(lines[first:last], lines[first + 1:last + 1]) if b.top > a.top]
    pitch = median(pitches) if pitches else size * 2
    top = first
    while top > 0 and lines[top - 1].size <= LARGER * size and lines[top].top - lines[top - 1].top <= PITCH * pitch \
            and not reads_as_masthead(lines[top - 1].text):
        top -= 1
    return top
