"""Metadata of one document, named after GB/T 9704 elements.

``extract`` reads the lines of a document (its head already known) and returns the
addressees (主送机关), the signature date (成文日期) and issuer (发文机关署名), the note
(附注), the attachment titles (附件), the cited and repealed document numbers.
"""
from __future__ import annotations

import re
from itertools import islice
from dataclasses import dataclass, field

from . import docnumber, rules
from .reader import Line
from .text import clean_line, despace, ends_sentence, fold, last_mark

REPEAL = re.compile(r"同时废止|予以废止|宣布废止|废止|停止执行|不再执行")
CLAUSE_MARKS = "，,。；;！？"
CLAUSE = re.compile(f"[{CLAUSE_MARKS}]")   # a repeal names its documents in its own clause
BOOK_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")


@dataclass
class Extracted:
    addressees: list[str] = field(default_factory=list)
    addressee_indexes: list[int] = field(default_factory=list)
    date: str | None = None
    signature_indexes: list[int] = field(default_factory=list)
    signer: str | None = None
    note: str | None = None
    note_index: int | None = None
    attachments: list[str] = field(default_factory=list)
    attachment_note_indexes: list[int] = field(default_factory=list)


SIGNATURE_GAP = re.compile(r"\s{2,}|\u3000+")  # 市长　李四: one ideographic space sets a name apart


def find_addressees(lines: list[Line], begin: int, end: int) -> tuple[list[str], list[int]]:
    """主送机关: the first non-blank line after the head, when it ends with a colon (the
    blanked lines of a web page's header between them skipped)."""
    indexes = list(islice((i for i in range(begin, end) if not lines[i].blank), 10))
    count = rules.addressee_span([lines[i].text for i in indexes])
    if not count or "附件" in lines[indexes[0]].text[:4]:
        return [], []
    used = indexes[:count]
    return rules.split_addressees("".join(lines[i].clean for i in used)), used


def find_signature(lines: list[Line], begin: int, end: int) -> tuple[str | None, list[int], str | None]:
    """成文日期 and 发文机关署名: the first date printed on a line of its own (or after the
    signing organ on the same line), with the organ lines just above it."""
    for i in range(begin, end):
        text = lines[i].plain
        if not text:
            continue
        inline = rules.signed_with_date(text)
        if rules.is_date_line(text) or inline:
            indexes, organs = _organs_above(lines, i, begin)
            if not indexes:
                indexes, organs = _signer_above(lines, i, begin)
            if inline:
                organs = [inline]
            return rules.parse_date(text), indexes + [i], "、".join(organs) or None
    return None, [], None


def _organs_above(lines: list[Line], index: int, floor: int) -> tuple[list[int], list[str]]:
    indexes, organs = [], []
    i = index - 1
    while i >= floor and len(indexes) < 4:
        if lines[i].blank:
            i -= 1
            continue
        names = organ_names(lines[i].text)
        if not names:
            break
        indexes.insert(0, i)
        organs[:0] = names
        i -= 1
    return indexes, organs


# An order (政府令) is signed by its head: 市长  李四, 代市长 王五
SIGNING_HEAD = re.compile(r"(?:代理?)?[省市县区州盟旗]长\s*[\u4e00-\u9fff·]{2,6}")


def _signer_above(lines: list[Line], index: int, floor: int) -> tuple[list[int], list[str]]:
    """The head signing an order, on the line above its date (no organ: the order's
    heading names it)."""
    above = next((i for i in range(index - 1, floor - 1, -1) if not lines[i].blank), None)
    return ([above], []) if above is not None and SIGNING_HEAD.fullmatch(lines[above].clean) else ([], [])


def signature_text(text: str) -> str | None:
    """A signature line as the body shows it, where its gaps mean something: a joint
    document's organs apart (鞍山市财政局　　鞍山市农业农村局), an order's signing head
    apart from the name (市长　李四)."""
    organs = organ_names(text)
    if len(organs) > 1:
        return "\u3000\u3000".join(organs)
    if SIGNING_HEAD.fullmatch(clean_line(text)):
        return "\u3000".join(_apart(text))
    return None


def _apart(text: str) -> list[str]:
    """A line's parts between wide gaps."""
    return [despace(part) for part in SIGNATURE_GAP.split(clean_line(text)) if part.strip()]


def organ_names(text: str) -> list[str]:
    """The organs a signature line names: one, or several set apart by wide gaps
    (``鞍山市财政局        鞍山市农业农村局``, a joint document)."""
    parts = _apart(text)
    if len(parts) > 1 and all(rules.is_organ_name(part) for part in parts):
        return parts
    text = despace(clean_line(text))
    return [text] if rules.is_organ_name(text) else []


