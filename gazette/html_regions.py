"""Which parts of a web page are the document's, told by the page's structure.

A site wraps each document in its furniture: scripts and styles, a search form, the
navigation and banner above, a sidebar, the footer with its owner and licence below.
``strip_furniture`` removes what the page's markup says is furniture, by element
(``nav``, ``aside``, ``form`` …), ARIA role or class name; but never the element that
holds the text (the one with the most Han characters outside links in its own
paragraphs) nor any element around it, and never a part that prints the document's
metadata or its heading (a class ``article-header`` holds the title).
"""
from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from .docnumber import HAN
from .webheader import FIELD

HAN_CHAR = re.compile(f"[{HAN}]")
DROPPED = frozenset("script style noscript template iframe object embed select option button input textarea "
                    "svg canvas map audio video head".split())
FURNITURE_TAGS = frozenset("nav aside form".split())
OUTER_TAGS = frozenset("header footer".split())   # furniture when they are the page's, not an article's
FURNITURE_ROLES = frozenset("navigation banner contentinfo complementary search menubar menu".split())
FURNITURE_NAME = re.compile(r"(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|copyright|breadcrumbs?|crumbs?|sidebar"
                            r"|share|toolbar|topbar|banner|friendlinks?|location|position|weizhi|dqwz|related|relevant|xgwz|xgwj"
                            r"|prev|pre|next|turn)(?:$|[-_\s\d])",
                            re.IGNORECASE)
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
FILE_LINK = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar|7z|txt|jpe?g|png)(?:$|[?#])", re.IGNORECASE)
ATTACHMENT = re.compile(r"附\s*件")
DOWNLOAD_LABEL = re.compile(r"^(?:相关|附件)?(?:附\s*件|下载|文件下载|附件下载)\s*[:：]?$")
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
MAX_DATA_CELL = 400      # a cell longer than this holds paragraphs: the table lays the page out


def own_address(page, text: str) -> str | None:
    """The page's own address: its canonical link, its ``og:url``, or what the browser that
    saved it wrote at its top."""
    for found in (page.xpath("//link[@rel='canonical']/@href"), page.xpath("//meta[@property='og:url']/@content")):
        if found and found[0].strip().startswith(("http://", "https://")):
            return found[0].strip()
    saved = SAVED_FROM.search(text[:2048])
    return saved[1] if saved and saved[1].startswith(("http://", "https://")) else None


def strip_furniture(page) -> None:
    """Remove from the page what is not the document's (see the module's docstring)."""
    etree.strip_elements(page, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in list(page.iter(*DROPPED)):
        _drop(element)
    for element in list(page.iter()):
        if element.getparent() is not None and _hidden(element):
            _drop(element)
    keep = set(_around(_text_holder(page)))
    for element in list(page.iter()):
        if element not in keep and _is_furniture(element) and not _prints_document(element):
            _drop(element)


def _drop(element) -> None:
    if element.getparent() is not None:
        element.drop_tree()    # its tail, the text after it, stays


def _hidden(element) -> bool:
    return element.get("hidden") is not None or bool(HIDDEN.search(element.get("style") or ""))


def _is_furniture(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in FURNITURE_TAGS or (element.get("role") or "").lower() in FURNITURE_ROLES:
        return True
    if tag in OUTER_TAGS and not any(a.tag in ("article", "main") for a in element.iterancestors()):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(names.strip()) and bool(FURNITURE_NAME.search(names))


def _prints_document(element) -> bool:
    """Holds the document's metadata (two fields or more), its heading or a file to download."""
    if element.find(".//h1") is not None or any(is_file_link(a.get("href") or "") for a in element.iter("a")):
        return True
    return len(FIELD.findall(element.text_content()[:2000])) >= 2


def _text_holder(page):
    """The element whose own paragraphs hold the most Han characters outside links."""
    scores: Counter = Counter()
    for element in page.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        parent = element.getparent()
        if parent is not None and element.tag in ("p", "span", "font", "strong", "b", "br"):
            scores[parent] += len(HAN_CHAR.findall(own))
        else:
            scores[element] += len(HAN_CHAR.findall(own))
    return max(scores, key=scores.get) if scores else page


def _around(element):
    yield element
    yield from element.iterancestors()


def is_file_link(href: str) -> bool:
    return bool(FILE_LINK.search(href))


def is_data_table(table) -> bool:
    """A table of cells, not one that lays the page out: no table inside it, two columns
    or more, no cell that holds paragraphs."""
    if table.find(".//table") is not None:
        return False
    rows = table_rows(table)
    if not rows or max(len(row.findall("td")) + len(row.findall("th")) for row in rows) < 2:
        return False
    return all(len(cell.text_content()) <= MAX_DATA_CELL for row in rows for cell in row.iterchildren("td", "th"))


def table_rows(table) -> list:
    """The table's own rows (under it, its head, body or foot), not a nested table's."""
    return [row for row in table.iter("tr") if _owner(row) is table]


def _owner(row):
    return next(ancestor for ancestor in row.iterancestors("table"))
