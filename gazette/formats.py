"""Which reader reads a source, chosen by its content, not its name: a PDF by its
``%PDF-`` signature, a Word file by the document part in its zip archive, a web page by
its markup at the start, anything else as text (``reader``), which names what it cannot
read."""
from __future__ import annotations

import importlib
import re
import zipfile
from pathlib import Path

from .problems import Problem
from .reader import Line, decode, read_source

PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
# a page starts with markup (a doctype, <html>, a comment a browser wrote, an XML
# declaration) and has an <html>, <head> or <body> soon after
MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<[!?a-zA-Z]")
PAGE_ELEMENT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


PDF, WORD, WEB_PAGE, TEXT = "pdf", "docx", "html", "text"
# Each format's reader (module, function), imported when a source in that format is met:
# their libraries (pypdfium2, python-docx, lxml) take a fifth of a second to load, and a
# gazette's sources are mostly of one format.
READERS = {PDF: ("pdf_reader", "read_pdf"), WORD: ("docx_reader", "read_docx"), WEB_PAGE: ("html_reader", "read_html")}


def format_of(path: Path) -> str:
    """``PDF``, ``WORD``, ``WEB_PAGE`` or ``TEXT``, by the file's first bytes."""
    with path.open("rb") as file:
        start = file.read(4096)
    if PDF_SIGNATURE in start[:1024]:
        return PDF
    if start.startswith(ZIP_SIGNATURE) and is_word_file(path):
        return WORD
    return WEB_PAGE if is_web_page(start) else TEXT


def read_any(path: Path, display: str) -> tuple[list[Line], str, list[Problem]]:
    """The source's lines, what it was read as (``pdf``, ``docx``, or the encoding of a web
    page or a text), and the warnings its reader gave."""
    form = format_of(path)
    if form == TEXT:
        lines, encoding = read_source(path)
        return lines, encoding, []
    module, function = READERS[form]
    read = getattr(importlib.import_module(f".{module}", __package__), function)
    if form == WEB_PAGE:
        return read(path, display)
    lines, problems = read(path, display)
    return lines, form, problems


def numbered_lines(path: Path, display: str) -> list[str]:
    """The source's lines as a document's ``source_lines`` number them: a text's as it
    prints them (decoded, nothing normalised), a PDF's, web page's or Word file's as read
    (a paragraph, heading or table row a line)."""
    if format_of(path) == TEXT:
        text, _ = decode(path.read_bytes(), display)
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.text for line in read_any(path, display)[0]]


def is_word_file(path: Path) -> bool:
    """A zip archive holding a Word document's main part."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def is_web_page(start: bytes) -> bool:
    return bool(MARKUP_START.match(start)) and bool(PAGE_ELEMENT.search(start))
