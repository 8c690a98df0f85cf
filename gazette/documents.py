"""Build one document (front matter + Markdown body) from its lines."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import body, docnumber, metadata, rules, topics, validity
from .body import attachment_ids
from .reader import Line
from .head import Head
from .provenance import provenance
from .titles import title_and_issuers
from .webheader import first_field
from .markdown_text import escape
from .text import despace, fold
from .wrapping import Wrapping
from .kinds import LineKind

@dataclass
class Document:
    meta: dict
    body: str
    slug: str
    indexes: list[int]          # every line this document accounts for, as an index into the file's lines
    toc_entry: object = None    # the TOC entry printed for it, if any
    notes: list = field(default_factory=list)   # (line, code, message) about the body
    text: str = ""              # the Markdown file, once rendered (by the worker that converted it)


@dataclass
class IssueContext:
    source: str
    publisher: str | None
    issue_label: str | None
    issue_number: int | None
    year: int | None
    issue_date: str | None
    fields: dict = field(default_factory=dict)   # a single web page's metadata header
    wrapping: Callable[[], Wrapping] | None = None   # how the file's lines were wrapped (Wrapping.lazily)


def _adopted(lines: list[Line], begin: int, end: int) -> str | None:
    """The date of the 题注 printed around a head: （2021年4月20日…常务会议审议通过）."""
    note = next((line.text for line in lines[begin:end] if rules.is_title_note(line.plain)), None)
    return rules.parse_date(note) if note else None


def build(lines: list[Line], head: Head, end: int, context: IssueContext,
          artifacts: set[int], position: int) -> Document:
    """The document whose head is ``head`` and whose lines run to ``end`` (exclusive)."""
    span = [i for i in range(head.start, end) if i not in artifacts]
    original, lines = lines, _without(lines, artifacts)
    own = [lines[i] for i in span]
    local = {index: k for k, index in enumerate(span)}
    after_head = head.last_index + 1 if head.title_indexes or head.number_index is not None else head.start
    web = context.fields
    number = _doc_number(head, web)
    found = _find_parts(lines, after_head, end) if head.kind == LineKind.DOCUMENT else metadata.Extracted()
    is_order = bool(number and number.year is None and number.prefix.endswith("令"))
    title, issuers = title_and_issuers(lines, head, found, web, is_order, (after_head, end))
    if found.date is None:  # unsigned
        found.date = _unsigned_date(lines, head, min(end, after_head + 6), web)
    # a line break ends no clause (a PDF wraps inside sentences) but no number spans one: each line's plain text
    despaced = "\n".join(line.plain for line in own)
    roles = _roles(lines, head, found, local)
    _place_printed_title(roles, head, lines, local, title)
    rendered, notes = body.render(own, roles, chronicle=head.kind == LineKind.CHRONICLE, wrapping=context.wrapping)
    meta = {
        "kind": str(head.kind),
        "title": title,
        **_number_fields(lines, head, number),
        "issuer": "、".join(issuers) or None,
        "issuers": issuers,
        "addressees": found.addressees,
        "date": found.date,
        "note": found.note,
        "attachments": (attachments := _attachments(lines, found, after_head, end)),
        "attachment_anchors": _attachment_anchors(attachments, rendered),
        "doc_type": _doc_type(head, is_order, title),
        **_references(despaced, number),
        **_term(despaced, title, found.date, head.kind),
        # a keyword that a text's line break cuts (城乡\n建设) counts: the lines joined, as a PDF's paragraphs are
        "topics": topics.classify(title, "".join(line.stripped for line in own)),
        **_issue_fields(context, found),
        **_toc_fields(head.toc_entry),
        "source": context.source,
        "source_lines": [lines[span[0]].no, _last_text_line(lines, span)],
        **provenance(original, head.start, end, span),
    }
    return Document(meta, rendered, _slug(meta, head, position), list(span), head.toc_entry, notes)


def _references(text: str, number: docnumber.DocNumber | None) -> dict:
    """The numbers its despaced ``text`` cites and those it repeals (not its own)."""
    own = number.normalised if number else None
    clauses = metadata.numbered_clauses(text)
    cites, repeals = metadata.cites_and_repeals(text, own, clauses)
    return {"cites": cites, "repeals": repeals, "amends": validity.amended_numbers(text, own, clauses)}


def _term(text: str, title: str, signed: str | None, kind: LineKind) -> dict:
    """From when and until when the document says it applies; a chronicle says nothing."""
    if kind != LineKind.DOCUMENT:
        return {"effective": None, "expires": None, "term_clause": None}
    return validity.term_fields(text, title, signed)


def _attachments(lines: list[Line], found: metadata.Extracted, begin: int, end: int) -> list[str]:
    """The 附件 note's titles, completed by the headings; else the headings'."""
    headings = _attachment_headings(lines, begin, end)
    return metadata.complete_attachments(found.attachments, headings) if found.attachments else headings


def _attachment_anchors(attachments: list[str], rendered: str) -> list[str]:
    """附件N is the N-th of the note's list; its section's id, if the body holds it."""
    held = attachment_ids(rendered)
    return [f"attachment-{n}" if f"attachment-{n}" in held else "" for n in range(1, len(attachments) + 1)]


def _toc_fields(entry) -> dict:
    return {"section": entry.section if entry else None, "toc_page": entry.page if entry else None}


def _doc_number(head: Head, web: dict[str, str]) -> docnumber.DocNumber | None:
    """The number printed in the head; else the TOC entry's, or the web page's header."""
    entry = head.toc_entry
    in_toc = docnumber.parse(entry.doc_number_raw) if entry and entry.doc_number_raw else None
    return head.doc_number or in_toc or docnumber.parse(first_field(web, "发文字号", "文号", "文件编号"))


def _unsigned_date(lines: list[Line], head: Head, near_end: int, web: dict[str, str]) -> str | None:
    """An unsigned document's date: when its 题注 says it was adopted, or the date on its
    number's line, or the web page's header's."""
    return (_adopted(lines, head.start, near_end)
            or (rules.parse_date(lines[head.number_index].text) if head.number_apart else None)
            or rules.parse_date(first_field(web, "成文日期", "成文时间", "发文日期")))


