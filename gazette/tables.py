"""Tables that a conversion printed as text: one cell per line, or aligned with spaces.

A PDF's text aligns a table's columns with spaces (``序号    事项名称    实施机关``):
two lines or more in a row, each cut by wide gaps into the same number of cells (three
or more, none of them a paragraph), are rows; they get tabs between their cells, as a
scrape's rows have.

A web scrape may print one cell per line.  When the header starts with 序号 and the rows are numbered 1, 2, 3 …, the column count
is the header's length and each row runs from one number to the next, so the table can
be rebuilt (a row short of cells is padded at its end).  Other runs of one-cell lines
cannot be rebuilt with certainty: they are kept as a list and reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import groupby

from .reader import Line
from .text import WIDE_GAP

SERIAL_HEADERS = ("序号", "编号")
MAX_HEADER_CELLS = 12
HEADER_CELL_CHARS = 24
CELL_RUN_CHARS = 24
MIN_CELL_RUN = 12
MIN_ALIGNED_CELLS = 3
ALIGNED_CELL_CHARS = 40


@dataclass
class Flattened:
    start: int            # position of the first line (in the list given)
    end: int              # position after the last line
    rows: list[list[str]] | None   # None: not rebuilt, keep as a list


def _is_number(text: str, value: int) -> bool:
    return text == str(value)


def _number_ahead(texts: list[str], position: int, value: int, window: int) -> bool:
    return any(_is_number(text, value) for text in texts[position: position + window])


def _header(texts: list[str], start: int) -> list[str] | None:
    header = [texts[start]]
    for text in texts[start + 1: start + 1 + MAX_HEADER_CELLS]:
        if _is_number(text, 1):
            return header if len(header) >= 2 else None
        if len(text) > HEADER_CELL_CHARS or text.isdigit():
            return None
        header.append(text)
    return None


def rebuild(texts: list[str], start: int) -> Flattened | None:
    """The numbered table whose 序号 header cell is ``texts[start]``, if there is one."""
    header = _header(texts, start)
    if header is None:
        return None
    columns = len(header)
    rows, row, expected = [header], [], 1
    position = start + len(header)
    while position < len(texts):
        text = texts[position]
        if _is_number(text, expected) and (not row or len(row) >= 2):
            if row:
                rows.append(row + [""] * (columns - len(row)))
            row, expected = [text], expected + 1
        elif len(row) >= columns:
            if not _number_ahead(texts, position, expected, 2 * columns):
                break
            row[-1] += text  # a cell the scrape wrapped onto two lines ("2020年" / "11月底前")
        else:
            row.append(text)
        position += 1
    if row:
        rows.append(row + [""] * (columns - len(row)))
    if len(rows) < 2 or any(len(r) > columns for r in rows):
        return None
    return Flattened(start, position, rows)


def find(texts: list[str]) -> list[Flattened]:
    """Rebuildable numbered tables, and other long runs of one-cell lines."""
    found, position = [], 0
    while position < len(texts):
        if texts[position] in SERIAL_HEADERS:
            table = rebuild(texts, position)
            if table:
                found.append(table)
                position = table.end
                continue
        run = _cell_run(texts, position)
        if run:
            found.append(Flattened(position, run, None))
            position = run
            continue
        position += 1
    return found


def _cell_run(texts: list[str], start: int) -> int | None:
    end = start
    while end < len(texts) and _is_cell(texts[end]) and texts[end] not in SERIAL_HEADERS:
        end += 1
    return end if end - start >= MIN_CELL_RUN else None


def _is_cell(text: str) -> bool:
    return len(text) <= CELL_RUN_CHARS and not re.search(r"[。；：:]$", text)


def with_tabs(lines: list[Line]) -> list[Line]:
    """``lines`` with the rows of space-aligned tables cut at tabs (blank lines between
    rows are passed over)."""
    cells = {i: _aligned_cells(line.text) for i, line in enumerate(lines) if not line.blank}
    rows: set[int] = set()
    for count, run in groupby(cells.items(), key=lambda item: len(item[1] or ())):  # consecutive lines alike
        run = [i for i, _ in run]
        if count and len(run) >= 2:
            rows.update(run)
    return [replace(line, text="\t".join(cells[i])) if i in rows else line for i, line in enumerate(lines)]


def _aligned_cells(text: str) -> list[str] | None:
    if "\t" in text or ("\u3000" not in text and "   " not in text):
        return None  # a scrape's row already, or no gap as wide as WIDE_GAP (most lines)
    cells = WIDE_GAP.split(text.strip())
    if len(cells) < MIN_ALIGNED_CELLS or any(len(cell) > ALIGNED_CELL_CHARS for cell in cells):
        return None
    return cells
