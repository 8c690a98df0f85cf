"""Read a PDF gazette into the ``Line``s every other stage reads, each with its ``Layout``.

The stages of reading, in order: the pages' characters and rules (``pdf_pages``); each
page's ruled tables, a line a row (``pdf_tables``); the other characters grouped into
printed lines, read column by column on a page set in two (``pdf_columns``); the page
furniture (``pdf_furniture``); a table's rows split over page breaks given back their
rest (``pdf_table_pages``); the cover and the TOC pages (``pdf_page_roles``); the
margins, each line's alignment and indent, and the printed lines rejoined into
paragraphs and titles (``pdf_paragraphs``).  Furniture stays in as lines of its own, marked
``LineKind.PAGE_BREAK`` as a text dump's page-break lines are, so that every character of
the file is accounted for.

A page with no text layer (a scan) is named: the whole file, when no page has text; a
warning for each such page among pages that have.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from . import pdf_furniture, pdf_page_roles, pdf_paragraphs as para
from .kinds import Code, LineKind
from .layout import Layout
from .pdf_columns import in_columns
from .pdf_pages import Page, PrintedLine, group_lines, read_pages
from .pdf_table_pages import join_rows_over_pages
from .pdf_tables import find_grids, table_rows
from .problems import ConversionError, Problem
from .reader import Line


def read_pdf(path: Path, display: str) -> tuple[list[Line], list[Problem]]:
    """The PDF's lines, and the warnings about pages that could not be read."""
    try:
        pages = read_pages(path)
    except pdfium.PdfiumError as error:
        raise ConversionError(display, 1, Code.UNREADABLE, f"a PDF that cannot be opened ({error})") from None
    problems = _pages_without_text(pages, display)
    for page in pages:
        page.lines = _page_lines(page)
    furniture = pdf_furniture.find_furniture(pages)
    join_rows_over_pages(pages, furniture)
    regions = pdf_page_roles.find_regions(pages, furniture)
    margins = para.find_margins(pages, furniture)
    body = para.body_size(pages, furniture)
    laid_out = [(line, para.layout_of(line, margins[page.number], furniture.get(id(line)), body, regions.get(id(line))))
                for page in pages for line in page.lines]
    return _rejoined(laid_out, _last_body_lines(pages, furniture)), problems


def _pages_without_text(pages: list[Page], display: str) -> list[Problem]:
    scanned = [page.number for page in pages if not page.has_text and page.images]
    if not any(page.has_text for page in pages):
        where = f"page {scanned[0]} is an image (a scan?)" if scanned else "its pages are empty"
        raise ConversionError(display, 1, Code.NO_TEXT_LAYER,
                              f"the PDF has no text layer: {where}; run OCR on it (for example ocrmypdf) and add it again")
    return [Problem(display, 1, Code.NO_TEXT_LAYER,
                    f"page {number} has no text layer (a scanned page?): its text is missing from the conversion")
            for number in scanned]


def _page_lines(page: Page) -> list[PrintedLine]:
    """The page's tables' rows and its other printed lines, top to bottom."""
    rest, rows = page.glyphs, []
    for grid in find_grids(page.rules):
        inside = [glyph for glyph in rest if grid.holds(glyph)]
        if inside:
            rest = [glyph for glyph in rest if not grid.holds(glyph)]
            rows += table_rows(grid, inside, page.number)
    return in_columns(sorted(group_lines(rest, page.number) + rows, key=lambda line: (line.top, line.left)))


def _last_body_lines(pages: list[Page], furniture: dict[int, str]) -> set[int]:
    """``id`` of each page's last printed line that is not furniture: a paragraph there
    may go on at the top of the next page."""
    last = set()
    for page in pages:
        body = [line for line in page.lines if id(line) not in furniture]
        if body:
            last.add(id(body[-1]))
    return last


def _rejoined(laid_out: list[tuple[PrintedLine, Layout]], page_ends: set[int]) -> list[Line]:
    out: list[Line] = []
    paragraph: list[tuple[PrintedLine, Layout]] = []
    held: list[Line] = []   # furniture met inside a paragraph that runs over a page break
    crossed = False         # furniture stands between the paragraph's last line and this one

    def close():
        if paragraph:
            out.append(_line(len(out) + 1, paragraph))
            paragraph.clear()
        for line in held:
            out.append(Line(len(out) + 1, line.text, line.kind, layout=line.layout))
        held.clear()

    for item in laid_out:
        line, layout = item
        if layout.furniture:
            held.append(Line(0, line.text, LineKind.PAGE_BREAK, layout=layout))
            crossed = True
            continue
        turned = bool(paragraph) and id(paragraph[-1][0]) in page_ends and line.page == paragraph[-1][0].page + 1
        if paragraph and (turned or not crossed) and paragraph[-1][1].region == layout.region \
                and para.goes_on(paragraph[-1], item, turned):
            paragraph.append(item)
        else:
            close()
            paragraph.append(item)
        crossed = False
    close()
    return out


def _line(no: int, printed: list[tuple[PrintedLine, Layout]]) -> Line:
    text = printed[0][0].text
    for line, _ in printed[1:]:
        text = para.joined(text, line.text)
    first, last = printed[0][1], printed[-1][1]
    layout = Layout(first.page, last.page, first.top, first.left, max(layout.right for _, layout in printed),
                    first.size, first.bold, first.color, first.align, first.indent, first.table_row,
                    scale=first.scale, region=first.region)
    return Line(no, text, layout=layout)
