"""Render a document's lines as a readable Markdown body.

Lines broken by the PDF are joined into paragraphs, headings come from the official
numbering, at their depth among the schemes the document uses (``headings``),
tab-separated rows become tables (a header row repeated at a page break starts no new
table), attachments become anchored sections and the signature block and 附注 are marked.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import cleanup, metadata, rules, table_repair, tables
from .headings import Outline, is_decimal_document, run_in_scheme, scheme_of, spaced
from .markdown_text import escape, row_markdown, row_parts, table as markdown_table
from .reader import Line
from .text import despace, despace_body, ends_sentence, fold, folded_start
from .wrapping import Wrapping
from .chronicle import render_chronicle
from .kinds import Code

NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+[、.．]|"
                       r"[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:\.\d{1,2})*[.．、\s]|※|附\s*件)")
JOIN_MIN_CHARS = 18
ATTACHMENT_ID = re.compile(r"\n\{#(attachment-[^\s}]+) \.attachment\}$", re.M)


@dataclass
class Roles:
    """What the head and the metadata stages found, by line index in the document."""
    skip: set[int]
    classes: dict[int, str]     # index → CSS class for a marked paragraph
    title_at: int | None = None  # where the printed title stands (its other lines are skipped)
    title_block: str = ""        # the printed title, as the page's h1 or, if the archive's differs, a paragraph


def render(lines: list[Line], roles: Roles, chronicle: bool = False,
           wrapping: Callable[[], Wrapping] | None = None) -> tuple[str, list[tuple[int, str, str]]]:
    """The Markdown body and the notes to report: (line number, code, message).

    Each line with text goes to the first of ``BLOCK_RULES`` that takes it; a run of
    one-cell lines that ``tables.find`` reads as a flattened table is rendered whole."""
    if chronicle:
        return render_chronicle(lines, roles.skip), []
    lines = tables.with_tabs(lines)
    items = [(index, line) for index, line in enumerate(lines)
             if (index not in roles.skip or index == roles.title_at) and not line.blank]
    texts = _plain_texts(items, roles)
    regions = {region.start: region for region in tables.find(texts)}
    own = Wrapping(lines)  # a document's own width first: a file may mix layouts
    body = _Body(roles, own if own.width or wrapping is None else wrapping())
    body.decimal = is_decimal_document(texts)  # _NO_TEXT is no heading: too long
    position = 0
    while position < len(items):
        region = regions.get(position)
        if region:
            body.flush()
            body.blocks.append(_render_region(region, texts, body.notes, items))
            position = region.end
            continue
        index, line = items[position]
        plain = texts[position] != _NO_TEXT
        text = texts[position] if plain else despace_body(line.clean, line.plain)
        position += 1
        for rule in TEXT_RULES if plain else BLOCK_RULES:
            if rule(body, index, line, text):
                break
    body.flush()
    return "\n\n".join(body.blocks) + "\n", body.notes


_NO_TEXT = "\n" * 99  # no line's text: it stands for a break between flattened tables


def _plain_texts(items: list[tuple[int, Line]], roles: Roles) -> list[str]:
    """Each line's text for finding flattened tables; a line with a role, the title, a
    row or an attachment's heading stands for a break (no region runs across it)."""
    return [_NO_TEXT if index in roles.classes or index == roles.title_at or rules.is_row(line)
            or rules.ATTACHMENT_HEADING.match(line.clean) else despace_body(line.clean, line.plain)
            for index, line in items]


class _Body:
    """The blocks written so far, and the paragraph or table being gathered."""

    def __init__(self, roles: Roles, wrapping: Wrapping):
        self.roles, self.wrapping = roles, wrapping
        self.blocks: list[str] = []
        self.notes: list[tuple[int, str, str]] = []
        self.paragraph: list[str] = []
        self.table: list[list[list[str]]] = []   # rows of cells of their parts, as printed
        self.header_key = ""        # the table's first row, folded: printed again after a page break
        self.table_line = 0         # where the table began
        self.paragraph_line = 0     # where the paragraph began
        self.last_line = None       # the paragraph's last line as printed
        self.seen_enclosure = False
        self.outline = Outline()
        self.decimal = False        # the document numbers its sections 1.1: a bare 1总则 is a chapter

    def flush(self) -> None:
        if self.paragraph:
            text, unclear = cleanup.clean("".join(self.paragraph))
            # the spaces a formula's cleanup leaves (、 150mg/m³), not the gaps each line kept
            text = "\u3000".join(map(despace, text.split("\u3000"))) if "\u3000" in text else despace(text)
            if unclear:
                self.notes.extend((self.paragraph_line, Code.UNCLEAR_FRAGMENT, f"left as printed: {f}") for f in unclear)
            self.blocks.append(escape(text))
            self.paragraph = []
        if self.table:
            self.blocks.append(self._table_block(table_repair.repair(self.table)))
            self.table = []

    def _table_block(self, table: table_repair.Repaired) -> str:
        if table.sure:
            return markdown_table([row_markdown(row) for row in table.rows])
        self.notes.append((self.table_line, Code.UNSURE_TABLE,
                           f"a table of {len(table.rows)} rows whose columns could not be told for sure, kept as its text"))
        return "\n\n".join(escape("\u3000".join(despace(" ".join(cell)) for cell in row if cell)) for row in table.rows)


