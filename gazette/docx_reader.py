"""Read a Word file (.docx) into the ``Line``s every other stage reads: a line a paragraph
(a line break inside one makes two), a line a table row, in the document's order.

Word states what a text dump loses, and each line keeps it as a ``Layout``: alignment
(the paragraph's own, else its style's), type size against the body text's (the size
most of the text is set in), bold, colour, first-line indent; a table's row, its cells
tab-separated, a merged cell's text in the first place it covers.  A tab inside a
paragraph (a TOC's entry and its page) is a column's gap, as the other readers print it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from .kinds import Code
from .layout import CENTRED, COLUMN_GAP, LEFT, RIGHT, Layout
from .problems import ConversionError, Problem
from .reader import Line, normalised

ALIGNS = {WD_ALIGN_PARAGRAPH.CENTER: CENTRED, WD_ALIGN_PARAGRAPH.RIGHT: RIGHT}
HEADING_SCALE = 1.4       # a heading style whose size the file leaves to Word's defaults


def read_docx(path: Path, display: str) -> tuple[list[Line], list[Problem]]:
    """The Word file's lines, and warnings (none yet)."""
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx fails on a damaged package in many ways, none of them ours
        raise ConversionError(display, 1, Code.UNREADABLE, f"a Word file that cannot be opened ({error})") from None
    blocks = list(document.iter_inner_content())
    styles = _Styles()
    body = _body_size([block for block in blocks if isinstance(block, Paragraph)], styles)
    lines: list[Line] = []
    counts = Counter()   # paragraphs and tables so far: a line names its own (the file has no line numbers)
    for block in blocks:
        paragraph = isinstance(block, Paragraph)
        counts[paragraph] += 1
        found = _paragraph_lines(block, body, styles, counts[True]) if paragraph else _table_lines(block, counts[False])
        lines += [Line(len(lines) + number, text, layout=layout) for number, (text, layout) in enumerate(found, 1)]
    if not any(not line.blank for line in lines):
        raise ConversionError(display, 1, Code.EMPTY_FILE, "the Word file holds no text")
    return lines, []


def _paragraph_lines(paragraph: Paragraph, body: float, styles: _Styles, number: int) -> list[tuple[str, Layout]]:
    text = paragraph.text.replace("\t", COLUMN_GAP)
    if not text.strip():
        return []
    style = styles.of(paragraph)
    size = _size(paragraph, style)
    scale = round(size / body, 2) if size and body else (HEADING_SCALE if style.heading else 1.0)
    layout = Layout(size=size or 0.0, bold=_bold(paragraph, style), color=_color(paragraph),
                    align=_align(paragraph, style), indent=_indent(paragraph, size or body), scale=scale,
                    place=f"paragraph {number} of the Word file")
    return [(normalised(part), layout) for part in text.split("\n") if part.strip()]


def _table_lines(table: Table, number: int) -> list[tuple[str, Layout]]:
    """A row a line: a cell merged across columns or down rows written in its first place."""
    lines, above = [], []
    for row_number, row in enumerate(table.rows, 1):
        cells = list(row.cells)
        texts = []
        for c, cell in enumerate(cells):
            spanned = (c and cell._tc is cells[c - 1]._tc) or (c < len(above) and cell._tc is above[c]._tc)
            texts.append("" if spanned else normalised(cell.text.replace("\n", "").replace("\t", " ").strip()))
        above = cells
        if any(texts):
            lines.append(("\t".join(texts), Layout(table_row=True, place=f"row {row_number} of table {number} of the Word file")))
    return lines


@dataclass(frozen=True)
class _Style:
    """What a paragraph style (with the styles it is based on) sets."""
    align: object       # a WD_ALIGN_PARAGRAPH, or None
    size: float | None  # points
    bold: bool
    heading: bool


class _Styles:
    """Each paragraph style's settings, looked up once (python-docx searches the styles
    part on every lookup)."""

    def __init__(self):
        self.known: dict[str | None, _Style] = {}

    def of(self, paragraph: Paragraph) -> _Style:
        key = paragraph._p.style
        if key not in self.known:
            chain = list(_chain(paragraph.style))
            self.known[key] = _Style(
                next((style.paragraph_format.alignment for style in chain
                      if style.paragraph_format.alignment is not None), None),
                next((style.font.size.pt for style in chain if style.font.size), None),
                next((style.font.bold for style in chain if style.font.bold is not None), False),
                any((style.name or "").startswith(("Heading", "Title", "标题")) for style in chain))
        return self.known[key]


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _align(paragraph: Paragraph, style: _Style) -> str:
    stated = paragraph.paragraph_format.alignment
    return ALIGNS.get(stated if stated is not None else style.align, LEFT)


def _text_runs(paragraph: Paragraph):
    return [run for run in paragraph.runs if run.text.strip()]


def _size(paragraph: Paragraph, style: _Style) -> float | None:
    """The largest type its text is set in, in points (None: Word's default, unstated)."""
    sizes = [run.font.size.pt for run in _text_runs(paragraph) if run.font.size]
    return max(sizes) if sizes else style.size


def _bold(paragraph: Paragraph, style: _Style) -> bool:
    runs = _text_runs(paragraph)
    return bool(runs) and all(run.bold if run.bold is not None else style.bold for run in runs)


def _color(paragraph: Paragraph) -> str:
    colours = Counter(str(run.font.color.rgb) for run in _text_runs(paragraph)
                      if run.font.color is not None and run.font.color.type is not None and run.font.color.rgb)
    return f"#{colours.most_common(1)[0][0].lower()}" if colours else "#000000"


def _indent(paragraph: Paragraph, size: float | None) -> float:
    indent = paragraph.paragraph_format.first_line_indent
    return round(indent.pt / size, 1) if indent and size else 0.0


def _body_size(paragraphs: list[Paragraph], styles: _Styles) -> float:
    """The size most of the text is set in."""
    sizes: Counter = Counter()
    for paragraph in paragraphs:
        size = _size(paragraph, styles.of(paragraph))
        if size:
            sizes[size] += len(paragraph.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0
