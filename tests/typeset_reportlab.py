"""Test material from a second typesetter: a gazette issue set by ReportLab, not Chromium.

ReportLab breaks lines its own way (CJK wrapping: a number or Latin word that does not
fit goes to the next line, leaving the line short of the margin), justifies, sets TOC
entries with a dotted leader to the page number, draws tables' rules line by line and
repeats a table's header row on each page, and prints in Adobe's STSong-Light, a CID font
it does not embed.  The issue's print layout (``typeset.gazette_html``) gives the blocks
and their formats, as ``typeset_docx`` takes them.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from typeset import block_format, convert, gazette_html, running_header

FONT = "STSong-Light"
MARGINS = {"leftMargin": 28 * mm, "rightMargin": 26 * mm, "topMargin": 30 * mm, "bottomMargin": 28 * mm}


def _style(size: float, align=TA_JUSTIFY, indent: float = 0, colour=colors.black) -> ParagraphStyle:
    return ParagraphStyle("gazette", fontName=FONT, fontSize=size, leading=size * 1.6, alignment=align,
                          firstLineIndent=indent * size, textColor=colour, wordWrap="CJK")


# (element, class) → the format it has in print (the CSS of ``typeset``)
STYLES = {
    ("div", "masthead"): _style(36, TA_CENTER, colour=colors.red),
    ("div", "red-header"): _style(30, TA_CENTER, colour=colors.red),
    ("h1", ""): _style(20, TA_CENTER),
    ("h2", ""): _style(15, TA_LEFT, 2),
    ("h2", "centred"): _style(18, TA_CENTER),
    ("h3", ""): _style(15, TA_LEFT),
    ("p", ""): _style(15, TA_JUSTIFY, 2),
    ("p", "number"): _style(15, TA_CENTER),
    ("p", "addressees"): _style(15, TA_LEFT),
    ("p", "attachment"): _style(15, TA_LEFT),
    ("p", "signature"): _style(15, TA_RIGHT),
    ("div", "entry"): _style(12, TA_LEFT),
}
STYLES[("cover", "p")], STYLES[("toc", "h2")] = _style(15, TA_CENTER), _style(20, TA_CENTER)
CELL = _style(9, TA_LEFT)


def typeset_reportlab(sample: Path, pdf: Path) -> Path:
    """The sample's issue set by ReportLab at ``pdf``."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    conversion = convert(sample)
    page = lxml.html.document_fromstring(gazette_html(conversion))
    story = []
    for number, section in enumerate(page.find("body").iterchildren("section")):
        if number:
            story.append(PageBreak())
        story += [_flowable(element, section.get("class")) for element in section.iterchildren()]
    header = running_header(conversion.issue)

    def furniture(canvas, document):
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, header)
        canvas.setFont(FONT, 11)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {document.page} -")

    SimpleDocTemplate(str(pdf), pagesize=A4, **MARGINS).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return pdf


def _flowable(element, section: str):
    if element.tag == "table":
        return _table(element)
    style = block_format(element, section, STYLES)
    if "entry" in (element.get("class") or ""):   # its title, a dotted leader, its page
        title, page = element.find_class("title")[0].text_content(), element.find_class("page")[0].text_content()
        return Paragraph(f"{escape(title)} ……… {page}", style)
    return Paragraph(escape(element.text_content()), style)


def _table(element) -> Table:
    rows = [[Paragraph(escape(cell.text_content()), CELL) for cell in row.iterchildren("td", "th")]
            for row in element.iter("tr")]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    column = (A4[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]) / width
    table = Table(rows, repeatRows=1, colWidths=[column] * width, splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return table
