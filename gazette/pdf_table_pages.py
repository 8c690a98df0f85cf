"""A ruled table's rows over the page breaks it runs across.

A row too tall for what is left of a page is split: its first part ends the page, its rest
opens the next one, below the header row the table may repeat there.  Each page's grid
(``pdf_tables``) reads the two parts as two rows, and one typesetter (ReportLab) draws no
rule between the repeated header and the rest, so that band reads header + rest.  Here
the rest goes back into the row it belongs to:

- a continued table's first row on a page whose every cell opens with the header's (序号 |
  省政府2020年重点工作任务地土壤污染调查…) is the header again, run into the rest;
- a continued table's first row on a page (after the header, if repeated) whose number
  column (序号: the column the table's rows number themselves in) is empty, where the row
  before has its number, is the rest of that row: a new row always has its number.
"""
from __future__ import annotations

import re

from .pdf_pages import PrintedLine

ROW_NUMBER = re.compile(r"\d{1,4}")
NUMBERED_SHARE = 0.6        # of a table's rows, numbered in a column: its number column


def join_rows_over_pages(pages, furniture: dict[int, str]) -> None:
    """Give each split row its rest back; a printed line that was only the rest is dropped
    from its page (its text is the row's now)."""
    table, rests = _Table(), set()
    for page in pages:
        for line in (line for line in page.lines if id(line) not in furniture):
            if not line.table_row:
                table = _Table()
            elif table.is_rest(line):
                rests.add(id(line))
    for page in pages:
        page.lines = [line for line in page.lines if id(line) not in rests]


class _Table:
    """The table being read, over pages: its header row, and its rows so far."""

    def __init__(self):
        self.header: list[str] | None = None
        self.rows: list[PrintedLine] = []

    def is_rest(self, line: PrintedLine) -> bool:
        """Whether ``line`` was only the rest of a split row (given back to it now); a header
        run into a rest is given the header back."""
        if self.header is None:
            self.header = line.cells
            return False
        turned = bool(self.rows) and self.rows[-1].page < line.page
        if turned and (_unglue(line, self.header, self.rows[-1]) or line.cells == self.header):
            return False   # the header again: the row may go on below it, or over the next page too
        if turned and _goes_on(line, self.rows):
            _join(self.rows[-1], line.cells)
            return True
        self.rows.append(line)
        return False


def _unglue(line: PrintedLine, header: list[str], before: PrintedLine) -> bool:
    """Whether ``line`` was the header run into the rest of the row ``before``: if so, the
    rest is now ``before``'s and ``line`` the header."""
    cells, previous = line.cells, before.cells
    if len(cells) != len(header) or len(previous) != len(header) or sum(bool(name) for name in header) < 2:
        return False
    if not all(cell.startswith(name) for cell, name in zip(cells, header)) or cells == header:
        return False
    _join(before, [cell[len(name):] for cell, name in zip(cells, header)])
    line.cells, line.text = list(header), "\t".join(header)
    return True


def _goes_on(line: PrintedLine, rows: list[PrintedLine]) -> bool:
    """``line``, a continued table's first row on its page, lacks the number the row before
    it has, in the column the table numbers its rows in."""
    before = rows[-1]
    column = _number_column(rows)
    return column is not None and len(line.cells) == len(before.cells) and any(line.cells) \
        and not line.cells[column] and bool(before.cells[column])


def _number_column(rows: list[PrintedLine]) -> int | None:
    """The first column in which most of the rows hold a bare number (序号), if any."""
    width = len(rows[-1].cells)
    same = [row for row in rows if len(row.cells) == width]
    for column in range(width):
        numbered = sum(bool(ROW_NUMBER.fullmatch(row.cells[column])) for row in same)
        if numbered and numbered >= NUMBERED_SHARE * len(same):
            return column
    return None


def _join(row: PrintedLine, rest: list[str]) -> None:
    """The rest of a split row, cell by cell, after the row's own text."""
    row.cells = [first + second for first, second in zip(row.cells, rest)]
    row.text = "\t".join(row.cells)
