"""Reads the converter's Markdown with markdown-it-py (about twice as fast as
Python-Markdown), through the maintained pelican-markdown-it-reader, adding the block
attributes the converter writes (``{.signature}`` / ``{#attachment-1 .attachment}`` on the
line before a block) and libyaml for the front matter."""
from __future__ import annotations

from pathlib import Path

import yaml
from mdit_py_plugins.attrs import attrs_block_plugin
from pelican import signals
from pelican.plugins.markdown_it_reader.markdown_it_reader import YAML_HEADER_RE, MDITReader
from pelican.utils import pelican_open
from tqdm import tqdm

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BARS: dict = {}


def _progress(folder: str) -> tqdm:
    """A progress bar over the documents read (shown on a terminal only)."""
    if folder not in _BARS:
        total = sum(1 for _ in Path(folder).rglob("*.md"))
        _BARS[folder] = tqdm(total=total, desc="reading", unit="doc", disable=None, leave=False)
    return _BARS[folder]


class ArchiveReader(MDITReader):
    def _build_md(self):
        return super()._build_md().use(attrs_block_plugin)

    def read(self, filename):
        _progress(self.settings["PATH"]).update()
        with pelican_open(filename) as text:
            match = YAML_HEADER_RE.fullmatch(text)
        if not match:
            raise ValueError(f"{filename}: no YAML front matter (was it written by the converter?)")
        metadata = self._parse_yaml_metadata(yaml.load(match.group("metadata"), Loader=_LOADER))
        return self._md.render(match.group("content")), metadata


def add_reader(readers):
    for extension in ArchiveReader.file_extensions:
        readers.reader_classes[extension] = ArchiveReader


def register():
    signals.readers_init.connect(add_reader)
