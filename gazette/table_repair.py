"""A table as its source broke it, rebuilt as printed: one header row, every row of its width.

A scrape of a web page's table, or a PDF's, can leave (all seen in published gazettes):

- the header printed again at a page break, a name perhaps worded otherwise, or some of its
  cells holding a value
  (序号 | 目录主项 | … | 设定依据【地方性法规】… | 实施主体): the value belongs to the row beside it;
- column names run into the cells they head (<p>实施主体</p><p>盘山县…</p>);
- a row's number split from it (a row empty but for "2" beside a row that lacks its number);
- one record printed one field a row (序号 | 3, then 目录主项 | 校车…, 实施清单项 | …).

``repair`` reads each row's cells against the header's names: a cell opening with a name goes
to that column, one without goes to the next free place, and a row that fills only a few
columns is joined to the neighbour that lacks just those.  A table without such signs is left
exactly as it came; one whose shape cannot be told for sure (a cell with no free column, a
fragment that fits two rows) is reported unsure, and the caller prints its rows as text.

A cell is a list of its parts (the lines a ``<p>`` or ``<br>`` broke it into).
"""
from __future__ import annotations

from dataclasses import dataclass

from .text import despace, fold, folded_start

Cell = list[str]
Row = list[Cell]
MIN_TRANSPOSED = 3     # rows of one field each, before they are read as one record
MAX_NAME = 8           # characters of a column's name


@dataclass(frozen=True)
class Repaired:
    rows: list[Row]
    sure: bool = True       # False: the shape could not be told; print the rows as they came
    changed: bool = False


def repair(rows: list[Row]) -> Repaired:
    """``rows`` (header first) as one table of the header's width, or unsure."""
    labels = _labels(rows[0])
    body = rows[1:]
    if not labels or not any(_label(cell, labels) is not None for row in body for cell in row):
        return Repaired(rows)
    records = _records(body, labels, len(rows[0]))
    merged = _merge_fragments(records, len(rows[0])) if records is not None else None
    if merged is None:
        return Repaired(rows, sure=False)
    return Repaired([rows[0]] + [[cell or [] for cell in record] for record in merged], changed=True)


class _Labels(dict):
    """Each column's name, folded, → its column; and, as they are asked for, the column each
    cell's first part names (the passes over a table ask of the same cells again)."""
    def __init__(self):
        super().__init__()
        self.named: dict[str, int | None] = {}
        self.longest = 0   # the longest name's length


def _labels(header: Row) -> _Labels:
    """Each column's name, folded, → its column (the first, if a name is printed twice)."""
    labels = _Labels()
    for column, cell in enumerate(header):
        name = fold(despace("".join(cell)))
        if name and not name.isdigit():
            labels.setdefault(name, column)
            labels.longest = max(labels.longest, len(name))
    return labels


def _label(cell: Cell, labels: _Labels) -> int | None:
    """The column whose name the cell opens with, if it does."""
    if not cell:
        return None
    first = cell[0]
    if first not in labels.named:
        # folded no further than the longest name: a longer text is no name (a cell's text
        # may run to a paragraph)
        start = folded_start(despace(first), labels.longest + 1)
        labels.named[first] = labels.get(start) if len(start) <= labels.longest else None
    return labels.named[first]


def _records(body: list[Row], labels: _Labels, width: int) -> list[list[Cell | None]] | None:
    records = []
    position = 0
    while position < len(body):
        if _is_header_again(body[position], labels):   # printed again after a page break
            position += 1
            continue
        end = _transposed_end(body, position, labels)
        record = _transposed(body[position:end], labels, width) if end else _placed(body[position], labels, width)
        if record is None:
            return None
        records.append(record)
        position = end or position + 1
    return records


