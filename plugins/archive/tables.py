"""A document's tables as a reader needs them: each in a region that scrolls inside the
page (focusable, so a keyboard can scroll it too) under a sticky header row, numbered
表1, 表2 …, with its own CSV file beside the page."""
from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from pathlib import Path


_TABLE = re.compile(r"<table>.*?</table>", re.S)
_FORMULA = ("=", "+", "@")   # a cell a spreadsheet would run as a formula


def add_tables(article) -> None:
    """``article.tables``: [(anchor, CSV file name, a digest of the table's HTML)] of its
    tables, each wrapped in its figure on the page (``csv_text`` makes the file from the
    HTML, ``table_in`` the page, only when a build has no copy of it to reuse; a copy of
    each table's HTML kept with the document was a sixth of Pelican's cache)."""
    if "<table>" not in article._content:
        article.tables = []   # most documents: no table to look for
        return
    stem = Path(article.save_as).stem
    found = []

    def wrapped(match):
        number = len(found) + 1
        anchor, name = f"table-{number}", f"{stem}.table-{number}.csv"
        rows = match.group(0).count("<tr>")   # the Markdown renderer's rows: a cell's own < is escaped
        found.append((anchor, name, hashlib.sha256(match.group(0).encode("utf-8")).hexdigest()))
        return (f'<figure class="table" id="{anchor}"><figcaption>表{number}（{rows - 1}行）'
                f' · <a href="{name}" download>下载 CSV</a></figcaption>'
                f'<div class="table-scroll" role="region" tabindex="0" aria-label="表{number}，可滚动">'
                f"{match.group(0)}</div></figure>")

    article._content = _TABLE.sub(wrapped, article._content)
    article.tables = found


def table_in(content: str, anchor: str) -> str:
    """The HTML of the table ``add_tables`` wrapped as ``anchor`` in a page's ``content``
    (source text never holds a tag: the converter escapes its <)."""
    return _TABLE.search(content, content.index(f'<figure class="table" id="{anchor}">'))[0]


def csv_text(table_html: str) -> str:
    return table_csv(_rows(table_html))


def _rows(table_html: str) -> list[list[str]]:
    """Each row's cells as text, a cell's lines (its <br>) kept as line breaks.  The HTML is
    the renderer's: rows and cells do not nest, a cell's text holds no < or > of its own
    (escaped), only inline tags (<strong>, <code>) and the entities &amp; &lt; &gt; &quot;.
    Read with patterns, as lxml's parser reads it (``tests/test_tables.py``): 3 times as
    fast, and the bench's 14,000 tables took lxml 2.6 s."""
    text = table_html.replace("<br>", "\n").replace("<br />", "\n")
    return [[_cell_text(cell) for cell in _CELL.findall(row)] for row in _ROW.findall(text)]


_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][ >](.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]*>")


def _cell_text(cell: str) -> str:
    if "<" in cell:
        cell = _TAG.sub("", cell)
    return (html.unescape(cell) if "&" in cell else cell).strip()


def table_csv(rows: list[list[str]]) -> str:
    """The rows as CSV; a cell that opens like a formula is quoted with ' so that a
    spreadsheet shows it rather than runs it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[f"'{cell}" if cell.startswith(_FORMULA) else cell for cell in row] for row in rows])
    return buffer.getvalue()
