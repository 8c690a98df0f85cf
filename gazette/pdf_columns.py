"""A page set in two columns (a TOC often is), read column by column.

Grouped by baseline, a two-column page gives lines that hold an entry of each column;
they are cut at the page's gutter: the point near the middle of the text that fewest
lines cross, with lines on both sides, the left column's filling its width as wrapped text
does and the right column's starting at one left edge.  A run of such lines is read left
column first; a line that crosses the gutter (a heading over both columns) ends the run.
A table's aligned columns or a member list's gaps do not read as columns: their left
parts are short of a column's width.
"""
from __future__ import annotations

from collections import Counter

from .pdf_pages import Glyph, PrintedLine

MIN_GAP = 1.5          # type sizes: the narrowest gutter
MIDDLE = (0.35, 0.65)  # where between the text's left and right edges a gutter stands
MIN_LINES = 6          # lines cut at the gutter, at the least, on a page of columns
MIN_SHARE = 0.3        # of the page's lines
CROSSING = 0.25        # of the page's lines may cross the gutter (headings over both columns, furniture)
FULL = 0.7             # of the column's width: a left line this wide is wrapped text
FULL_SHARE = 0.4       # of the left column's lines, at the least
START_SHARE = 0.6      # of the right column's lines start at its left edge


def in_columns(lines: list[PrintedLine]) -> list[PrintedLine]:
    """The page's lines (top to bottom) in reading order, each column's in turn."""
    gutter = _gutter(lines)
    if gutter is None:
        return lines
    out: list[PrintedLine] = []
    left: list[PrintedLine] = []
    right: list[PrintedLine] = []
    for line in lines:
        parts = _cut(line, gutter)
        if parts is None:
            out += left + right + [line]
            left, right = [], []
        else:
            left += [PrintedLine(line.page, parts[0])] if parts[0] else []
            right += [PrintedLine(line.page, parts[1])] if parts[1] else []
    return out + left + right


def _cut(line: PrintedLine, gutter: float) -> tuple[list[Glyph], list[Glyph]] | None:
    """The line's glyphs left and right of the gutter; None if the line crosses it (a glyph
    over it, or only a narrow gap: a heading's spaced letters)."""
    if line.table_row:
        return None
    left = [g for g in line.glyphs if g.right <= gutter]
    right = [g for g in line.glyphs if g.left >= gutter]
    if len(left) + len(right) < len(line.glyphs):
        return None
    if left and right and right[0].left - left[-1].right < MIN_GAP * (line.size or 1.0):
        return None
    return left, right


def _gutter(lines: list[PrintedLine]) -> float | None:
    """The x of the page's gutter, if its lines are set in two columns: the middle of the
    widest stretch of the middle band that the fewest lines' runs of text cross."""
    text = [line for line in lines if not line.table_row and line.glyphs]
    if len(text) < MIN_LINES:
        return None
    low, high = min(l.left for l in text), max(l.right for l in text)
    band = (low + MIDDLE[0] * (high - low), low + MIDDLE[1] * (high - low))
    runs = [_runs(line) for line in text]
    if sum(1 for line_runs in runs if _spans(line_runs, band)) > len(text) / 2:
        return None   # most lines run across the middle: one column (the common page, told fast)
    x = _widest_gap(_crossings(runs, band), slack=max(1, round(0.05 * len(text))))
    return x if _reads_as_columns(text, x, low) else None


def _crossings(runs: list[list[tuple[float, float]]], band: tuple[float, float]) -> dict[int, int]:
    """How many lines' runs cross each point of the band, 2 points apart."""
    return {x: sum(1 for line_runs in runs if any(a < x < b for a, b in line_runs))
            for x in range(int(band[0]), int(band[1]) + 1, 2)}


def _spans(runs: list[tuple[float, float]], band: tuple[float, float]) -> bool:
    return any(a <= band[0] and b >= band[1] for a, b in runs)


def _widest_gap(crossed: dict[int, int], slack: int) -> int:
    """The middle of the widest stretch of points crossed by at most ``slack`` lines more
    than the fewest: the gutter's middle, not its edge (a heading over both columns may
    stand just clear of one column's lines)."""
    fewest = min(crossed.values())
    best: list[int] = []
    run: list[int] = []
    for x in sorted(crossed):
        run = run + [x] if crossed[x] <= fewest + slack else []
        if len(run) > len(best):
            best = run
    return best[len(best) // 2]


def _runs(line: PrintedLine) -> list[tuple[float, float]]:
    """The stretches of the line without a gap of ``MIN_GAP`` type sizes."""
    runs, size = [], (line.size or 1.0) * MIN_GAP
    for glyph in line.glyphs:
        if runs and glyph.left - runs[-1][1] < size:
            runs[-1][1] = max(runs[-1][1], glyph.right)
        else:
            runs.append([glyph.left, glyph.right])
    return [(a, b) for a, b in runs]


def _reads_as_columns(lines: list[PrintedLine], x: float, low: float) -> bool:
    """Few lines across ``x``; enough on each side; the left column's lines filling its
    width, as wrapped text does (a list's names, short of it, make no column); the right
    column's starting at one left edge."""
    parts = [_cut(line, x) for line in lines]
    if sum(1 for part in parts if part is None) > CROSSING * len(lines):
        return False
    lefts = [part[0] for part in parts if part and part[0]]
    rights = [part[1] for part in parts if part and part[1]]
    if min(len(lefts), len(rights)) < MIN_LINES / 2 or len(lefts) + len(rights) < MIN_SHARE * len(lines):
        return False
    return _fill(lefts, x - low) and _aligned(rights)


def _fill(lefts: list[list[Glyph]], width: float) -> bool:
    full = sum(1 for left in lefts if max(g.right for g in left) - left[0].left >= FULL * width)
    return full >= FULL_SHARE * len(lefts)


def _aligned(rights: list[list[Glyph]]) -> bool:
    size = max(Counter(round(right[0].size) for right in rights).most_common(1)[0][0], 1)
    starts = Counter(round(right[0].left / size) for right in rights)
    return starts.most_common(1)[0][1] >= START_SHARE * len(rights)