def _is_header_again(row: Row, labels: _Labels) -> bool:
    """The header printed again, perhaps with a name worded otherwise (牵头单位 for
    牵头责任单位), and no value run into it."""
    named, others = [], []
    for cell in row:
        if _label(cell, labels) is not None:
            named.append(cell)
        elif cell:
            others.append(cell)
    if len(named) < 2 or len(named) <= len(others):
        return False
    # a name worded otherwise is short; a header run into a split row's text is not (表头文字…续行)
    renamed = all(len(cell) == 1 and len(folded_start(cell[0], MAX_NAME + 1)) <= MAX_NAME for cell in others)
    return renamed and not any(cell[1:] for cell in named)


def _placed(row: Row, labels: _Labels, width: int) -> list[Cell | None] | None:
    """A row's cells in their columns: a named cell in its column, the others in order;
    None if a cell has no free column."""
    record: list[Cell | None] = [None] * width
    cursor = 0
    for cell in row:
        column = _label(cell, labels)
        if column is not None:
            if cell[1:]:
                if record[column] is not None:
                    return None
                record[column] = cell[1:]
            cursor = max(cursor, column + 1)
            continue
        if cell:
            if cursor >= width or record[cursor] is not None:
                return None
            record[cursor] = cell
        cursor += 1
    return record


def _transposed_end(body: list[Row], start: int, labels: _Labels) -> int:
    """The end of a run of one-field rows starting at ``start`` (name | value), or 0."""
    columns = []
    end = start
    while end < len(body):
        column = _field_row(body[end], labels, first=end == start)
        if column is None:
            break
        columns.append(column)
        end += 1
    return end if len(columns) >= MIN_TRANSPOSED and len(set(columns)) == len(columns) else 0


def _field_row(row: Row, labels: _Labels, first: bool) -> int | None:
    """The column of a name | value row; the run's first row may repeat values after it."""
    if len(row) < 2 or not row[1] or row[0][1:] or _label(row[0], labels) is None:
        return None
    if not first and any(row[2:]):
        return None
    return _label(row[0], labels)


def _transposed(rows: list[Row], labels: _Labels, width: int) -> list[Cell | None] | None:
    record: list[Cell | None] = [None] * width
    for row in rows:
        record[_label(row[0], labels)] = row[1]
    values = {fold("".join(cell)) for cell in record if cell}
    # what the first row printed after its value must be the record's own values again
    if any(fold("".join(cell)) not in values for cell in rows[0][2:] if cell):
        return None
    return record


def _merge_fragments(records: list[list[Cell | None]], width: int) -> list[list[Cell | None]] | None:
    """Each row filling fewer than half the columns joined to the neighbour lacking just
    those (a lone number, the one value a repeated header held); None if two neighbours
    would take it."""
    records = [record for record in records if any(record)]   # an empty row holds nothing
    position = 0
    while position < len(records):
        taker = _taker(records, position, width) if _is_fragment(records[position], width) else None
        if taker == AMBIGUOUS:
            return None
        if taker is None:
            position += 1
            continue
        records[taker] = [a or b for a, b in zip(records[position], records[taker])]
        del records[position]
        position = max(position - 1, 0)
    return records


AMBIGUOUS = -1


def _taker(records: list[list[Cell | None]], position: int, width: int) -> int | None:
    """The neighbour that takes the fragment at ``position``: the one it fits, or the one
    it completes if it fits both; None if neither, AMBIGUOUS if both alike."""
    fragment = records[position]
    takers = [k for k in (position - 1, position + 1)
              if 0 <= k < len(records) and not _is_fragment(records[k], width) and _fits(fragment, records[k])]
    whole = [k for k in takers if all(a or b for a, b in zip(fragment, records[k]))]
    chosen = whole if len(whole) == 1 else takers
    if len(chosen) > 1:
        return AMBIGUOUS
    return chosen[0] if chosen else None


def _is_fragment(record: list[Cell | None], width: int) -> bool:
    return sum(cell is not None for cell in record) * 2 < width


def _fits(fragment: list[Cell | None], record: list[Cell | None]) -> bool:
    return all(b is None for a, b in zip(fragment, record) if a is not None)
