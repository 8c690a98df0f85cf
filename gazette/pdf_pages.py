"""A PDF's pages as printed lines and ruling lines, read with PDFium (pypdfium2).

PDFium gives each character with its box, type size and colour, fast (the C library does
the parsing: some 150 pages a second here, where pdfminer-based readers give a few), and
each path object with its bounds.  Characters are grouped into printed lines by their
baseline and ordered left to right, whatever order the text layer holds them in; gaps
wider than a character come out as spaces (a wide gap as four, as a dump prints an
aligned column).  Thin filled or stroked paths are a table's rules.

Coordinates are turned to the reading direction: points from the page's top-left corner.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from unicodedata import east_asian_width

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .layout import COLUMN_GAP

RULE_THICKNESS = 2.5    # points: a path thinner than this, and longer, is a ruling line
RULE_LENGTH = 3.0
SPACE_GAP = 0.2         # a gap wider than this share of the type size, between Latin characters, is a space
# between a Han character and a Latin one, a word processor sets a quarter of the type size
# apart of its own accord (Word's and LibreOffice's autospace: 本溪市5G产业 printed 5G 产业)
HAN_LATIN_GAP = 0.3
WIDE_GAP = 1.5          # and wider than this, an aligned column's gap
BOLD_WEIGHT = 600
MIN_TEXT_OVER_IMAGES = 8   # characters: fewer, over a picture, are a page number, not the page's text


@dataclass(slots=True)
class Glyph:
    char: str
    left: float
    right: float
    top: float
    bottom: float
    baseline: float
    size: float
    color: tuple[int, int, int]
    bold: bool


@dataclass(slots=True)
class PrintedLine:
    """One line as printed: its glyphs, left to right."""
    page: int
    glyphs: list[Glyph]
    text: str = ""
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    color: tuple[int, int, int] = (0, 0, 0)
    bold: bool = False
    table_row: bool = False
    cells: list[str] | None = None

    def __post_init__(self):
        if self.glyphs:
            self.measure()

    def measure(self) -> None:
        glyphs = self.glyphs
        self.left, self.right = glyphs[0].left, max(g.right for g in glyphs)
        self.top, self.bottom = min(g.top for g in glyphs), max(g.bottom for g in glyphs)
        han = [g.size for g in glyphs if "\u4e00" <= g.char <= "\u9fff"] or [g.size for g in glyphs]
        self.size = round(median(han) * 2) / 2
        self.color = max(set(g.color for g in glyphs), key=[g.color for g in glyphs].count)
        self.bold = sum(g.bold for g in glyphs) * 2 > len(glyphs)
        if not self.table_row:
            self.text = spaced_text(glyphs)


@dataclass(slots=True)
class Page:
    number: int             # 1-based
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    lines: list[PrintedLine] = field(default_factory=list)    # set by the reader: text lines and table rows
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # left, top, right, bottom
    images: int = 0

    @property
    def has_text(self) -> bool:
        """A text layer: a picture of a page with a page number set over it has none."""
        return len(self.glyphs) >= (MIN_TEXT_OVER_IMAGES if self.images else 1)


def spaced_text(glyphs: list[Glyph]) -> str:
    """The glyphs' characters, a space where the gap before one is a space's width, four
    where it is a column's."""
    out = [glyphs[0].char]
    for before, glyph in zip(glyphs, glyphs[1:]):
        gap = glyph.left - before.right
        size = max(before.size, glyph.size)
        if gap > WIDE_GAP * size:
            out.append(COLUMN_GAP)
        elif gap > _space_gap(before.char, glyph.char) * size:
            out.append(" ")
        out.append(glyph.char)
    return "".join(out)


def _space_gap(before: str, after: str) -> float:
    """The share of the type size a gap between these two characters must pass to be a
    space (between two Han characters none is: their gaps are the line's justification)."""
    latin = before.isascii() + after.isascii()
    return SPACE_GAP if latin == 2 else HAN_LATIN_GAP if latin == 1 else float("inf")


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF at ``path``; raises ``pdfium.PdfiumError`` for a file PDFium
    cannot open."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [_read_page(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


def _read_page(page, number: int) -> Page:
    width, height = page.get_size()
    result = Page(number, width, height)
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if _is_rule(right - left, top - bottom):
                result.rules.append((left, height - top, right, height - bottom))
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            result.images += 1
    textpage = page.get_textpage()
    try:
        result.glyphs = _glyphs(textpage.raw, height)
    finally:
        textpage.close()
        page.close()
    return result


def _is_rule(width: float, height: float) -> bool:
    return (height < RULE_THICKNESS and width > RULE_LENGTH) or (width < RULE_THICKNESS and height > RULE_LENGTH)


def _glyphs(raw, height: float) -> list[Glyph]:
    """The page's visible characters: PDFium's own spaces and line ends left out (gaps are
    measured instead).  A glyph's size is its text object's type size in page space (a
    loose box is the glyph's outline when the font has no metrics); it starts at its
    origin, and a full-width character is a full em wide."""
    box, x, y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    sizes: dict[int, float] = {}
    glyphs = []
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if code <= 32 or code in (0x3000, 0xA0, 0xFFFE, 0xFFFF) or pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            continue
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        pdfium_c.FPDFText_GetFillColor(raw, index, r, g, b, a)
        size = _size(raw, index, sizes) or box.top - box.bottom
        char = chr(code)
        right = max(box.right, x.value + size) if east_asian_width(char) in "WF" else box.right
        bold = pdfium_c.FPDFText_GetFontWeight(raw, index) >= BOLD_WEIGHT
        glyphs.append(Glyph(char, x.value, right, height - box.top, height - box.bottom,
                            height - y.value, size, (r.value, g.value, b.value), bold))
    return glyphs


def _size(raw, index: int, sizes: dict[int, float]) -> float:
    """The type size of the character's text object, scaled by the object's matrix."""
    obj = pdfium_c.FPDFText_GetTextObject(raw, index)
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key not in sizes:
        size, matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
        if not key or not pdfium_c.FPDFTextObj_GetFontSize(obj, size) or not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            sizes[key] = 0.0
        else:
            sizes[key] = size.value * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return sizes[key]


def group_lines(glyphs: list[Glyph], page: int) -> list[PrintedLine]:
    """Glyphs on one baseline (within a third of their size) are one printed line; lines
    top to bottom, glyphs left to right: the text layer's own order is not trusted."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (round(g.baseline, 1), g.left)):
        current = lines[-1] if lines else None
        if current and abs(glyph.baseline - current[0].baseline) <= max(glyph.size, current[0].size) / 3:
            current.append(glyph)
        else:
            lines.append([glyph])
    return [PrintedLine(page, sorted(line, key=lambda g: g.left)) for line in lines]
