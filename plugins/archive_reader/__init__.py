"""Reads the converter's Markdown: the front matter through the maintained
pelican-markdown-it-reader (with libyaml), the body with pyromark, the Python binding of
pulldown-cmark (CommonMark with GFM tables, in Rust).  Rendering the bench's 10,000
documents took markdown-it-pyrs, the Rust port of markdown-it the site used before, 2.9 s
of a core, and pyromark 0.9 s (1.6 s with markdown-it's layout, ``CommonMark``); in a cold
build, where the search index shares the cores, rendering went from 7.0 to 2.9 s, the
largest part of reading the documents before.  The pages are the same, byte for byte.

pyromark has no block-attribute plugin, so the attribute lines the converter writes on the
line before a block (``{.signature}``, ``{#attachment-1 .attachment}``) pass through it as
HTML comments and are then set on the element that follows.  Source text never becomes
such a line or comment: the converter escapes ``{``, ``}`` and ``<``."""
from __future__ import annotations

import os
import re
import sys
from html import escape

import pyromark
from pelican import signals
from pelican.plugins.markdown_it_reader.markdown_it_reader import MDITReader
from pelican.utils import SafeDatetime, pelican_open
from tqdm import tqdm

from gazette.schema import read_document

_BARS: dict = {}
# after the newline before a line (one is put before the text): a pattern opening with ^
# is tried at every character, one opening with a character jumps to it (4 times as fast)
_ATTRIBUTE_LINE = re.compile(r"\n\{([#.][^{}\n]*)\}$", re.MULTILINE)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MARKED = re.compile(r"<!--attrs:([^>\n]*)-->\n<([a-z][a-z0-9]*)")


def _progress(folder: str) -> tqdm:
    """A progress bar over the documents read, on a terminal only: elsewhere the documents
    are not counted (counting them took 0.7 s of a rebuild that read ten)."""
    if folder not in _BARS:
        shown = sys.stderr.isatty()
        total = sum(name.endswith(".md") for _, _, names in os.walk(folder) for name in names) if shown else None
        _BARS[folder] = tqdm(total=total, desc="reading", unit="doc", disable=not shown, leave=False)
    return _BARS[folder]


def _attributes(spec: str) -> str:
    """``#id .a .b`` as HTML attributes (id first, as mdit-py-plugins' attrs wrote them).

    >>> _attributes("#attachment-1 .attachment")
    ' id="attachment-1" class="attachment"'
    """
    names = spec.split()
    ids = [name[1:] for name in names if name.startswith("#")]
    classes = [name[1:] for name in names if name.startswith(".")]
    written = f' id="{escape(ids[-1])}"' if ids else ""
    return written + (f' class="{escape(" ".join(classes))}"' if classes else "")


class CommonMark:
    """CommonMark with GFM tables, rendered by pulldown-cmark in the HTML markdown-it writes
    for it.  The two differ in layout only: pulldown-cmark writes a table's tags on one
    line, an empty ``<tbody>`` for a table of one row and ``text-align: center``, and leaves
    a double quote in text as it is (markdown-it writes ``&quot;``).  Checked equal to
    markdown-it-pyrs on the benchmark's 10,000 documents, the samples and 120,000 random
    bodies written as the converter writes them; ``tests/test_archive_reader.py`` holds
    the cases, and 3,000 random bodies against markdown-it-py."""

    def render(self, text: str) -> str:
        html = pyromark.html(text, options=pyromark.Options.ENABLE_TABLES)
        if "<table>" in html:
            html = _as_markdown_it_tables(html)
        if '"' in html:
            html = _QUOTE_IN_TEXT.sub("&quot;", html)
        return html


# Each of these tags ends its line in markdown-it's tables.  In a table they stand nowhere
# else, nor do pulldown-cmark's newlines after them: the converter escapes a source's <
# (a cell's only markup is <br>), and a cell's text holds no newline.
_TABLE_LINE_ENDS = ("<table>", "<thead>", "<tbody>", "<tr>", "</th>", "</td>", "</tr>", "</thead>", "</tbody>", "</table>")
# a quote outside a tag: in text no > stands unescaped, so a quote with a > ahead before
# any < is inside a tag (an attribute's)
_QUOTE_IN_TEXT = re.compile(r'"(?![^<>]*>)')


def _as_markdown_it_tables(html: str) -> str:
    """The tables of pulldown-cmark's ``html`` laid out as markdown-it lays them out."""
    pieces, done = [], 0
    while (start := html.find("<table>", done)) >= 0:
        end = html.index("</table>\n", start) + len("</table>\n")
        pieces += (html[done:start], _table_lines(html[start:end]))
        done = end
    return "".join(pieces) + html[done:]


def _table_lines(table: str) -> str:
    """One table, each of ``_TABLE_LINE_ENDS`` ending a line (taken out of the page's text
    first: str.replace over a whole page cost more than rendering it)."""
    table = table.replace("<tbody>\n", "<tbody>").replace("</tr>\n", "</tr>")[:-1]
    for tag in _TABLE_LINE_ENDS:
        table = table.replace(tag, tag + "\n")
    return table.replace("<tbody>\n</tbody>\n", "").replace('style="text-align: ', 'style="text-align:')


def render(markdown: CommonMark, text: str) -> str:
    """HTML of the converter's Markdown, block attributes set.

    >>> render(CommonMark(), "{.signature}\\n盘锦市人民政府\\n\\n{#attachment-1 .attachment}\\n## 附件1")
    '<p class="signature">盘锦市人民政府</p>\\n<h2 id="attachment-1" class="attachment">附件1</h2>\\n'
    """
    html = markdown.render(_ATTRIBUTE_LINE.sub(r"\n<!--attrs:\1-->", "\n" + text)[1:])
    return _MARKED.sub(lambda match: f"<{match.group(2)}{_attributes(match.group(1))}", html)


class ArchiveReader(MDITReader):
    def _build_md(self):
        return CommonMark()

    def read(self, filename):
        _progress(self.settings["PATH"]).update()
        with pelican_open(filename) as text:
            document = read_document(text)
        if document is None:
            raise ValueError(f"{filename}: no YAML front matter (was it written by the converter?)")
        front, body = document
        return render(self._md, body), self._parse_yaml_metadata(front)

    def _parse_yaml_metadata(self, meta):
        """Pelican's metadata of the front matter; a date that is a day as the converter writes
        it (2024-03-01) made directly, as Pelican's dateutil reading makes it (20 µs a
        document, 0.2 s of a cold build at 10,000)."""
        day = meta.get("date") if isinstance(meta, dict) else None
        if type(day) is not str or not _ISO_DAY.fullmatch(day):
            return super()._parse_yaml_metadata(meta)
        try:
            date = SafeDatetime(int(day[:4]), int(day[5:7]), int(day[8:]))
        except ValueError:   # no such day: Pelican's reading says so, in its words
            return super()._parse_yaml_metadata(meta)
        metadata = super()._parse_yaml_metadata({**meta, "date": None})   # a None is left out
        metadata["date"] = date
        return metadata


def add_reader(readers):
    for extension in ArchiveReader.file_extensions:
        readers.reader_classes[extension] = ArchiveReader


def register():
    signals.readers_init.connect(add_reader)