# A block rule takes the line (returns True) or leaves it to the rules below it.
BlockRule = Callable[[_Body, int, Line, str], bool]


def _printed_title(body: _Body, index: int, line: Line, text: str) -> bool:
    """The title as printed, where it stands (the head stage chose its block)."""
    if index != body.roles.title_at:
        return False
    body.flush()
    body.blocks.append(body.roles.title_block)
    return True


def _table_row(body: _Body, index: int, line: Line, text: str) -> bool:
    """A tab-separated row; a header row repeated after a page break is dropped.  Any other
    line ends the table."""
    if not rules.is_row(line):
        return _end_table(body, index, line, text)
    if body.paragraph:
        body.flush()
    cells = row_parts(line.text)
    printed = "".join(map("".join, cells))
    if not body.table:
        body.header_key, body.table_line = fold(printed), line.no
        body.table.append(cells)
    elif folded_start(printed, len(body.header_key) + 1) != body.header_key:   # folded as far as the header
        body.table.append(cells)
    return True


def _end_table(body: _Body, index: int, line: Line, text: str) -> bool:
    """Any line but a row ends the table being gathered; the rules below decide it."""
    if body.table:
        body.flush()
    return False


def _marked_line(body: _Body, index: int, line: Line, text: str) -> bool:
    """A line the metadata stage gave a role: its own paragraph with that class."""
    css = body.roles.classes.get(index)
    if not css:
        return False
    if css == "signature":
        text = metadata.signature_text(line.text) or text
    elif css == "doc-number" and rules.DATE.search(text):
        text = _date_apart(text)
    body.flush()
    blocks = body.blocks
    if css == "addressees" and blocks and blocks[-1].startswith("{.addressees}") and not blocks[-1].endswith(("：", ":")):
        blocks[-1] += escape(text)  # the addressees go on, wrapped onto another line
    else:
        blocks.append(f"{{.{css}}}\n{escape(text)}")
    return True


def _attachment_heading(body: _Body, index: int, line: Line, text: str) -> bool:
    """附件2 (its title perhaps on the same line): an anchored section."""
    attachment = rules.ATTACHMENT_HEADING.match(line.clean)  # spaced: 附件2 清单
    if not attachment:
        return False
    body.flush()
    number = attachment["number"] or str(1 + sum("\n## 附件" in b for b in body.blocks))
    body.blocks.append(f"{{#attachment-{_ascii_number(number)} .attachment}}\n## 附件{number}")
    body.outline.restart(3)   # the attachment's own numbering, under its heading
    if attachment["title"]:  # printed on the heading's line
        body.blocks.append(escape(despace(attachment["title"])))
    return True


def _numbered_heading(body: _Body, index: int, line: Line, text: str) -> bool:
    """A short line opening with the official numbering (一、 （一） 1. 第一章 1.1)."""
    scheme = scheme_of(text, body.decimal) if not body.wrapping.full(line) else None  # a full line goes on below
    if not scheme or (body.paragraph and not _starts_new_paragraph(body.paragraph, text)
                      and not body.outline.continues(scheme, text)):
        return False
    body.flush()
    level = body.outline.level(scheme)
    body.outline.count(scheme, text)
    body.blocks.append(f"{'#' * level} {escape(spaced(text, scheme))}")
    return True


def _enclosure_title(body: _Body, index: int, line: Line, text: str) -> bool:
    """The enclosed plan's title after a 印发 notice's signature, perhaps on two lines."""
    if body.seen_enclosure or not _is_enclosure_title(text, index, body.roles) or not _title_start(body.paragraph):
        return False
    body.seen_enclosure = True
    body.outline.restart(3)   # the enclosed plan's numbering, under its title
    body.blocks.append(f"{{.enclosure-title}}\n## {escape(''.join(body.paragraph) + text)}")
    body.paragraph = []
    return True


