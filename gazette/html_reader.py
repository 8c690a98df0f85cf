"""Read a web page (a document on a 政府信息公开 site, or a gazette issue as one page) into
the ``Line``s every other stage reads: one line a paragraph, heading, list item or table row,
in reading order, as a text dump of the page prints them.

- The page's encoding comes from its declaration (``html_decode``); lxml parses it.
- What is not the document's is told by the page's structure (``html_regions``):
  scripts, styles, forms and hidden elements, the site's navigation, banner and footer
  (by element, ARIA role or class name, never around the text's own container), and lines
  that are nothing but links to other pages (menus, lists of related articles).
- A data table gives a line a row, its cells tab-separated, a cell spanning rows or
  columns written in its first place; the metadata table (索引号, 发文字号 …) so becomes the
  rows ``webheader`` reads as fields.  A table that only lays the page out is read as
  blocks.
- Each line is a paragraph, and has a ``Layout`` saying so: its alignment (``align``,
  ``text-align``, ``<center>``) where the page states it, else none (its style sheet may
  centre it: the text decides), its type's scale (a heading's, or the ``font-size`` a
  page pasted from Word states, against the size most of its text is set in), a table's
  row, and the address of the file a line links to (an attachment).
- The page's own address (a canonical link, or the address a browser saving the page
  wrote) opens the lines as a ``网址：`` field.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from . import html_regions as regions
from .html_decode import page_text
from .kinds import Code, LineKind
from .layout import CENTRED, COLUMN_GAP, LEFT, RIGHT, Layout
from .problems import ConversionError, Problem
from .reader import Line, normalised

BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article main header footer aside nav "
                   "blockquote pre center address figure figcaption fieldset caption hr table tr td th tbody "
                   "thead tfoot form".split())
PLACED = frozenset(("table", "img", "iframe"))   # align sets where they stand, not their text
HEADINGS = {"h1": 1.5, "h2": 1.4}
ALIGNS = {"center": CENTRED, "middle": CENTRED, "right": RIGHT}
TEXT_ALIGN = re.compile(r"text-align\s*:\s*(\w+)", re.IGNORECASE)
FONT_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(pt|px|em|rem|%)", re.IGNORECASE)
POINTS = {"pt": 1.0, "px": 0.75}                  # a CSS pixel is ¾ of a point
FONT_SIZES = {"1": 7.5, "2": 10, "3": 12, "4": 13.5, "5": 18, "6": 24, "7": 36}   # <font size=N>, in points
DEFAULT_SIZE = 12.0                               # a browser's, in points: what em and % count from at the top
SPACES = re.compile(r"[ \t\n\r\f]+")
LINK_SHARE = 0.9           # a line this much link text is a menu item or a link to another page
GAP_MARK = "\ue000"       # a column's gap, kept through the collapsing of spaces, then printed as COLUMN_GAP
MAX_SPAN = 50              # rowspan/colspan beyond this is a page's error, not a table's shape


def read_html(path: Path, display: str) -> tuple[list[Line], str, list[Problem]]:
    """The page's lines, the encoding it was read in, and warnings (none yet)."""
    text, encoding = page_text(path.read_bytes(), display)
    try:
        page = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ConversionError(display, 1, Code.UNREADABLE, f"a web page that cannot be parsed ({error})") from None
    address = regions.own_address(page, text)
    regions.strip_furniture(page)
    reading = _Reading(address)
    if address:
        reading.lines.append(Line(1, f"网址：{address}", LineKind.WEB_META, Layout(align=None)))
    body = page.find("body")
    reading.walk(body if body is not None else page, _Style())
    reading.flush()
    if not any(not line.blank for line in reading.lines):
        raise ConversionError(display, 1, Code.EMPTY_FILE, "the web page holds no text")
    return _scaled(reading.lines), encoding, []


