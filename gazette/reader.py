"""Read a raw source file into numbered lines.

After ``read_source`` the text is decoded (UTF-8, UTF-8 with BOM or GB18030, detected
and never guessed silently), line endings are normalised, full-width Latin letters and
digits are read as ASCII, Kangxi radicals as the characters they stand for, zero-width
spaces are dropped, HTML entities a scrape left are decoded, and every line keeps its
1-based number in the file.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .layout import Layout
from .text import clean_line, despace, visual_width
from .problems import ConversionError
from .kinds import Code, LineKind


@dataclass(slots=True)
class Line:
    no: int             # 1-based, in the file
    text: str           # as decoded (never changed after reading)
    kind: str = LineKind.UNCLASSIFIED
    layout: Layout | None = None  # where it was printed, where the source says; None for a text dump's
    blank: bool = field(init=False)  # nothing but spaces: asked of every line by every stage
    clean: str = field(init=False)   # its text without conversion markup (#, **) and outer spaces
    plain: str = field(init=False)   # and without the gaps a wrap left inside Chinese text: what rules read
    stripped: str = field(init=False)  # its text without outer spaces (ideographic ones, U+3000, too)
    width: float = field(init=False)   # its printed width in Han characters: how a wrap width is told

    def __post_init__(self):
        # each line cleaned once, here, for every stage that reads it
        self.blank = not self.text or self.text.isspace()
        if self.blank:   # nearly half a text dump's lines
            self.stripped = self.clean = self.plain = ""
            self.width = 0
            return
        self.width = visual_width(self.text.rstrip())
        self.stripped = self.text.strip()
        self.clean = clean_line(self.stripped)
        self.plain = despace(self.clean)


# Files that are not text and that no other reader took (``formats``), told by their first
# bytes: named for what they are, so a maintainer learns why the file gave nothing.
FORMATS = ((b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a zip archive that is not a Word file (.xlsx, .zip?)"),
           (b"\xd0\xcf\x11\xe0", "an old Office file (.doc, .xls)"), (b"{\\rtf", "an RTF file"),
           (b"\x89PNG", "a PNG image (a scan?)"), (b"\xff\xd8\xff", "a JPEG image (a scan?)"),
           (b"II*\x00", "a TIFF image (a scan?)"), (b"MM\x00*", "a TIFF image (a scan?)"))


def _format_not_read(data: bytes, path: str) -> None:
    what = next((name for magic, name in FORMATS if data.startswith(magic)), None)
    if what:
        raise ConversionError(path, 1, Code.FORMAT_NOT_READ,
                              f"{what}: this converter reads PDF, web pages (HTML), Word files (.docx) and text "
                              "(UTF-8, UTF-16, GB18030); save the gazette in one of them to convert it")


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text, with a byte-order mark or without one (told by where its ASCII
    characters' zero bytes fall, and by decoding to text with no control characters)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(codec), codec
            except UnicodeDecodeError:
                return None
    sample = data[:4096]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    zeros_odd, zeros_even = sample[1::2].count(0), sample[0::2].count(0)
    codec = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text[:4096] if c < " " and c not in "\t\n\r\f")
    return (text, codec) if controls == 0 else None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name); raise ConversionError for what is not text."""
    if not data.strip():
        raise ConversionError(path, 1, Code.EMPTY_FILE, "the file is empty")
    _format_not_read(data, path)
    utf16 = _utf16(data)
    if utf16:
        return utf16
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ConversionError(path, line, Code.BINARY_FILE, "the file holds binary data (NUL byte), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise ConversionError(
                path, line, Code.UNKNOWN_ENCODING,
                "the text is neither UTF-8 nor GB18030 (first bad byte at offset "
                f"{utf8_error.start})",
            ) from None
        if han_share(text) < 0.2:
            raise ConversionError(path, 1, Code.UNKNOWN_ENCODING,
                                  "the bytes decode as GB18030 but do not read as Chinese text")
        return text, "gb18030"


def han_share(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    han = sum(1 for c in visible if "\u4e00" <= c <= "\u9fff")
    return han / len(visible)


# Full-width letters and digits (U+FF10–FF5A) are a typesetting variant of ASCII ones:
# read as ASCII (their NFKC form), a date printed ２０２４年５月２０日 or a number
# 盘政发〔２０２４〕４号 is recognised as any other (search folds them alike, by NFKC).
# Kangxi radicals (U+2F00–2FD5) are what some PDFs' text gives for common characters
# (⼈⺠政府 for 人民政府, ⼀、⼯作⽬标): read as the characters (NFKC, and a table for the
# radicals supplement, which NFKC leaves alone).  A web page's zero-width spaces and
# joiners, inside words and numbers (人\u200b民政府), are dropped.  The run is written as
# one character of the class, then more: a pattern opening with a class lets the engine
# skip to the next such character (a whole file is searched), where "[…]+" tries each one.
_FOLDED = "[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2F00-\u2FD5\u2E80-\u2EF3\u200B-\u200D\u2060\uFEFF]"
FOLDED_RUN = re.compile(f"{_FOLDED}{_FOLDED}*")
RADICALS = str.maketrans("⺟⺠⻄⻅⻆⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻩⻬⻰", "母民西见角贝车长门青页风飞食马黄齐龙",
                         "\u200b\u200c\u200d\u2060\ufeff")


def _folded(run: re.Match) -> str:
    return unicodedata.normalize("NFKC", run.group().translate(RADICALS))


# HTML entities a web scrape left undecoded: &nbsp; indents, &ldquo;quotes&rdquo;.
ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{2,6}|#[xX][0-9A-Fa-f]{2,5});")


def normalised(text: str) -> str:
    """Full-width letters and digits, Kangxi radicals and zero-width spaces read as above
    (for the readers of other formats, which give text a line at a time)."""
    return FOLDED_RUN.sub(_folded, text)


def split_lines(text: str) -> list[Line]:
    text = normalised(text)  # few runs: fast
    if "&" in text:
        text = ENTITY.sub(lambda entity: html.unescape(entity.group()), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [Line(no, line) for no, line in enumerate(text.split("\n"), start=1)]


def read_source(path: Path) -> tuple[list[Line], str]:
    text, encoding = decode(path.read_bytes(), str(path))
    return split_lines(text), encoding
