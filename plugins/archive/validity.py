"""A document's state of force as the archive can support it, with its evidence.

What a document says of itself (``effective``, ``expires``, ``term_clause``: the
converter's, ``gazette/validity.py``) meets what other documents of the archive say of it
(they repeal or amend its number), at the date of the archive's newest issue — never the
day of the build, so the same sources give the same site.  That date is written once for
the whole site (``archive.js``), not into every page, so a new issue does not change the
page of every document it leaves alone.  Where nothing is known the
archive says so, and how far it has looked; it never claims a document is in force.

Plain dicts in, so the site model and the search index (which reads the content files in
a process of its own) compute the same state.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

REPEALED, EXPIRED, AMENDED, IN_TERM, UNKNOWN = "已废止", "已失效", "已修改", "有效期内", "未见废止或失效"
STATES = (REPEALED, EXPIRED, AMENDED, IN_TERM, UNKNOWN)   # the search page's filter, in this order
# kinds of text without legal force: a validity means nothing for them
WITHOUT_FORCE = frozenset({"大事记", "公报", "报告", "讲话", "纪要"})


@dataclass(frozen=True)
class Validity:
    state: str                  # one of STATES
    date: str | None = None     # the day its term ended or ends
    clause: str | None = None   # the document's own words for its term, quoted
    from_title: bool = False    # the term is the years its title plans for

    @property
    def summary(self) -> str:
        """One line: 已失效（2022-12-31）, 有效期至2025-03-23, 未见废止或失效."""
        if self.state == IN_TERM:
            return f"有效期至{self.date}"
        return f"{self.state}（{self.date}）" if self.date else self.state


def has_force(meta: dict) -> bool:
    return meta.get("kind", "document") == "document" and meta.get("doc_type") not in WITHOUT_FORCE


def archive_date(dates: Iterable[str | None]) -> str | None:
    """The date the archive is read at: its newest issue's (the latest of ``dates``)."""
    return max((str(d) for d in dates if d), default=None)


def validity_of(meta: dict, repealed: bool, amended: bool, as_of: str | None) -> Validity | None:
    """The state of a document whose front matter is ``meta``; ``repealed``/``amended``:
    whether a document of the archive repeals/amends its number.  None: no legal force.

    >>> validity_of({"expires": "2022-12-31", "term_clause": "…（2020—2022年）"}, False, False, "2024-02-01").summary
    '已失效（2022-12-31）'
    >>> validity_of({"expires": "2025-03-23"}, False, True, "2024-02-01").state
    '已修改'
    >>> validity_of({}, False, False, "2024-02-01")
    Validity(state='未见废止或失效', date=None, clause=None, from_title=False)
    >>> validity_of({"kind": "chronicle"}, False, False, "2024-02-01") is None
    True
    """
    if not has_force(meta):
        return None
    expires, clause = _str(meta.get("expires")), meta.get("term_clause")
    from_title = bool(clause) and clause == meta.get("title")
    if repealed:
        return Validity(REPEALED)
    if expires and as_of and expires < as_of:
        return Validity(EXPIRED, expires, clause, from_title)
    if amended:
        return Validity(AMENDED, expires, clause, from_title)
    if expires:
        return Validity(IN_TERM, expires, clause, from_title)
    # the archive's date is not the document's: a page that shows it would change with
    # every new issue (the site names it once, in archive.js)
    return Validity(UNKNOWN)


def _str(value) -> str | None:
    return str(value) if value else None


def numbers_acted_on(metas: Iterable[dict]) -> tuple[set[str], set[str]]:
    """The document numbers some document repeals, and those some document amends (a
    document's own number is never among them: the converter leaves it out)."""
    repealed: set[str] = set()
    amended: set[str] = set()
    for meta in metas:
        repealed.update(meta.get("repeals") or ())
        amended.update(meta.get("amends") or ())
    return repealed, amended