def find_note(lines: list[Line], begin: int, end: int) -> tuple[str | None, int | None]:
    for i in range(begin, end):
        if rules.is_note(lines[i].clean):
            return lines[i].plain.replace("(", "（").replace(")", "）"), i
    return None, None


def find_attachment_note(lines: list[Line], begin: int, end: int) -> tuple[list[str], list[int]]:
    """附件说明: ``附件：1.调整政务服务事项清单`` and the numbered items below it."""
    for i in range(begin, end):
        match = rules.ATTACHMENT_NOTE.match(lines[i].plain)
        if not match:
            continue
        items: list[str] = []
        used = [i]
        _add_item(items, match["rest"])
        j = i + 1
        while j < end:
            if lines[j].blank:
                j += 1
                continue
            text = lines[j].plain
            if _ends_attachment_note(text):
                break
            numbered = rules.NUMBERED_ITEM.match(text)
            if items and items[-1] and fold(text).startswith(fold(items[-1])):
                items[-1] = text  # the attachment's own heading completes a cut-off note
                break
            if numbered:
                _add_item(items, text)
            elif items and not items[-1].endswith(("清单", "表", "》", "办法", "方案", "名单", "目录", "图")):
                items[-1] += text
            else:
                break
            used.append(j)
            j += 1
        return [item for item in items if item], used
    return [], []


# a web page lists its attachments as the files to download: 附件：1.清单.docx
FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar)$", re.IGNORECASE)


def _add_item(items: list[str], rest: str) -> None:
    numbered = rules.NUMBERED_ITEM.match(rest)
    items.append(FILE_SUFFIX.sub("", numbered["text"] if numbered else rest))


def _ends_attachment_note(text: str) -> bool:
    return (len(text) > 60 or rules.is_date_line(text) or rules.is_organ_name(text) or rules.is_note(text)
            or bool(rules.ATTACHMENT_HEADING.match(text)) or ends_sentence(text))


def complete_attachments(items: list[str], headings: list[str]) -> list[str]:
    """Complete an attachment title cut off in the note from the heading of the
    attachment itself (the PDF may print the note's second line elsewhere)."""
    completed = []
    for position, item in enumerate(items):
        folded = fold(item)
        better = [h for h in headings if fold(h).startswith(folded) and len(fold(h)) > len(folded)]
        if better and folded and _cut_off(item):
            completed.append(better[0])
        elif not folded and position < len(headings):
            completed.append(headings[position])
        else:
            completed.append(item)
    return completed


def _cut_off(item: str) -> bool:
    """A title the line break cut: its brackets are left open."""
    return item.count("《") > item.count("》") or item.count("(") + item.count("（") > item.count(")") + item.count("）")


def cites_and_repeals(text: str, own: str | None, clauses: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Document numbers mentioned in ``text`` (not the document's own), and those in a
    sentence that declares them repealed; ``clauses``: its ``numbered_clauses``, if known."""
    cites: list[str] = []
    for number in docnumber.find_all(text):
        if number.normalised != own and number.normalised not in cites:
            cites.append(number.normalised)
    repeals: list[str] = []
    for clause in numbered_clauses(text) if clauses is None else clauses:   # a clause with no number repeals none
        # 废止 inside a cited title (《国务院关于废止…的决定》) repeals nothing itself
        if not REPEAL.search(BOOK_TITLE.sub("", clause)) or "废止日期" in clause:
            continue
        for number in docnumber.find_all(clause):
            if number.normalised != own and number.normalised not in repeals:
                repeals.append(number.normalised)
    return cites, repeals


def numbered_clauses(text: str) -> list[str]:
    """The clauses of ``text`` (cut at ``CLAUSE``) that may hold a document number: those
    around an anchor of one (``docnumber.anchor_places``; no anchor spans a clause mark).
    The same as ``filter(docnumber.may_hold, CLAUSE.split(text))``, found from the anchors
    rather than by trying every clause.

    >>> numbered_clauses("同时废止《办法》（铁政发〔2019〕3号），其他不变；令第5号。")
    ['同时废止《办法》（铁政发〔2019〕3号）', '令第5号']
    """
    clauses: list[str] = []
    end = -1
    for place in docnumber.anchor_places(text):
        if place < end:
            continue   # in the clause just taken
        start = last_mark(text, CLAUSE_MARKS, place) + 1
        mark = CLAUSE.search(text, place)
        end = mark.start() if mark else len(text)
        clauses.append(text[start:end])
    return clauses
