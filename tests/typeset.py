"""Test material: a gazette issue typeset as its office prints it, from a text sample.

The sample is converted; its issue record and documents are laid out as HTML after
GB/T 9704 (A4, a red masthead, a TOC with page numbers, centred titles in a larger bold
face, the number line centred, body paragraphs with a two-character first-line indent,
signature and date set right, tables ruled), and Chromium prints the HTML to PDF with a
running header and a page number on every page.  Reading that PDF must give the same
documents and front matter as the sample's text.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from gazette.pipeline import Conversion, convert_file

SERIF = "'Noto Serif CJK SC', 'Noto Serif CJK', serif"
SANS = "'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif"
STYLE = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
body {{ font-family: {SERIF}; font-size: 16pt; line-height: 28pt; margin: 0; }}
.cover {{ text-align: center; break-after: page; padding-top: 30mm; }}
.masthead {{ color: #e60012; font-size: 40pt; font-weight: bold; line-height: 60pt; }}
.cover p {{ text-indent: 0; text-align: center; }}
.toc h2 {{ text-align: center; font-size: 22pt; font-family: {SANS}; margin: 0 0 14pt; font-weight: normal; }}
.toc h3 {{ font-family: {SANS}; font-size: 16pt; font-weight: normal; margin: 10pt 0 0; }}
.entry {{ display: flex; align-items: flex-end; font-size: 14pt; line-height: 24pt; }}
.entry .title {{ flex: 1; }}
.entry .page {{ padding-left: 1em; }}
.document {{ break-before: page; }}
.red-header {{ color: #e60012; text-align: center; font-size: 34pt; font-weight: bold; line-height: 48pt;
              border-bottom: 2pt solid #e60012; padding-bottom: 12pt; margin-bottom: 20pt; letter-spacing: 2pt; }}
h1 {{ font-size: 22pt; line-height: 34pt; text-align: center; font-weight: bold; margin: 20pt 2em 14pt; }}
.number {{ text-align: center; text-indent: 0; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.flush, .addressees {{ text-indent: 0; }}
h2, h3 {{ font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; font-family: {SANS}; }}
h2.centred {{ text-align: center; text-indent: 0; font-size: 20pt; line-height: 32pt; margin: 12pt 0; font-family: {SERIF}; font-weight: bold; }}
.attachment {{ text-indent: 0; font-family: {SANS}; margin-top: 16pt; }}
.signature {{ text-align: right; padding-right: 2em; text-indent: 0; }}
.note {{ text-indent: 2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 15pt; margin: 8pt 0; }}
tr {{ break-inside: avoid; }}
td, th {{ border: 0.75pt solid #000; padding: 2pt 4pt; text-indent: 0; vertical-align: middle; }}
"""


def convert(sample: Path) -> Conversion:
    return convert_file(sample, sample.name)


