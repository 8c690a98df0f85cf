"""Convert one raw source.  The stages, in the order the data flows:

1. read (``formats.read_any``): the file decoded into numbered ``Line``s, a PDF's with their
   ``Layout`` (``pdf_reader``);
2. mark lines (``mark_lines``): a web page's metadata header, the lines a page break
   prints, each such line a new ``Line`` of its kind;
3. regions and heads (``structure.find_structure``): the TOC (``toc_reading.TOC_LINE_RULES``,
   its lines read once), where the documents begin (``number_heads.NUMBER_HEAD_RULES``, then
   ``title_heads``), the TOC's entries matched to them, the TOC's sections printed again in
   the body (marked, as in 2); the masthead (``masthead.ISSUE_READERS``);
4. documents (``documents.build``): metadata (``titles``, ``metadata``) and the body
   (``body.BLOCK_RULES``), with the running headers and page numbers inside them
   (``_artifacts_in``) left out;
5. accounting (here): every line's ``LineKind``, a problem (``kinds.Code``) for any
   line no stage took;
6. write (``writer``, ``schema``).

``convert_file`` returns a ``Conversion``: the documents, the issue record, the kind of
every input line (the accounting) and the problems found, each with ``path:line``.
Every stage names a line by its index in the file's lines; its number (``Line.no``, from
1) is written only where a person reads it: a problem, a document's ``source_lines``, a TOC
entry's ``line`` in the issue record.
Each rule table is read top to bottom: the first rule that takes a line decides it; a new
layout is a new rule in the table of its stage, and a fixture in ``tests/fixtures``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import artifacts, documents, masthead as mh, rules, webheader
from .failures import reason
from .problems import ConversionError, Problem
from .formats import read_any
from .mark_lines import mark_lines, with_kinds
from .reader import Line
from .slugs import issue_slug, publisher_slug
from .structure import Structure, find_structure
from .wrapping import Wrapping
from .kinds import Code, LineKind


@dataclass
class Conversion:
    source: str
    encoding: str = ""
    documents: list = field(default_factory=list)
    issue: dict = field(default_factory=dict)
    line_kinds: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    folder: str = ""            # <publisher>/<year>/<issue>, relative to the output
    issue_text: str = ""        # the issue record as written, once rendered (by the converting worker)
    slugs: dict = field(default_factory=dict)   # the ASCII names it asked for (gazette.slugs), kept for the next ingest

    def warn(self, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.source, line, code, message))


def convert_file(path: Path, display: str) -> Conversion:
    conversion = Conversion(display)
    try:
        lines, conversion.encoding, conversion.problems = read_any(path, display)
    except ConversionError as error:  # named by the source's name, not the path it was read at
        conversion.problems.append(replace(error.problem, path=display))
        return conversion
    except OSError as error:
        conversion.problems.append(Problem(display, 1, Code.UNREADABLE, reason(error), "error"))
        return conversion
    convert_lines(lines, conversion)
    _name_places(conversion, lines)
    return conversion


def _name_places(conversion: Conversion, lines: list[Line]) -> None:
    """A PDF's or a web page's problems name, besides the line as read (a paragraph a line),
    where a maintainer finds it: the PDF's page, the page's source line."""
    places = {line.no: place for line in lines if line.layout is not None and (place := _place(line.layout))}
    if places:
        conversion.problems = [replace(problem, message=f"{problem.message} ({places[problem.line]})")
                               if problem.line in places and problem.line > 1 and "page" not in problem.message
                               else problem for problem in conversion.problems]


def _place(layout) -> str | None:
    if layout.place:
        return layout.place
    if layout.page:
        return f"PDF page {layout.page}"
    return f"line {layout.source_line} of the web page" if layout.source_line else None


def convert_lines(read: list[Line], conversion: Conversion) -> None:
    marked = mark_lines(read)
    lines, fields = marked.lines, marked.fields
    structure = find_structure(lines)
    lines = with_kinds(lines, dict.fromkeys(structure.section_headings, LineKind.SECTION_HEADING))
    first = structure.heads[0].start if structure.heads else len(lines)
    head = mh.finish(mh.read_masthead(lines, structure.toc_index if structure.toc_first else first, fields))
    if head.issue_label is None and structure.toc_first:
        head = mh.finish(mh.read_masthead(lines, first, fields))
    kinds: dict[int, str] = {}
    _classify_preface(lines, structure, first, kinds)
    _classify_back_toc(lines, structure, kinds)
    if not structure.heads:
        single = _single_document(lines, first, kinds, fields)
        if single is None:
            conversion.problems.append(Problem(conversion.source, 1, Code.NO_DOCUMENT,
                                               "no recognisable document (no document number, TOC or title)",
                                               "error"))
            _count(lines, kinds, conversion)
            return
        structure = replace(structure, heads=[single])
    _check_toc(structure, conversion, lines)
    single_page = structure.toc_index is None and len(structure.heads) == 1
    context = documents.IssueContext(conversion.source, head.publisher, head.issue_label,
                                      head.issue_number, head.year, head.issue_date,
                                      fields if single_page else {}, Wrapping.lazily(lines))
    _build_documents(lines, structure, context, kinds, conversion)
    _check_preface(lines, structure.heads[0].start, kinds, conversion)
    conversion.folder = _folder(head, conversion)
    conversion.issue = _issue_record(head, structure, conversion, lines)
    _count(lines, kinds, conversion)


def _classify_preface(lines: list[Line], structure: Structure, first: int, kinds: dict[int, str]) -> None:
    toc_index = structure.toc_index
    for index in range(first):
        line = lines[index]
        if line.kind == LineKind.WEB_META:
            kinds[index] = LineKind.WEB_META
        elif toc_index is not None and structure.toc_begin <= index < structure.toc_end:
            kinds[index] = _toc_line_kind(index, line, structure)
        elif index == toc_index:
            kinds[index] = LineKind.TOC   # its 目录 line
        else:
            kinds[index] = artifacts.preface_kind(line.text)


def _check_preface(lines: list[Line], first: int, kinds: dict[int, str], conversion: Conversion) -> None:
    """Text before the first document that reads as a document's is named: a document
    whose head was not recognised would be lost there.  A document shows by its
    addressees, or by sentences and a date line (a masthead's blurb has sentences only).
    A PDF's cover page holds no document, whatever it prints (``pdf_page_roles``)."""
    preface = [index for index in range(first) if kinds.get(index) == LineKind.MASTHEAD
               and not (lines[index].layout and lines[index].layout.region == LineKind.MASTHEAD)]
    texts = [index for index in preface if artifacts.reads_as_text(lines[index].text)]
    addressed = any(rules.is_addressee_line(lines[index].text) for index in texts)
    if not texts or not (addressed or any(rules.is_date_line(lines[index].clean) for index in preface)):
        return
    for index in texts:
        kinds[index] = LineKind.PREFACE_TEXT
    conversion.warn(lines[texts[0]].no, Code.TEXT_BEFORE_FIRST_DOCUMENT,
                    f"{len(texts)} lines of text before the first document (a document not recognised?): "
                    f"{lines[texts[0]].clean[:30]}")


def _classify_back_toc(lines: list[Line], structure: Structure, kinds: dict[int, str]) -> None:
    """The lines of a TOC printed after the documents."""
    if structure.body_end is None:
        return
    kinds[structure.toc_index] = LineKind.TOC
    for index in range(structure.toc_index + 1, len(lines)):
        kinds[index] = _toc_line_kind(index, lines[index], structure)


def _toc_line_kind(index: int, line: Line, structure: Structure) -> str:
    """A line of the TOC: an entry's, a section's, or the page furniture printed in it."""
    return LineKind.BLANK if line.blank else structure.toc_kinds.get(index, LineKind.TOC)


def _single_document(lines: list[Line], first: int, kinds: dict[int, str], fields: dict[str, str]):
    """A file holding one document as a web page or law database prints it."""
    from .head import Head, is_document_number_line
    from .number_heads import head_at_number

    begin = next((i for i in range(len(lines)) if kinds.get(i) not in (LineKind.WEB_META, LineKind.WEB_CHROME, LineKind.BLANK)
                  and not lines[i].blank), None)
    if begin is None:
        return None
    for index in range(begin, min(len(lines), begin + 20)):
        if lines[index].kind != LineKind.WEB_META and is_document_number_line(lines[index].plain):
            head = head_at_number(lines, index, begin)
            head.start = begin
            return head
    if rules.ends_with_doc_type(lines[begin].text) and rules.is_title_like(lines[begin].text):
        return Head(begin, None, [begin])
    if fields.get("标题") or fields.get("名称"):
        return Head(begin, None, [])  # the title is in the metadata header only
    return None


def _check_toc(structure: Structure, conversion: Conversion, lines: list[Line]) -> None:
    for entry in structure.toc:
        if not entry.matched:
            conversion.warn(lines[entry.indexes[0]].no, Code.TOC_UNMATCHED, f"TOC entry has no document in the body: {entry.title}")
    if structure.toc:
        for head in structure.heads:
            if head.toc_entry is None:
                conversion.warn(lines[head.start].no, Code.NOT_IN_TOC,
                                f"document missing from the TOC: {head.title_text(lines)[:40]}")
    elif structure.toc_index is None and len(structure.heads) > 1:
        conversion.warn(1, Code.NO_TOC, "the gazette has no TOC (目录); documents found from their heads only")


def _build_documents(lines, structure, context, kinds, conversion) -> None:
    heads = structure.heads
    publisher = context.publisher
    for position, head in enumerate(heads, start=1):
        end = heads[position].start if position < len(heads) else structure.body_end or len(lines)
        found = _artifacts_in(lines, head.start, end, publisher, kinds, last=position == len(heads))
        document = documents.build(lines, head, end, context, found, position)
        for line, code, message in document.notes:
            conversion.warn(line, code, message)
        kind = LineKind.CHRONICLE if head.kind == LineKind.CHRONICLE else LineKind.DOCUMENT
        blank = LineKind.BLANK   # read once, not for each line (an Enum's member is slow to read on 3.11)
        for index in document.indexes:
            kinds[index] = blank if lines[index].blank else kind
        if document.meta["doc_number"] is None and head.kind == LineKind.DOCUMENT:
            conversion.warn(lines[head.start].no, Code.NO_DOC_NUMBER, f"document has no 发文字号: {document.meta['title'][:40]}")
        if document.meta["date"] is None and head.kind == LineKind.DOCUMENT:
            conversion.warn(lines[head.start].no, Code.NO_DATE, f"no 成文日期 found: {document.meta['title'][:40]}")
        _check_title(conversion, lines[head.start].no, document.meta["title"])
        conversion.documents.append(document)
    _dedupe_slugs(conversion)


def _check_title(conversion: Conversion, line: int, title: str) -> None:
    """A document's title is never dropped in silence: none found, or one so long that a
    heading of the body may have run into it, is named."""
    if not title:
        conversion.warn(line, Code.NO_TITLE, "no title found for the document; its page is named by its number")
    elif len(title) > rules.LONG_TITLE_CHARS:
        conversion.warn(line, Code.LONG_TITLE, f"a title of {len(title)} characters (check where it ends): {title[:40]}…")


def _artifacts_in(lines, start, end, publisher, kinds, last) -> set[int]:
    """The lines inside a document that are none of its text, each named by the first of
    ``artifacts.ARTIFACT_RULES`` that takes it; after the last document, a web page's footer and a
    closing slogan too."""
    named = artifacts.artifact_kinds(lines, start, end, publisher)
    kinds.update(sorted(named.items()))
    found = set(named)
    if last:
        for index in webheader.page_footer(lines, start, end):  # 上一篇：…, ICP备…
            kinds[index] = LineKind.WEB_CHROME
            found.add(index)
        for index in artifacts.trailing_slogan(lines, start, end, found):
            if index not in found:
                kinds[index] = LineKind.PAGE_NUMBER if lines[index].stripped.isdigit() else LineKind.SLOGAN
                found.add(index)
    return found


def _dedupe_slugs(conversion: Conversion) -> None:
    seen: Counter = Counter()
    for document in conversion.documents:
        seen[document.slug] += 1
        if seen[document.slug] > 1:
            first_line = document.meta["source_lines"][0]
            conversion.warn(first_line, Code.DUPLICATE_DOC_NUMBER,
                            f"{document.meta['doc_number']} is printed on two documents of this issue")
            document.slug = f"{document.slug}-{seen[document.slug]}"


def _folder(head: mh.Masthead, conversion: Conversion) -> str:
    first = conversion.documents[0].meta if conversion.documents else {}
    publisher = head.publisher or next(iter(first.get("issuers") or []), "unknown")  # a joint one's first organ
    year = head.year or (first.get("date") or "0000")[:4]
    if head.publisher:
        label = issue_slug(head.issue_label, head.issue_number, head.issue_date)
    else:  # a web page is one document: its own folder (else the organ's next page that year would claim it)
        label = f"web-{conversion.documents[0].slug}" if conversion.documents else "web"
    if not head.publisher:
        conversion.warn(1, Code.NO_MASTHEAD, "no gazette masthead; filed under the issuing organ")
    return f"{publisher_slug(publisher)}/{year}/{label}"


def _issue_record(head: mh.Masthead, structure: Structure, conversion: Conversion, lines: list[Line]) -> dict:
    toc = []
    for entry in structure.toc:
        matched = next((d.slug for d in conversion.documents if d.toc_entry in (entry, entry.part_of)), None)
        toc.append({"title": entry.title, "doc_number": entry.doc_number, "page": entry.page,
                    "section": entry.section, "line": lines[entry.indexes[0]].no, "document": matched})
    return {"publisher": head.publisher, "issue_label": head.issue_label, "issue_number": head.issue_number,
            "year": head.year, "issue_date": head.issue_date, "source": conversion.source,
            "toc": toc, "documents": [d.slug for d in conversion.documents]}


def _count(lines: list[Line], kinds: dict[int, str], conversion: Conversion) -> None:
    for index, line in enumerate(lines):
        kind = kinds.get(index)
        if kind is None:
            kind = LineKind.BLANK if line.blank else LineKind.UNACCOUNTED
            if kind == LineKind.UNACCOUNTED:
                conversion.warn(line.no, Code.UNACCOUNTED_LINE, "line belongs to no document, TOC or artifact")
        conversion.line_kinds[kind] += 1