class _Style:
    """What a line inherits from the elements around it."""
    __slots__ = ("align", "scale", "link", "size")

    def __init__(self, align: str | None = None, scale: float = 1.0, link: str | None = None, size: float = 0.0):
        self.align, self.scale, self.link, self.size = align, scale, link, size   # size: points stated, 0 if none

    def inside(self, element) -> _Style:
        align = _stated_align(element) or self.align
        scale = HEADINGS.get(element.tag, self.scale)
        link = (element.get("href") or "") if element.tag == "a" else self.link
        size = _stated_size(element, self.size) or self.size
        if (align, scale, link, size) == (self.align, self.scale, self.link, self.size):
            return self
        return _Style(align, scale, link, size)


def _stated_align(element) -> str | None:
    if element.tag == "center":
        return CENTRED
    stated = "" if element.tag in PLACED else element.get("align") or ""  # a table's align places it
    match = TEXT_ALIGN.search(element.get("style") or "")
    word = (match[1] if match else stated).lower()
    return ALIGNS.get(word, LEFT if word in ("left", "justify") else None)  # None: not stated


def _stated_size(element, around: float) -> float:
    """The type size in points an element states (``style="font-size:22pt"``, ``<font
    size=5>``), or 0."""
    match = FONT_SIZE.search(element.get("style") or "")
    if match:
        number, unit = float(match[1]), match[2].lower()
        return number * POINTS[unit] if unit in POINTS else number * (around or DEFAULT_SIZE) / (100 if unit == "%" else 1)
    return float(FONT_SIZES.get((element.get("size") or "").strip(), 0)) if element.tag == "font" else 0.0


def _scaled(lines: list[Line]) -> list[Line]:
    """Each line whose type size the page states given its scale against the size most of
    the page's text is set in (a heading's scale stays where no size is stated)."""
    sizes = Counter()
    for line in lines:
        if line.layout is not None and line.layout.size and not line.layout.table_row:
            sizes[line.layout.size] += len(line.text)
    if not sizes:
        return lines
    body = sizes.most_common(1)[0][0]
    for line in lines:
        if line.layout is not None and line.layout.size:
            line.layout = replace(line.layout, scale=round(line.layout.size / body, 2))
    return lines


class _Reading:
    def __init__(self, address: str | None):
        self.address = address
        self.lines: list[Line] = []
        self.pieces: list[str] = []
        self.linked = 0            # characters of the pending line inside links
        self.style: _Style | None = None
        self.where = 0             # the page's line the pending line starts on
        self.file_link: str | None = None

    def add(self, text: str | None, style: _Style, where: int | None) -> None:
        if not text:
            return
        if self.style is None and text.strip():
            self.style, self.where = style, where or 0
        self.pieces.append(text)
        if style.link is not None:
            self.linked += _letters(text)
            if self.file_link is None and regions.is_file_link(style.link):
                self.file_link = style.link

    def walk(self, element, style: _Style) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            self.flush()
        elif tag == "table" and regions.is_data_table(element):
            self.flush()
            self.table(element)
        else:
            block = tag in BLOCKS
            if block:
                self.flush()
            inner = style.inside(element) if tag else style
            self.add(element.text, inner, element.sourceline)
            for child in element:
                if self.pieces and _set_apart(child) and not self.pieces[-1][-1:].isspace():
                    self.pieces.append(GAP_MARK)
                self.walk(child, inner)
                self.add(child.tail, inner, child.sourceline)
            if block:
                self.flush()

    def flush(self) -> None:
        text = _collapsed("".join(self.pieces)).replace(f" {GAP_MARK}", GAP_MARK).replace(GAP_MARK, COLUMN_GAP)
        style, linked, link, where = self.style, self.linked, self.file_link, self.where
        self.pieces, self.linked, self.style, self.file_link = [], 0, None, None
        if not text.strip():
            return
        only_links = linked >= LINK_SHARE * _letters(text) and not regions.ATTACHMENT.match(text.strip())
        if only_links and link is None:
            return      # a menu item, a link to another page
        self._append(normalised(text), self._layout(style, link, where))
        if only_links:
            self._mark_download()

    def _mark_download(self) -> None:
        """A line that is only a link to a file is the page's list of files to download (the
        document's text names its attachments itself): metadata, as is its label above
        (附件下载：)."""
        self.lines[-1].kind = LineKind.WEB_META
        if len(self.lines) > 1 and regions.DOWNLOAD_LABEL.match(self.lines[-2].stripped):
            self.lines[-2].kind = LineKind.WEB_META

    def _layout(self, style: _Style | None, link: str | None, where: int, table_row: bool = False) -> Layout:
        """What the page states of the line: alignment (None where it leaves it to its style
        sheet), a heading's scale, a table's row, the address of the file it links to, and
        the line of the page it starts on."""
        if link:
            link = urljoin(self.address, link) if self.address else link
        return Layout(align=style.align if style else None, scale=style.scale if style else 1.0,
                      size=round(style.size, 1) if style else 0.0, table_row=table_row, link=link, source_line=where)

    def _append(self, text: str, layout: Layout | None) -> None:
        self.lines.append(Line(len(self.lines) + 1, text, layout=layout))

    def table(self, table) -> None:
        rows = regions.table_rows(table)
        for row, (cells, link) in zip(rows, _rows(rows)):
            texts = [normalised(_collapsed(cell).strip()) for cell in cells]
            if any(texts):
                self._append("\t".join(texts), self._layout(None, link, row.sourceline or 0, table_row=True))


