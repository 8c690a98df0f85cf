"""A document's title and issuing organs: the body's heading or the TOC's wording, led by
its issuers; the organs from the head, the title, the signature, the TOC section or a web
page's header, in that order."""
from __future__ import annotations

import re

from . import metadata, rules
from .head import Head
from .reader import Line
from .text import fold
from .webheader import first_field


def choose_title(body_title: str, toc_title: str | None, issuer: str | None) -> str:
    """The full official title: the body heading, or the TOC's wording when the body
    heading is cut off (a web scrape may print only its last line)."""
    if issuer and body_title.startswith("关于"):
        body_title = issuer + body_title
    if not toc_title:
        return body_title
    if not body_title:
        return toc_title
    folded_body, folded_toc = fold(body_title), fold(toc_title)
    cut_off = not rules.ends_with_doc_type(body_title) or (
        folded_body != folded_toc and folded_body in folded_toc)
    return toc_title if cut_off else body_title


def _issuer_from_title(title: str) -> str | None:
    """The organ a title opens with: 盘锦市人民政府办公室关于… / 大连市人民政府办公室转发市财政局关于…"""
    before = re.split("关于|转发|批转", title, maxsplit=1)[0]
    return before if before and rules.is_organ_name(before) else None


def _organs(issuer: str | None, signer: str | None) -> list[str]:
    """The issuing organs: those the signature names apart, when together they spell the
    issuer (a title prints 鞍山市财政局 鞍山市农业农村局关于…, and its spaces are gone by now:
    a PDF leaves spaces inside words too); else the issuer alone."""
    parts = signer.split("、") if signer else []
    if len(parts) > 1 and "".join(parts) == issuer:
        return parts
    return [issuer] if issuer else []


def _with_issuers(title: str, issuers: list[str]) -> str:
    """The title led by its issuers (those of a joint document a space apart, as printed)."""
    if title.startswith("关于"):
        return " ".join(issuers) + title
    joined = "".join(issuers)
    return " ".join(issuers) + title[len(joined):] if len(issuers) > 1 and title.startswith(joined) else title


def title_and_issuers(lines: list[Line], head: Head, found: metadata.Extracted, web: dict[str, str],
                       is_order: bool, body: tuple[int, int]) -> tuple[str, list[str]]:
    """The full title, led by its issuers, and the issuing organs."""
    title = choose_title(head.title_text(lines), head.toc_title or web.get("标题") or web.get("名称"), head.issuer)
    if is_order and title.endswith("令"):  # the order's own heading; name it by what it enacts
        title = head.toc_title or _enclosed_title(lines, found, *body) or title
    issuers = _organs(_issuer(head, title, found, web), found.signer)
    return _with_issuers(title, issuers), issuers


def _issuer(head: Head, title: str, found: metadata.Extracted, web: dict[str, str]) -> str | None:
    """The issuing organ: the head's, the title's, the signature's, the TOC section's or the
    web page's header's, in that order."""
    return (head.issuer or _issuer_from_title(title) or found.signer or _section_issuer(head)
            or first_field(web, "发文机关", "发文机构", "发文单位", "制定机关", "发布部门", "发布机构") or None)


def _enclosed_title(lines: list[Line], found: metadata.Extracted, begin: int, end: int) -> str | None:
    """The title of what an order enacts, printed after its signature."""
    start = max(found.signature_indexes, default=begin) + 1
    for i in range(start, min(end, start + 8)):
        text = lines[i].plain
        if text and rules.is_title_like(text) and rules.ends_with_doc_type(text):
            return text
    return None


def _section_issuer(head: Head) -> str | None:
    section = head.toc_entry.section if head.toc_entry else None
    return section if section and rules.is_organ_name(section) else None