def gazette_html(conversion: Conversion, red_headers: bool = True) -> str:
    """The issue as one HTML page to print: cover, TOC, then each document on a new page."""
    issue = conversion.issue
    parts = [_cover(issue), _toc(issue)]
    parts += [_document(document, red_headers) for document in conversion.documents]
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><style>{STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>")


def running_header(issue: dict) -> str:
    return f"{issue.get('publisher') or ''}　{issue.get('issue_label') or ''}"


def _cover(issue: dict) -> str:
    label = issue.get("issue_label") or ""
    number = f"（总第{issue['issue_number']}期）" if issue.get("issue_number") else ""
    date = issue.get("issue_date") or ""
    year, month = (date.split("-")[:2] + ["", ""])[:2]
    day = int(date.split("-")[2]) if date.count("-") == 2 else 1
    printed = (f"{year}年{int(month)}月" + (f"{day}日出版" if day > 1 else "")) if month else ""
    return (f"<section class='cover'><div class='masthead'>{_e(issue.get('publisher') or '')}</div>"
            f"<p>{_e(label)}{_e(number)}</p><p>{_e(printed)}</p></section>")


def _toc(issue: dict) -> str:
    rows, section = ["<section class='toc'><h2>目　录</h2>"], None
    for entry in issue.get("toc", []):
        if entry.get("section") and entry["section"] != section:
            section = entry["section"]
            rows.append(f"<h3>{_e(section)}</h3>")
        number = f"（{_e(entry['doc_number'])}）" if entry.get("doc_number") else ""
        page = entry.get("page") or ""
        rows.append(f"<div class='entry'><span class='title'>{_e(entry['title'])}{number}"
                    f"</span><span class='page'>{page}</span></div>")
    return "".join(rows) + "</section>"


def _document(document, red_headers: bool) -> str:
    meta = document.meta
    parts = ["<section class='document'>"]
    issuer = meta.get("issuer") or ""
    if red_headers and meta.get("doc_number") and "发" in meta["doc_number"] and issuer:
        parts.append(f"<div class='red-header'>{_e(issuer)}文件</div>")
    if not re.search(r"^# ", document.body, re.MULTILINE):   # a chronicle's title is in its front matter only
        parts.append(f"<h1>{_e(meta['title'])}</h1>")
    parts.append(_blocks(document.body))
    parts.append("</section>")
    return "".join(parts)


ATTRIBUTES = re.compile(r"^\{([^}]*)\}\n")


def _blocks(body: str) -> str:
    """The body's Markdown as the printed page sets it."""
    out = []
    for block in body.strip().split("\n\n"):
        attributes = ATTRIBUTES.match(block)
        classes = attributes.group(1) if attributes else ""
        text = block[attributes.end():] if attributes else block
        out.append(_block(text, classes))
    return "".join(out)


def _block(text: str, classes: str) -> str:
    if "printed-title" in classes:
        return ""   # a fragment of the title that a text dump printed twice: no print has it
    if text.startswith("# "):
        return f"<h1>{_inline(text[2:])}</h1>"
    if text.startswith("|"):
        return _table(text)
    if text.startswith("- "):
        return "".join(f"<p>{_inline(item)}</p>" for item in text[2:].split("\n- "))
    if "attachment" in classes.split() or ".attachment" in classes:
        return f"<p class='attachment'>{_inline(text.lstrip('# '))}</p>"
    if text.startswith("#"):
        heading = text.lstrip("#").strip()
        if "enclosure-title" in classes:
            return f"<h2 class='centred'>{_inline(heading)}</h2>"
        return f"<h2>{_inline(heading)}</h2>"
    css = {".doc-number": "number", ".addressees": "addressees", ".signature": "signature",
           ".note": "note", ".enclosure-title": "number"}
    name = next((value for key, value in css.items() if key in classes), "")
    return f"<p class='{name}'>{_inline(text)}</p>" if name else f"<p>{_inline(text)}</p>"


def _table(text: str) -> str:
    rows = [row for row in text.splitlines() if row.startswith("|") and not re.fullmatch(r"\|[-|: ]+\|?", row)]
    cells = [[cell.strip() for cell in row.strip().strip("|").split(" | ")] for row in rows]
    body = "".join("<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>" for row in cells)
    return f"<table>{body}</table>"


def _inline(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text.replace("\n", ""))
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", _e(text))


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def block_format(element, section: str, formats: dict):
    """The format ``formats`` gives a block of the print layout: by its element and first
    class; the cover's lines and the TOC's heading under ("cover", "p") and ("toc", "h2")."""
    if (section, element.tag) in (("cover", "p"), ("toc", "h2")):
        return formats[(section, element.tag)]
    name = (element.get("class") or "").split()[0] if element.get("class") else ""
    return formats.get((element.tag, name)) or formats[(element.tag, "")]


def print_pdf(browser, page_html: str, pdf: Path, header: str) -> Path:
    """Print ``page_html`` to ``pdf`` in Chromium, a running header and a page number on
    each page."""
    page = browser.new_page()
    try:
        page.set_content(page_html, wait_until="load")
        style = f"font-family:{SERIF};width:100%;text-align:center;"
        page.pdf(path=str(pdf), format="A4", display_header_footer=True, prefer_css_page_size=True,
                 header_template=f"<div style=\"{style}font-size:10pt;\">{_e(header)}</div>",
                 footer_template=f"<div style=\"{style}font-size:12pt;\">— <span class='pageNumber'></span> —</div>")
    finally:
        page.close()
    return pdf


def typeset_pdf(browser, sample: Path, pdf: Path, **options) -> Path:
    conversion = convert(sample)
    return print_pdf(browser, gazette_html(conversion, **options), pdf, running_header(conversion.issue))
