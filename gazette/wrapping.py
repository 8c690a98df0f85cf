"""How a PDF conversion wrapped its lines, so that the body joins them back into paragraphs.

A PDF's text comes out one printed line per line: a paragraph's lines fill the page's
width, and a sentence may end at a line's end while its paragraph goes on.  The width is
found from the lines themselves, per document (a file may mix layouts) or else per file.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

from .reader import Line


class Wrapping:
    """How a PDF conversion wrapped a document's lines, if it did: at the commonest width
    of its long lines, when at least a quarter of them (and ``MIN_LINES``) have it; and
    whether an indent marks a paragraph's first line (some lines have one, most not)."""
    MIN_LINES = 4

    def __init__(self, lines: list[Line]):
        if any(line.layout for line in lines[:50]):
            self.width, self.indents_mark_paragraphs = None, False   # a PDF's lines: rejoined by their geometry
            return
        printed = [line for line in lines if not line.blank]
        widths = Counter([round(line.width) for line in printed if line.width >= 20])
        width, count = widths.most_common(1)[0] if widths else (0, 0)
        self.width = width if count >= self.MIN_LINES and 4 * count >= sum(widths.values()) else None
        indented = sum(1 for line in printed if line.text.startswith(_INDENTS))
        self.indents_mark_paragraphs = 0.1 * len(printed) < indented < 0.9 * len(printed)

    @classmethod
    def lazily(cls, lines: list[Line]):
        """A function giving ``Wrapping(lines)``, computed at its first call only: a file's
        wrapping is needed only for the documents too short to show their own."""
        return cache(lambda: cls(lines))

    def full(self, line: Line) -> bool:
        """A line printed as wide as the wrap width (its indent included): its sentence or
        heading may go on below."""
        return bool(self.width) and line.width >= self.width - 1.5

    def cut(self, previous: Line, line: Line) -> bool:
        """``previous`` was cut at the wrap width and ``line`` goes on with its paragraph."""
        return self.full(previous) and not (self.indents_mark_paragraphs and _indented(line.text))


_INDENTS = (" ", "\u3000", "\t", "\u00a0")


def _indented(raw: str) -> bool:
    return raw.startswith(_INDENTS)