def _collapsed(text: str) -> str:
    """Its runs of HTML white space as one space, as a browser shows them; a no-break space
    (an indent) kept as a space."""
    return SPACES.sub(" ", text).strip(" ").replace("\xa0", " ").rstrip()


def _letters(text: str) -> int:
    """Its letters, digits and Han characters: what a link's share of a line is counted in
    (not the bars and spaces between a menu's items)."""
    return sum(1 for char in text if char.isalnum())


def _set_apart(element) -> bool:
    """An inline element holding only a number at the end of its block, after text: a page
    number, a column of its own (``<span>通知</span><span>6</span>`` is no 通知6); a
    number inside the text (〔<span>2023</span>〕) is not."""
    if not isinstance(element.tag, str) or element.tag in BLOCKS or not element.text_content().strip().isdigit():
        return False
    following = [element.tail or ""] + [sibling.text_content() + (sibling.tail or "") for sibling in element.itersiblings()]
    return not "".join(following).strip()


def _rows(rows: list) -> list[tuple[list[str], str | None]]:
    """A table's rows as text cells, a spanning cell's text in the first place it covers
    and empty cells in the others; and the first file link of each row."""
    grid: dict[tuple[int, int], str] = {}
    links: dict[int, str] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row.iterchildren("td", "th"):
            while (r, c) in grid:
                c += 1
            c += _place(grid, r, c, cell)
            links[r] = links.get(r) or _file_link(cell)
    width = max((c for _, c in grid), default=-1) + 1
    return [([grid.get((r, c), "") for c in range(width)], links.get(r)) for r in range(len(rows))]


def _place(grid: dict[tuple[int, int], str], r: int, c: int, cell) -> int:
    """Put the cell's text at (r, c) and empties where it spans; how many columns it takes."""
    down, across = _span(cell, "rowspan"), _span(cell, "colspan")
    for dr in range(down):
        for dc in range(across):
            grid[(r + dr, c + dc)] = "" if dr or dc else _cell_text(cell)
    return across


def _file_link(cell) -> str | None:
    return next((a.get("href") for a in cell.iter("a") if regions.is_file_link(a.get("href") or "")), None)


def _span(cell, name: str) -> int:
    try:
        return min(max(int(cell.get(name) or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def _cell_text(cell) -> str:
    """A cell's text on one line: its own line breaks are the column's width."""
    return "".join(cell.itertext())
