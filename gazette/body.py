"""Render a document's lines as a readable Markdown body.

Lines broken by the PDF are joined into paragraphs, headings come from the official
numbering (一、 → h2, （一） → h3, 1. → h4, （1） → h5; 第一章 → h2, 第一节 → h3),
tab-separated rows become tables (a header row repeated at a page break starts no new
table), attachments become anchored sections and the signature block and 附注 are marked.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import cleanup, metadata, rules, tables
from .markdown_text import cell_parts, escape
from .reader import Line
from .text import clean_line, despace, despace_body, ends_sentence, fold
from .wrapping import Wrapping

HEADING_RULES = (
    (re.compile(r"^第[一二三四五六七八九十百零〇]+章"), 2),
    (re.compile(r"^第[一二三四五六七八九十百零〇]+节"), 3),
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 2),
    (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 3),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}(?!\d)"), 4),
    (re.compile(r"^\d{1,2}\.\d{1,2}(?![.\d])"), 3),
    (re.compile(r"^\d{1,2}\s+(?=[^\d\s])"), 2),
    (re.compile(r"^\d{1,2}[.．、](?!\d)"), 4),
    (re.compile(r"^[（(]\d{1,2}[)）]"), 5),
)
MAX_HEADING_CHARS = 36
NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+[、.．]|"
                       r"[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:\.\d{1,2})*[.．、\s]|※|附\s*件)")
JOIN_MIN_CHARS = 18


@dataclass
class Roles:
    """What the head and the metadata stages found, by line index in the document."""
    skip: set[int]
    classes: dict[int, str]     # index → CSS class for a marked paragraph
    title_at: int | None = None  # where the printed title stands (its other lines are skipped)
    title_block: str = ""        # the printed title, as the page's h1 or, if the archive's differs, a paragraph


def heading_level(text: str) -> int | None:
    """Level of a short numbered line: ``一、总体要求`` → 2.

    >>> heading_level('（二）总体目标'), heading_level('1.1 编制目的'), heading_level('（一）指导思想。以习近平新时代中国特色社会主义思想为指导')
    (3, 3, None)
    """
    if len(text) > MAX_HEADING_CHARS or any(mark in text for mark in "。；;，,："):
        return None
    for pattern, level in HEADING_RULES:
        if pattern.match(text):
            return level
    return None


def render(lines: list[Line], roles: Roles, chronicle: bool = False,
           wrapping: Callable[[], Wrapping] | None = None) -> tuple[str, list[tuple[int, str, str]]]:
    """The Markdown body and the notes to report: (line number, code, message)."""
    if chronicle:
        return render_chronicle(lines, roles), []
    lines = tables.with_tabs(lines)
    items = [(index, line) for index, line in enumerate(lines)
             if (index not in roles.skip or index == roles.title_at) and not line.blank]
    texts = [despace_body(clean_line(line.text))
             if index not in roles.classes and index != roles.title_at and not rules.is_table_row(line.text) else "\n" * 99
             for index, line in items]
    regions = {region.start: region for region in tables.find(texts)}
    blocks: list[str] = []
    notes: list[tuple[int, str, str]] = []
    paragraph: list[str] = []
    table: list[list[str]] = []
    seen_enclosure = False
    own = Wrapping(lines)  # a document's own width first: a file may mix layouts
    wrapping = own if own.width or wrapping is None else wrapping()

    paragraph_line = 0
    last_line = None  # the paragraph's last line as printed

    def flush():
        nonlocal paragraph, table
        if paragraph:
            text, unclear = cleanup.clean("".join(paragraph))
            # the spaces a formula's cleanup leaves (、 150mg/m³), not the gaps each line kept
            text = "\u3000".join(map(despace, text.split("\u3000")))
            notes.extend((paragraph_line, "unclear-fragment", f"left as printed: {f}") for f in unclear)
            blocks.append(escape(text))
            paragraph = []
        if table:
            blocks.append(render_table(table))
            table = []

    position = 0
    while position < len(items):
        index, line = items[position]
        region = regions.get(position)
        if region:
            flush()
            blocks.append(_render_region(region, texts, notes, items))
            position = region.end
            continue
        position += 1
        if index == roles.title_at:
            flush()
            blocks.append(roles.title_block)
            continue
        if rules.is_table_row(line.text):
            if paragraph:
                flush()
            cells = ["<br>".join(escape(cleanup.clean(despace(p))[0]) for p in cell_parts(cell))
                     for cell in line.text.split("\t")]
            if not table or fold("".join(cells)) != fold("".join(table[0])):
                table.append(cells)
            continue
        text = despace_body(clean_line(line.text))
        if table:
            flush()
        css = roles.classes.get(index)
        if css == "signature":
            text = metadata.signature_text(line.text) or text
        elif css == "doc-number" and rules.DATE.search(text):
            text = _date_apart(text)
        if css:
            flush()
            if css == "addressees" and blocks and blocks[-1].startswith("{.addressees}") \
                    and not blocks[-1].endswith(("：", ":")):
                blocks[-1] += escape(text)  # the addressees go on, wrapped onto another line
            else:
                blocks.append(f"{{.{css}}}\n{escape(text)}")
            continue
        attachment = rules.ATTACHMENT_HEADING.match(clean_line(line.text))  # spaced: 附件2 清单
        if attachment:
            flush()
            number = attachment["number"] or str(1 + sum("\n## 附件" in b for b in blocks))
            blocks.append(f"{{#attachment-{_ascii_number(number)} .attachment}}\n## 附件{number}")
            if attachment["title"]:  # printed on the heading's line
                blocks.append(escape(despace(attachment["title"])))
            continue
        level = heading_level(text) if not wrapping.full(line) else None  # a full line goes on below
        if level and (not paragraph or _starts_new_paragraph(paragraph, text)):
            flush()
            blocks.append(f"{'#' * level} {escape(text)}")
            continue
        if not seen_enclosure and _is_enclosure_title(text, index, roles) and _title_start(paragraph):
            seen_enclosure = True  # the enclosed plan's title, perhaps printed on two lines
            blocks.append(f"{{.enclosure-title}}\n## {escape(''.join(paragraph) + text)}")
            paragraph = []
            continue
        if _starts_new_paragraph(paragraph, text, bool(paragraph) and wrapping.cut(last_line, line)):
            flush()
        if not paragraph:
            paragraph_line = line.no
        paragraph.append(text)
        last_line = line
    flush()
    return "\n\n".join(blocks) + "\n", notes


def _render_region(region: tables.Flattened, texts: list[str], notes: list, items: list) -> str:
    first_line = items[region.start][1].no
    if region.rows:
        return render_table([[escape(cell) for cell in row] for row in region.rows])
    lines = [items[k][1].stripped for k in range(region.start, region.end)]
    spaced = sum(1 for text in lines if re.search(r"\S\s+\S", text))
    if spaced * 2 < len(lines):  # a list of "name  post" lines is a list, not a lost table
        notes.append((first_line, "flattened-table",
                      f"{region.end - region.start} one-cell lines (a table flattened by the scrape?) kept as a list"))
    return "\n".join(f"- {escape(text)}" for text in texts[region.start:region.end])


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
    after_signature = any(i < index and css in ("signature", "note") for i, css in roles.classes.items())
    return after_signature and len(text) <= 60 and not ends_sentence(text) and rules.ends_with_doc_type(text)


def render_table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def render_chronicle(lines: list[Line], roles: Roles) -> str:
    """大事记: one list item per day, ※ entries under their day."""
    items: list[list[str]] = []   # [day, text, sub1, sub2 …]
    for index, line in enumerate(lines):
        if index in roles.skip or line.blank:
            continue
        text = despace_body(clean_line(line.text))
        entry = rules.CHRONICLE_ENTRY.match(text)
        sub = rules.CHRONICLE_SUB.match(text)
        if entry:
            items.append([f"{entry['month']}月{entry['day']}日", entry["text"]])
        elif sub and items:
            items[-1].append(sub["text"])
        elif items:
            items[-1][-1] += text
        else:
            items.append(["", text])
    out = []
    for day, text, *subs in items:
        label = f"**{day}** " if day else ""
        out.append(f"- {label}{escape(text)}")
        out += [f"    - {escape(s)}" for s in subs]
    return "\n".join(out) + "\n"
