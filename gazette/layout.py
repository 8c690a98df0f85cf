"""Where a line sat on its page, for the sources that know it (a PDF's, a Word file's, a
web page's), and nothing for a text dump, which has lost it.

A ``Line`` read from a PDF carries a ``Layout``: its page, its box, its type size, bold
and colour, how it is aligned between the page's margins, its first-line indent, whether
it is a table's row, and what page furniture it is (a running header, a page number),
found by position and repetition rather than wording.  Rules read the layout where it is
there and the text where it is not.
"""
from __future__ import annotations

from dataclasses import dataclass

LEFT, CENTRED, RIGHT, FULL = "left", "centred", "right", "full"
BLACK = "#000000"
TITLE_SCALE = 1.15      # a title's type against the body's, at least, when it is not centred


@dataclass(frozen=True, slots=True)
class Layout:
    page: int                       # 1-based; the page the line starts on
    last_page: int                  # the page it ends on (a paragraph may run over a page break)
    top: float                      # points from the page's top edge
    left: float                     # points from the page's left edge
    right: float
    size: float                     # type size in points
    bold: bool = False
    color: str = BLACK              # "#rrggbb" of most of its characters
    align: str = LEFT               # LEFT, CENTRED, RIGHT or FULL (runs from margin to margin)
    indent: float = 0.0             # first-line indent from the left margin, in characters
    table_row: bool = False         # the cells of one row of a ruled table, tab-separated
    furniture: str | None = None    # a LineKind: what the page prints outside the text (header, number)
    scale: float = 1.0              # its type size against the body text's

    @property
    def may_be_title(self) -> bool:
        """Set as a title is: centred, or in a type larger than the body's."""
        return self.align == CENTRED or self.scale >= TITLE_SCALE

    @property
    def red(self) -> bool:
        """Printed in red: a 文件 header's organ name, a masthead."""
        r, g, b = (int(self.color[i:i + 2], 16) for i in (1, 3, 5))
        return r >= 160 and g < 90 and b < 90
