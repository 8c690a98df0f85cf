"""Reads the converter's Markdown: the front matter through the maintained
pelican-markdown-it-reader (with libyaml), the body with markdown-it-pyrs, the Rust port
of markdown-it (the same CommonMark rendering, about 13 times as fast as markdown-it-py:
rendering was most of a cold build).

markdown-it-pyrs has no block-attribute plugin, so the attribute lines the converter writes
on the line before a block (``{.signature}``, ``{#attachment-1 .attachment}``) pass through
it as HTML comments and are then set on the element that follows.  Source text never
becomes such a line or comment: the converter escapes ``{``, ``}`` and ``<``."""
from __future__ import annotations

import os
import re
import sys
from html import escape

from markdown_it_pyrs import MarkdownIt
from pelican import signals
from pelican.plugins.markdown_it_reader.markdown_it_reader import MDITReader
from pelican.utils import pelican_open
from tqdm import tqdm

from gazette.schema import read_document

_BARS: dict = {}
# after the newline before a line (one is put before the text): a pattern opening with ^
# is tried at every character, one opening with a character jumps to it (4 times as fast)
_ATTRIBUTE_LINE = re.compile(r"\n\{([#.][^{}\n]*)\}$", re.MULTILINE)
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


def render(markdown: MarkdownIt, text: str) -> str:
    """HTML of the converter's Markdown, block attributes set.

    >>> render(MarkdownIt("commonmark"), "{.signature}\\n盘锦市人民政府\\n\\n{#attachment-1 .attachment}\\n## 附件1")
    '<p class="signature">盘锦市人民政府</p>\\n<h2 id="attachment-1" class="attachment">附件1</h2>\\n'
    """
    html = markdown.render(_ATTRIBUTE_LINE.sub(r"\n<!--attrs:\1-->", "\n" + text)[1:])
    return _MARKED.sub(lambda match: f"<{match.group(2)}{_attributes(match.group(1))}", html)


class ArchiveReader(MDITReader):
    def _build_md(self):
        return MarkdownIt("commonmark").enable("table")

    def read(self, filename):
        _progress(self.settings["PATH"]).update()
        with pelican_open(filename) as text:
            document = read_document(text)
        if document is None:
            raise ValueError(f"{filename}: no YAML front matter (was it written by the converter?)")
        front, body = document
        return render(self._md, body), self._parse_yaml_metadata(front)


def add_reader(readers):
    for extension in ArchiveReader.file_extensions:
        readers.reader_classes[extension] = ArchiveReader


def register():
    signals.readers_init.connect(add_reader)
