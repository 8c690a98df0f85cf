"""A PDF page's ruled tables, from its ruling lines and where its characters fall.

Ruling lines that touch are one table.  Its row bands lie between its horizontal rules
and its columns between its vertical ones, at the finest step any row has; a cell that
spans columns (no rule between them in that band) or rows (no rule across it between two
bands) gives its text to its first place and leaves the others empty.  Each row comes out
as one printed line whose cells are tab-separated, as a web scrape's rows are.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .pdf_pages import Glyph, PrintedLine, group_lines

TOUCH = 2.0         # points: rules this close touch
MERGE = 1.5         # rule positions this close are one
MIN_BANDS = 1
MIN_COLUMNS = 2


@dataclass
class Grid:
    left: float
    top: float
    right: float
    bottom: float
    rows: list[float]       # the horizontal rules' positions, top to bottom
    columns: list[float]    # the vertical rules' positions, left to right
    horizontal: list[tuple[float, float, float]]   # (y, left, right)
    vertical: list[tuple[float, float, float]]     # (x, top, bottom)

    def holds(self, glyph: Glyph) -> bool:
        x, y = (glyph.left + glyph.right) / 2, (glyph.top + glyph.bottom) / 2
        return self.left <= x <= self.right and self.top <= y <= self.bottom


def find_grids(rules: list[tuple[float, float, float, float]]) -> list[Grid]:
    """The page's tables: groups of touching rules with two columns or more."""
    groups: list[list[tuple]] = []
    for rule in sorted(rules, key=lambda r: (r[1], r[0])):
        # a rule may join groups begun apart (a table's left border drawn before its top one)
        touched = [group for group in groups[-4:] if _touches(rule, _box(group))]
        for group in touched[1:]:
            touched[0].extend(group)
            groups.remove(group)
        if touched:
            touched[0].append(rule)
        else:
            groups.append([rule])
    return [grid for grid in map(_grid, groups) if grid]


def _touches(rule: tuple, box: tuple) -> bool:
    """Whether a rule (sorted by its top: it starts at or below the box's top) reaches the box."""
    return rule[1] <= box[3] + TOUCH and rule[0] <= box[2] + TOUCH and rule[2] >= box[0] - TOUCH


def _box(group):
    return (min(r[0] for r in group), min(r[1] for r in group), max(r[2] for r in group), max(r[3] for r in group))


def _grid(group) -> Grid | None:
    horizontal = [((r[1] + r[3]) / 2, r[0], r[2]) for r in group if r[2] - r[0] >= r[3] - r[1]]
    vertical = [((r[0] + r[2]) / 2, r[1], r[3]) for r in group if r[2] - r[0] < r[3] - r[1]]
    # a row cut by the page's end has no rule there: its vertical rules end it
    ends = [min(v[1] for v in vertical), max(v[2] for v in vertical)] if vertical else []
    rows, columns = _positions([h[0] for h in horizontal] + ends), _positions(v[0] for v in vertical)
    if len(rows) < MIN_BANDS + 1 or len(columns) < MIN_COLUMNS + 1:
        return None
    left, top, right, bottom = _box(group)
    return Grid(left, top, right, bottom, rows, columns, horizontal, vertical)


def _positions(values) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > MERGE:
            merged.append(value)
    return merged


def table_rows(grid: Grid, glyphs: list[Glyph], page: int) -> list[PrintedLine]:
    """The grid's rows with the glyphs inside them: one printed line a row band that holds
    any text, its cells' texts tab-separated."""
    bands = len(grid.rows) - 1
    columns = len(grid.columns) - 1
    places: dict[tuple[int, int], list[Glyph]] = {}
    for glyph in glyphs:
        x, y = (glyph.left + glyph.right) / 2, (glyph.top + glyph.bottom) / 2
        band = min(max(bisect_right(grid.rows, y) - 1, 0), bands - 1)
        column = min(max(bisect_right(grid.columns, x) - 1, 0), columns - 1)
        places.setdefault(_cell_start(grid, band, column), []).append(glyph)
    rows = []
    for band in range(bands):
        cells = [_cell_text(places.get((band, column), [])) for column in range(columns)]
        row_glyphs = [g for column in range(columns) for g in places.get((band, column), [])]
        if row_glyphs:
            row = PrintedLine(page, sorted(row_glyphs, key=lambda g: (g.top, g.left)), table_row=True)
            row.cells, row.text = cells, "\t".join(cells)
            row.top, row.bottom = grid.rows[band], grid.rows[band + 1]
            rows.append(row)
    return rows


def _cell_start(grid: Grid, band: int, column: int) -> tuple[int, int]:
    """The top-left place of the cell that covers (band, column): left while no vertical
    rule divides the band there, up while no horizontal rule divides the column."""
    while column > 0 and not _divided_vertically(grid, band, column):
        column -= 1
    while band > 0 and not _divided_horizontally(grid, band, column):
        band -= 1
    return band, column


def _divided_vertically(grid: Grid, band: int, column: int) -> bool:
    x, middle = grid.columns[column], (grid.rows[band] + grid.rows[band + 1]) / 2
    return any(abs(vx - x) <= MERGE and top - TOUCH <= middle <= bottom + TOUCH for vx, top, bottom in grid.vertical)


def _divided_horizontally(grid: Grid, band: int, column: int) -> bool:
    y, middle = grid.rows[band], (grid.columns[column] + grid.columns[column + 1]) / 2
    return any(abs(hy - y) <= MERGE and left - TOUCH <= middle <= right + TOUCH for hy, left, right in grid.horizontal)


def _cell_text(glyphs: list[Glyph]) -> str:
    """A cell's lines joined as one: a cell's text wraps at the cell's width, not at a
    sentence."""
    return "".join(line.text for line in group_lines(glyphs, 0)).replace("\t", " ")