def _paragraph_line(body: _Body, index: int, line: Line, text: str) -> bool:
    """Anything else: joined to the paragraph, or starting the next one."""
    # a line with a layout (a PDF's paragraph rejoined, a web page's or a Word file's) is one
    if line.layout is not None or _starts_new_paragraph(body.paragraph, text, bool(body.paragraph)
                                                        and body.wrapping.cut(body.last_line, line)):
        body.flush()
    if not body.paragraph:
        body.paragraph_line = line.no
        scheme = run_in_scheme(text)
        if scheme:
            body.outline.enter(scheme)
    body.paragraph.append(text)
    body.last_line = line
    return True


# The order of precedence, top to bottom: the first rule that takes a line decides it.
BLOCK_RULES: tuple[BlockRule, ...] = (
    _printed_title,
    _table_row,
    _marked_line,
    _attachment_heading,
    _numbered_heading,
    _enclosure_title,
    _paragraph_line,
)
# A line ``_plain_texts`` gave its text (no role, not the title, no row, no attachment's
# heading) is one the rules above _numbered_heading would each pass on, the table's rule
# ending the table first: it goes to these (the same outcome, fewer calls).
TEXT_RULES: tuple[BlockRule, ...] = (_end_table, *BLOCK_RULES[BLOCK_RULES.index(_numbered_heading):])


def _render_region(region: tables.Flattened, texts: list[str], notes: list, items: list) -> str:
    first_line = items[region.start][1].no
    if region.rows:
        return markdown_table([[escape(cell) for cell in row] for row in region.rows])
    lines = [items[k][1].stripped for k in range(region.start, region.end)]
    spaced = sum(1 for text in lines if re.search(r"\S\s+\S", text))
    if spaced * 2 < len(lines):  # a list of "name  post" lines is a list, not a lost table
        notes.append((first_line, Code.FLATTENED_TABLE,
                      f"{region.end - region.start} one-cell lines (a table flattened by the scrape?) kept as a list"))
    return "\n".join(f"- {escape(text)}" for text in texts[region.start:region.end])


def attachment_ids(body: str) -> set[str]:
    """The ids of the attachments' sections ``render`` wrote in ``body``, each at a line's
    start: found after a newline (a pattern opening with ^ is tried at every character)."""
    return set(ATTACHMENT_ID.findall("\n" + body))


def _date_apart(text: str) -> str:
    """A number printed with its date keeps a gap between them: （铁政发〔2024〕6号　2024年3月1日）."""
    spaced = rules.DATE.sub(lambda date: f"\u3000{date[0]}\u3000", text)
    return re.sub(r"^\u3000|\u3000$|(?<=[（(])\u3000|\u3000(?=[）)])", "", spaced)


def _ascii_number(number: str) -> str:
    digits = "一二三四五六七八九十"
    return str(digits.index(number) + 1) if number in digits else number  # the reader made digits ASCII


def _starts_new_paragraph(paragraph: list[str], text: str, wrapped: bool = False) -> bool:
    """Whether ``text`` begins a paragraph after the lines of ``paragraph``; ``wrapped``:
    the line before was cut at the width a PDF conversion wraps at, and ``text`` is not
    indented (a sentence may end just there, its paragraph going on)."""
    if not paragraph:
        return False
    previous = paragraph[-1]
    if ends_sentence(previous) or previous.endswith(("：", ":")):
        return not wrapped or bool(NUMBERING.match(text))
    if len(previous) < JOIN_MIN_CHARS:
        return True
    return bool(NUMBERING.match(text))


def _title_start(paragraph: list[str]) -> bool:
    """Nothing, or a short unfinished line: what may precede a title's last line."""
    return not paragraph or (len(paragraph) == 1 and len(paragraph[0]) <= 30 and not ends_sentence(paragraph[0])
                             and not NUMBERING.match(paragraph[0]))


def _is_enclosure_title(text: str, index: int, roles: Roles) -> bool:
    """The title of a plan enclosed by a 印发 notice, printed after the signature."""
    if len(text) > 60 or ends_sentence(text) or not rules.ends_with_doc_type(text):
        return False
    return any(i < index and css in ("signature", "note") for i, css in roles.classes.items())
