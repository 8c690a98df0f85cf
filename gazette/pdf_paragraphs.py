"""A PDF's printed lines rejoined into the lines the converter reads: paragraphs and
titles, each with its ``Layout``.

The text block's margins are found from the lines themselves (the commonest left edge,
the commonest right edge of the long lines; odd and even pages apart, as a book's
margins alternate).  A printed line that runs to the right margin goes on in the next
one when that one starts at the left margin in the same type, on the same page or at the
top of the next: a line that stops short ends its paragraph, a first-line indent starts
one.  Centred lines in a type larger than the body's, one under the other, are one title.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import CENTRED, COLUMN_GAP, FULL, LEFT, RIGHT, TITLE_SCALE, Layout
from .pdf_pages import Page, PrintedLine
from .rules import LEADER_PAGE

FULL_SLACK = 0.8        # characters: a line ending this close to the right margin is full
FULL_START = 2.5        # and starting this close to the left one
CENTRE_SLACK = 1.0      # characters of difference between the two sides of a centred line
RIGHT_REACH = 6.0       # a line set right ends within this many characters of the margin
LEADING = 1.0           # the gap between two lines of a paragraph, at most, in type sizes
TITLE_SIZE = 1.15       # a title's type is this much larger than the body's, at least
LATIN_END = re.compile(r"[A-Za-z]$")
LATIN_START = re.compile(r"^[A-Za-z]")
ITEM = re.compile(r"^\s*(\d{1,2})[.．、](?!\d)")   # a list's item number: 3.________领域…, not 2.5%


@dataclass(frozen=True)
class Margins:
    left: float
    right: float


def find_margins(pages: list[Page], furniture: dict[int, str]) -> dict[int, Margins]:
    """Each page's text block, by the parity of its number."""
    by_parity = {parity: _margins(_body_lines([p for p in pages if p.number % 2 == parity], furniture),
                                  [p for p in pages if p.number % 2 == parity]) for parity in (0, 1)}
    every = _margins(_body_lines(pages, furniture), pages)
    return {page.number: by_parity[page.number % 2] or every or Margins(0, page.width) for page in pages}


def _body_lines(pages: list[Page], furniture: dict[int, str]) -> list[PrintedLine]:
    return [line for page in pages for line in page.lines if id(line) not in furniture and not line.table_row]


def _margins(lines: list[PrintedLine], pages: list[Page]) -> Margins | None:
    if not lines or not pages:
        return None
    width = max(page.width for page in pages)
    lefts = Counter(round(line.left) for line in lines)
    long = [round(line.right) for line in lines if line.right - line.left > width / 2]
    if not long:
        return None
    return Margins(lefts.most_common(1)[0][0], Counter(long).most_common(1)[0][0])


def layout_of(line: PrintedLine, margins: Margins, furniture: str | None, body: float,
              region: str | None = None) -> Layout:
    em = line.size or 1.0
    before, after = (line.left - margins.left) / em, (margins.right - line.right) / em
    if line.table_row:
        align = LEFT
    elif after <= FULL_SLACK and before <= FULL_START:
        align = FULL
    elif before >= 1 and abs(before - after) <= CENTRE_SLACK:
        align = CENTRED
    elif after <= RIGHT_REACH and before > after + 4:
        align = RIGHT
    else:
        align = LEFT
    red, green, blue = line.color
    return Layout(line.page, line.page, round(line.top, 1), round(line.left, 1), round(line.right, 1), line.size,
                  line.bold, f"#{red:02x}{green:02x}{blue:02x}", align, round(max(before, 0.0), 1),
                  line.table_row, furniture, round(line.size / body, 2) if body else 1.0, room=round(max(after, 0.0), 1),
                  region=region)


def body_size(pages: list[Page], furniture: dict[int, str]) -> float:
    """The body text's type size: the size most characters are set in."""
    sizes = Counter()
    for page in pages:
        for line in page.lines:
            if id(line) not in furniture and not line.table_row:
                sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def goes_on(previous: tuple[PrintedLine, Layout], line: tuple[PrintedLine, Layout], page_turned: bool) -> bool:
    """``line`` continues the paragraph or title whose last printed line is ``previous``."""
    (above, was), (below, now) = previous, line
    if was.table_row or now.table_row or now.furniture or was.size != now.size or was.color != now.color:
        return False
    close = page_turned or 0 <= below.top - above.bottom <= LEADING * now.size
    if not close:
        return False
    if now.scale >= TITLE_SCALE and was.align in (FULL, CENTRED) and now.align == CENTRED:
        return True     # a title's lines, the first of them perhaps as wide as the page
    return _wrapped(above, was, below) and now.indent <= 0.5 and now.align in (FULL, LEFT) \
        and COLUMN_GAP not in above.text and not LEADER_PAGE.search(above.text)  # a TOC entry ends with its page


def _next_item(above: PrintedLine, below: PrintedLine) -> bool:
    """``below`` opens the item numbered after the one ``above`` opens (2.… then 3.…): the
    list's next item, however little room the line above left it (3.________________ is
    one unbreakable unit, as wide as it is)."""
    numbers = ITEM.match(above.text), ITEM.match(below.text)
    return all(numbers) and int(numbers[1].group(1)) == int(numbers[0].group(1)) + 1


def _wrapped(above: PrintedLine, was: Layout, below: PrintedLine) -> bool:
    """The line above was broken by the margin: it runs to it, or stops short of it by less
    than the next line's first unbreakable unit (a number, a Latin word, a character); not
    where the next line opens the list's next item."""
    if _next_item(above, below):
        return False
    if was.align == FULL:
        return True
    return was.align == LEFT and was.indent <= FULL_START and was.room < _first_unit(below) + FULL_SLACK


def _first_unit(line: PrintedLine) -> float:
    """The width, in characters, of the line's first run of Latin letters, digits and
    their punctuation (the typesetter breaks no line inside one), or of its first character."""
    glyphs, size = line.glyphs, line.size or 1.0
    run = 1
    while run < len(glyphs) and glyphs[run].char.isascii() and glyphs[0].char.isascii() and not glyphs[run].char.isspace():
        run += 1
    return (glyphs[run - 1].right - glyphs[0].left) / size if glyphs else 1.0


def joined(first: str, second: str) -> str:
    """Two printed lines' texts as one: a space only between two Latin words."""
    space = " " if LATIN_END.search(first) and LATIN_START.search(second) else ""
    return first + space + second