def _number_fields(lines: list[Line], head: Head, number: docnumber.DocNumber | None) -> dict:
    """The number normalised, and as printed (on a line of its own: that line)."""
    raw = lines[head.number_index].clean if head.number_apart else number.raw if number else None
    return {"doc_number": number.normalised if number else None, "doc_number_raw": raw}


def _doc_type(head: Head, is_order: bool, title: str) -> str | None:
    if head.kind == LineKind.CHRONICLE:
        return "大事记"
    return "令" if is_order else rules.doc_type_of(title)


def _issue_fields(context: IssueContext, found: metadata.Extracted) -> dict:
    """The issue's fields (a web page's document without a masthead: its year signed)."""
    return {"publisher": context.publisher, "issue_label": context.issue_label, "issue_number": context.issue_number,
            "year": context.year or (int(found.date[:4]) if found.date else None), "issue_date": context.issue_date}


def _without(lines: list[Line], artifacts: set[int]) -> list[Line]:
    """The lines with artifacts blanked, so that no rule reads a running header."""
    if not artifacts:
        return lines
    view = list(lines)
    for i in artifacts:
        view[i] = Line(lines[i].no, "", LineKind.ARTIFACT)
    return view


def _last_text_line(lines: list[Line], span: list[int]) -> int:
    for i in reversed(span):
        if not lines[i].blank:
            return lines[i].no
    return lines[span[-1]].no


def _find_parts(lines: list[Line], begin: int, end: int) -> metadata.Extracted:
    found = metadata.Extracted()
    found.addressees, found.addressee_indexes = metadata.find_addressees(lines, begin, end)
    found.date, found.signature_indexes, found.signer = metadata.find_signature(lines, begin, end)
    sign_end = max(found.signature_indexes, default=begin)
    found.note, found.note_index = metadata.find_note(lines, sign_end, _past_text_lines(lines, sign_end, end, 3))
    found.attachments, found.attachment_note_indexes = metadata.find_attachment_note(lines, begin, end)
    return found


def _past_text_lines(lines: list[Line], begin: int, end: int, count: int) -> int:
    """The index after the first ``count`` lines with text from ``begin`` (blank lines and
    the blanked page-break lines between them not counted)."""
    i = begin
    while i < end and count:
        count -= not lines[i].blank
        i += 1
    return i


def _attachment_headings(lines: list[Line], begin: int, end: int) -> list[str]:
    """Titles printed under (or beside) the 附件N headings of the document."""
    titles = []
    for i in range(begin, end):
        heading = rules.ATTACHMENT_HEADING.match(lines[i].clean)
        if heading and heading["title"]:
            titles.append(despace(heading["title"]))
        elif heading:
            j = i + 1
            while j < end and lines[j].blank:
                j += 1
            if j < end and rules.is_title_like(lines[j].text):
                titles.append(lines[j].plain)
    return titles


def _roles(lines: list[Line], head: Head, found: metadata.Extracted, local: dict[int, int]) -> body.Roles:
    skip = {local[i] for i in head.title_indexes if i in local}
    classes: dict[int, str] = {}

    def mark(index, css):
        if index is not None and index in local:
            classes[local[index]] = css

    mark(head.number_index, "doc-number")
    for i in range(head.start, min(len(lines), head.last_index + 3)):
        if i <= head.last_index and rules.is_red_header(lines[i].plain):
            mark(i, "red-header")
        elif rules.is_title_note(lines[i].plain):  # （2021年4月20日…审议通过）, under the title
            mark(i, "title-note")
    for i in found.addressee_indexes:
        mark(i, "addressees")
    for i in found.signature_indexes:
        mark(i, "signature")
    mark(found.note_index, "note")
    for i in found.attachment_note_indexes:
        mark(i, "attachment-note")
    return body.Roles(skip, classes)


def _place_printed_title(roles: body.Roles, head: Head, lines: list[Line], local: dict, title: str) -> None:
    """Keep the title as printed in the body: as the page's h1 when it is the archive's
    title, else (cut off, issuer added from the TOC) as a paragraph under it."""
    indexes = [local[i] for i in head.title_indexes if i in local]
    if not indexes:
        return
    printed = head.title_text(lines)
    roles.title_at = min(indexes)
    if fold(printed) == fold(title):
        roles.title_block = f"# {escape(title)}"
    else:
        roles.title_block = f"{{.printed-title}}\n{escape(printed)}"
    if head.doc_number and head.number_index in head.title_indexes:  # printed after the title, on its line
        roles.title_block += f"\n\n{{.doc-number}}\n{escape(despace(head.doc_number.raw))}"


def _slug(meta: dict, head: Head, position: int) -> str:
    from .slugs import doc_slug

    if meta["doc_number"]:
        return doc_slug(meta["doc_number"])
    return f"{'chronicle' if head.kind == 'chronicle' else 'doc'}-{position:02d}"

