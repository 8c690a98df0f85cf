"""Turning source text into Markdown that renders as that text and nothing more.

Text from sources is escaped: HTML-significant characters become entities and Markdown
syntax characters are backslash-escaped, so only the markup the converter writes on
purpose (headings, tables, classes) reaches the page.
"""
from __future__ import annotations

import html
import re

from . import cleanup
from .text import despace

_MD_SPECIAL = "\\`*_{}[]|~"  # each backslash-escaped (the backslash first)
_ESCAPED = re.compile(r"[&<>\\`*_{}\[\]|~]")   # what html.escape or the loop below changes
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")
_CLOSING_HASHES = re.compile(r"(?<=[ \t])#+$")   # a heading's closing sequence, dropped from its text
_CELL_BREAK = re.compile(r"<\s*/?\s*(?:p|br|div|li)\b[^<>]*>", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape source text for a Markdown paragraph.

    >>> escape('<script>alert(1)</script> *x* 1. & #'), escape('1.市级用地')
    ('&lt;script&gt;alert(1)&lt;/script&gt; \\\\*x\\\\* 1. &amp; \\\\#', '1\\\\.市级用地')
    """
    if _ESCAPED.search(text):   # most text holds none of these: one scan tells
        text = html.escape(html.unescape(text) if "&" in text and ";" in text else text, quote=False)
        for char in _MD_SPECIAL:
            if char in text:
                text = text.replace(char, "\\" + char)
    if text.endswith("#"):   # "## 总则 #" would lose its last # (and a tab before it is read two ways)
        text = _CLOSING_HASHES.sub(lambda hashes: "\\" + hashes.group(), text)
    # a line starting "#", ">", "-" … or "1." would become a heading, quote or list
    start = _LINE_START.match(text)
    if not start:
        return text
    return start[1] + (f"\\{start[2]}" if start[2] else f"{start[3]}\\{start[4]}") + text[start.end():]


def cell_parts(cell: str) -> list[str]:
    """A table cell's text split where the source put ``<p>`` or ``<br>`` (a scrape's line
    breaks); any other text that looks like a tag is text, kept and escaped as in a
    paragraph, so nothing a cell printed is lost.

    >>> cell_parts('市林业局<br/>市应急局'), cell_parts('<b>负责</b>')
    (['市林业局', '市应急局'], ['<b>负责</b>'])
    """
    if "<" in cell:   # a tag may stand in it
        cell = _CELL_BREAK.sub("\n", cell)
    return [part.strip() for part in cell.split("\n") if part.strip()]


def row_parts(row: str) -> list[list[str]]:
    """The parts of each cell of a tab-separated row, as ``cell_parts`` gives them."""
    if "<" in row:
        return [cell_parts(cell) for cell in row.split("\t")]
    return [[part] if (part := cell.strip()) else [] for cell in row.split("\t")]   # no tag, no break


def cell_markdown(parts: list[str]) -> str:
    """A cell's parts, each cleaned and escaped, on lines of their own."""
    return "<br>".join(escape(cleanup.clean(despace(part))[0]) for part in parts)


# What makes a row's parts differ from their despaced text in Markdown: a formula or a stray
# word to clean, a character, a line start or a closing # to escape (a part is stripped).
# Despacing makes none of these: it only takes out spaces beside Chinese characters and digits.
_CELL_WORK = re.compile(r"[$&<>\\`*_{}\[\]|~]|and|etc|^(?:[#>+\-=]|\d+[.)])|[ \t]#+$", re.MULTILINE)


def row_markdown(row: list[list[str]]) -> list[str]:
    """``cell_markdown`` of each cell of a row: one scan finds most rows need at most their
    spaces taken out."""
    printed = "\n".join(part for cell in row for part in cell)
    if _CELL_WORK.search(printed):
        return [cell_markdown(cell) for cell in row]
    if " " in printed or "\u3000" in printed or "\t" in printed:
        return ["<br>".join(map(despace, cell)) for cell in row]
    return ["<br>".join(cell) for cell in row]


def table(rows: list[list[str]]) -> str:
    """A Markdown table of escaped cells, the first row its header; short rows padded."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


# Each of these works on the whole text with a newline before each line and after the last:
# a pattern that opens with a character the scan can jump to is many times as fast as one
# that opens with ``^`` (a regex call per line was most of reading a document for search).
_SKIPPED_LINE = re.compile(r"\n(?:\{[#.][^{}\n]*\}|\|(?:-+\|)+)?(?=\n)")  # and empty lines
_LINE_MARK = re.compile(r"\n(?:#{1,6}|-)[^\S\n]+")
_TABLE_ROW = re.compile(r"\n\|(?:(.*)\|)?(?=\n)")  # a lone | is a row of one empty cell
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]|~#>+\-=.!()])")


def to_plain(markdown: str) -> str:
    """The text of a body this module's ``escape`` and the converter wrote: markup and
    escapes removed, table cells separated by tabs.

    >>> to_plain('{.signature}\\n## 附件1\\n| 序号 | 名称 |\\n|---|---|\\n| 1 | a\\\\*b&lt;c |')
    '附件1\\n序号\\t名称\\n1\\ta*b<c'
    """
    text = "\n" + "\n".join(line.strip() for line in markdown.splitlines()) + "\n"
    text = _LINE_MARK.sub("\n", _SKIPPED_LINE.sub("", text)).replace("**", "")
    text = _TABLE_ROW.sub(lambda row: "\n" + "\t".join(cell.strip() for cell in (row[1] or "").split(" | ")), text)
    return html.unescape(_UNESCAPE.sub(r"\1", text.replace("<br>", " ")))[1:-1]
