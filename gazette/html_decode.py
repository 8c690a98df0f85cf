"""A web page's bytes as text, in the encoding the page declares.

Government sites still serve GB2312 and GBK pages, which declare it in a ``<meta>``
(``charset=gb2312``); such pages hold characters outside GB2312 as often as not, so
GB2312 and GBK are read as GB18030, the standard that contains both.  A page that
declares nothing is read as the text reader reads text (UTF-8, else GB18030).
"""
from __future__ import annotations

import codecs
import re

from .kinds import Code
from .problems import ConversionError
from .reader import han_share

DECLARATION = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
             "cp936": "gb18030", "euc-cn": "gb18030", "iso-8859-1": "cp1252", "us-ascii": "utf-8"}
SCAN_BYTES = 4096
TAG = re.compile(r"<[^>]*>|&[#\w]+;")


def page_text(data: bytes, path: str) -> tuple[str, str]:
    """The page's text and the encoding it was read in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decoded(data[3:], "utf-8", path), "utf-8-sig"
    declared = DECLARATION.search(data[:SCAN_BYTES])
    if not declared:
        return _undeclared(data, path)
    name = declared[1].decode("ascii").lower()
    encoding = SUPERSETS.get(name, name)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ConversionError(path, _line_of(data, declared.start()), Code.UNKNOWN_ENCODING,
                              f"the page declares an encoding Python does not know: {name}") from None
    return _decoded(data, encoding, path), encoding


def _undeclared(data: bytes, path: str) -> tuple[str, str]:
    """UTF-8, else GB18030 if its text (the markup left out) reads as Chinese."""
    try:
        return _decoded(data, "utf-8", path), "utf-8"
    except ConversionError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if han_share(TAG.sub("", text)) < 0.2:
        raise ConversionError(path, 1, Code.UNKNOWN_ENCODING, "the page declares no encoding, and is neither "
                              "UTF-8 nor GB18030 text; add <meta charset=…> naming its encoding")
    return XML_DECLARATION.sub("", text), "gb18030"


def _decoded(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ConversionError(path, _line_of(data, error.start), Code.UNKNOWN_ENCODING,
                              f"the page is not in the {encoding} it declares (a bad byte at offset "
                              f"{error.start})") from None
    return XML_DECLARATION.sub("", text)  # lxml takes no declaration in a str


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1
