"""Where a line sat on its page, for the sources that know it (a PDF's, a Word file's, a
web page's), and nothing for a text dump, which has lost it.  A web page or a Word file
states alignment, headings and tables but no geometry: its layouts leave page and
position at 0.

A ``Line`` read from a PDF carries a ``Layout``: its page, its box, its type size, bold
and colour, how it is aligned between the page's margins, its first-line indent, whether
it is a table's row, and what page furniture it is (a running header, a page number),
found by position and repetition rather than wording.  Rules read the layout where it is
there and the text where it is not.
"""
from __future__ import annotations

from dataclasses import dataclass

LEFT, CENTRED, RIGHT, FULL = "left", "centred", "right", "full"
COLUMN_GAP = "    "     # what every reader prints between a line's columns (a TOC entry and its page)
BLACK = "#000000"
TITLE_SCALE = 1.15      # a title's type against the body's, at least, when it is not centred


@dataclass(frozen=True, slots=True)
class Layout:
    page: int = 0                   # 1-based; the page the line starts on (0: a source without pages)
    last_page: int = 0              # the page it ends on (a paragraph may run over a page break)
    top: float = 0.0                # points from the page's top edge
    left: float = 0.0               # points from the page's left edge
    right: float = 0.0
    size: float = 0.0               # type size in points (0: not known)
    bold: bool = False
    color: str = BLACK              # "#rrggbb" of most of its characters
    align: str | None = LEFT        # LEFT, CENTRED, RIGHT or FULL (margin to margin); None: not stated
    indent: float = 0.0             # first-line indent from the left margin, in characters
    table_row: bool = False         # the cells of one row of a ruled table, tab-separated
    furniture: str | None = None    # a LineKind: what the page prints outside the text (header, number)
    scale: float = 1.0              # its type size against the body text's
    link: str | None = None         # the address of the file it links to (a web page's attachment)
    room: float = 0.0               # characters left before the right margin (a PDF's lines)
    source_line: int = 0            # the line of the web page it starts on (0: not known)
    place: str = ""                 # where it stands in a source without lines or pages (a Word file's 第3段)
    region: str | None = None       # a LineKind: the part of the issue its page is (MASTHEAD: the cover; TOC)

    @property
    def may_be_title(self) -> bool:
        """Set as a title is: centred, or in a type larger than the body's; or set in a way
        the source does not state (a web page's paragraph its style sheet aligns)."""
        return self.align in (CENTRED, None) or self.scale >= TITLE_SCALE

    @property
    def red(self) -> bool:
        """Printed in red: a 文件 header's organ name, a masthead."""
        r, g, b = (int(self.color[i:i + 2], 16) for i in (1, 3, 5))
        return r >= 160 and g < 90 and b < 90
