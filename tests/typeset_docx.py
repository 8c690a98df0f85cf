"""Test material: a gazette issue as a Word file, set as its office sets it.

The issue's print layout (``typeset.gazette_html``) is set again in Word with python-docx:
each element of the page becomes a paragraph in the format its class has in print (the
red masthead and 文件 header, centred titles in a larger bold face, the number line
centred, the body with a two-character first-line indent, the signature and date set
right), a TOC entry its title and page with a tab between, a table a Word table; every
document starts a new page.  Reading that file must give the same documents and front
matter as the sample's text.
"""
from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt, RGBColor

from typeset import block_format, convert, gazette_html

CENTRE, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
RED = RGBColor(0xE6, 0x00, 0x12)
BODY = 16
# (element, class) → size, bold, colour, alignment, first-line indent in characters: the print's CSS
FORMATS = {
    ("div", "masthead"): (40, True, RED, CENTRE, 0),
    ("div", "red-header"): (34, True, RED, CENTRE, 0),
    ("h1", ""): (22, True, None, CENTRE, 0),
    ("h2", ""): (BODY, False, None, None, 2),
    ("h2", "centred"): (20, True, None, CENTRE, 0),
    ("h3", ""): (BODY, False, None, None, 0),
    ("p", ""): (BODY, False, None, JUSTIFY, 2),
    ("p", "number"): (BODY, False, None, CENTRE, 0),
    ("p", "addressees"): (BODY, False, None, None, 0),
    ("p", "attachment"): (BODY, False, None, None, 0),
    ("p", "signature"): (BODY, False, None, RIGHT, 0),
    ("div", "entry"): (14, False, None, None, 0),
}
FORMATS[("cover", "p")] = (BODY, False, None, CENTRE, 0)
FORMATS[("toc", "h2")] = (22, False, None, CENTRE, 0)


def typeset_docx(sample: Path, path: Path) -> Path:
    """The sample's issue as a Word file at ``path``."""
    page = lxml.html.document_fromstring(gazette_html(convert(sample)))
    document = docx.Document()
    for number, section in enumerate(page.find("body").iterchildren("section")):
        if number > 1:   # cover, TOC, then each document on a new page
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for element in section.iterchildren():
            _add(document, element, section.get("class"))
    document.save(path)
    return path


def _add(document, element, section: str) -> None:
    if element.tag == "table":
        _table(document, element)
        return
    style = block_format(element, section, FORMATS)
    paragraph = document.add_paragraph()
    _format(paragraph, *style)
    if "entry" in (element.get("class") or ""):
        title, page = element.find_class("title")[0], element.find_class("page")[0]
        _run(paragraph, title.text_content(), style)
        _run(paragraph, "\t" + page.text_content(), style)
    else:
        for text, bold in _pieces(element):
            _run(paragraph, text, style, bold)


def _pieces(element):
    """The element's text, with the bold of its <b> parts."""
    yield element.text or "", False
    for child in element:
        yield child.text_content(), child.tag == "b"
        yield child.tail or "", False


def _format(paragraph, size, bold, colour, align, indent) -> None:
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * indent)


def _run(paragraph, text: str, style, bold: bool = False) -> None:
    if not text:
        return
    size, bold_style, colour, _, _ = style
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold_style or bold or None
    if colour is not None:
        run.font.color.rgb = colour


def _table(document, element) -> None:
    rows = [[cell.text_content() for cell in row.iterchildren("td", "th")] for row in element.iter("tr")]
    table = document.add_table(rows=0, cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells   # a row at a time: table.cell(r, c) walks the table each call
        for cell, text in zip(cells, row):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10.5)
