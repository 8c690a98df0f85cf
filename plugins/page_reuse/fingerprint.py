"""What a page is made from, as one digest: if it is the one the previous build kept for
the page, the page is the same (``page_inputs`` for a document's page, ``shown_inputs``
for a page listing documents: an issue's, a listing's, a number's)."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def theme_fingerprint(theme: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in (theme / "templates").rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# What a document page's template is given: the article with everything Pelican and the
# archive model hung on it, less the whole site's context and the settings (taken apart:
# those of plain values) and its text (taken as a digest).
_NOT_PAGE_INPUTS = frozenset({"_context", "settings", "_content"})
_ABSENT = object()


# The build's own folders: new for every build, shown on no page.
_BUILD_FOLDERS = frozenset({"OUTPUT_PATH", "PREVIOUS_OUTPUT", "CACHE_PATH"})


class _Plain:
    """A value as plain data for the fingerprint, whatever it is: a document (one the page
    links to: its issue's, those it cites, those citing it) by its URL, title and metadata;
    an issue by all its fields (its record, its documents); containers item by item.

    A document or an issue is shown by many pages (an issue's every page lists all its
    documents), so each is made plain once a build and stands as the digest of that."""

    def __init__(self):
        self.digests: dict[int, str] = {}
        self.held: list = []   # what the digests were made of, kept alive: an id is never reused

    def __call__(self, value):
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, (list, tuple)):
            return [self(item) for item in value]
        if isinstance(value, dict):
            return sorted((str(key), self(item)) for key, item in value.items())
        if hasattr(value, "metadata") and hasattr(value, "url") or dataclasses.is_dataclass(value):
            return self._digest_of(value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return [type(value).__name__, str(value)]  # Pelican's author, category, tag: their names

    def _digest_of(self, value) -> str:
        digest = self.digests.get(id(value))
        if digest is None:
            if hasattr(value, "metadata"):  # a document: the page shows its link
                read = getattr(value, "read_inputs", None)
                plain = ["document", value.url, str(value.title), read[0] if read else self(value.metadata)]
            else:  # an issue, a group: its fields, its documents as links
                plain = [type(value).__name__, *[(f.name, self(getattr(value, f.name))) for f in dataclasses.fields(value)]]
            digest = self.digests[id(value)] = _digest(_json(plain))
            self.held.append(value)
        return digest


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


def site_inputs(settings: dict, theme: str) -> str:
    """A fingerprint of what every page is given alike: the theme and the settings of
    plain values (the build's own folders aside)."""
    return _digest(_json([theme, sorted((key, value) for key, value in settings.items()
                                        if isinstance(value, (str, int, float, bool)) and key not in _BUILD_FOLDERS)]))


def read_inputs(article) -> tuple[str, frozenset[str]]:
    """What a document is made of when it is read and made (``archive.made_once``): its
    file, as a digest of its path and bytes, and the names of the attributes it then holds
    (``_NOT_PAGE_INPUTS`` aside).  Reading is a function of the file, the settings and the
    code, and Pelican's cache, which keeps this with the document, is this code's and these
    settings' (``plugins.atomic_build``): so the digest stands for every one of those
    attributes, its text as made then too (``tests/test_build.py`` builds a site and checks
    that no build changes them afterwards, its text but as ``page_inputs`` says).  Each
    build's fingerprints take them as this digest and make plain only what the build hung
    on the document since.  Digesting the attributes themselves took 0.2 ms a document
    (2.2 s of a cold build's reading at 10,000), the file's 0.03–0.08."""
    names = frozenset(vars(article)) - _NOT_PAGE_INPUTS | {"read_inputs"}
    names = _NAME_SETS.setdefault(names, names)   # one set of names kept for all documents alike
    try:
        with open(article.source_path, "rb") as file:
            made_of = os.fsencode(article.source_path) + b"\0" + file.read()
    except (OSError, TypeError):   # made without a file (by a plugin, a test): as it stands
        return digest_of_attributes(article, names - {"read_inputs"}), names
    return _digest(made_of), names


_NAME_SETS: dict[frozenset, frozenset] = {}


def digest_of_attributes(article, names) -> str:
    """The attributes of ``names`` as one digest: what ``read_inputs`` stands for, as a
    test takes it when a document is read and again after the build."""
    return _digest(_json(_attributes(article, names, _Plain())))


def _attributes(article, names, plain: _Plain) -> list:
    """The article's attributes of ``names``, plain and sorted.  An attribute that is its
    metadata's value (Pelican sets one for each) counts once, with the metadata: told by
    equality, since a document taken from Pelican's cache has its own copy of each number
    (unpickled apart from the metadata's)."""
    metadata = article.metadata
    return sorted((name, plain(value)) for name, value in vars(article).items()
                  if name in names and metadata.get(name, _ABSENT) != value)


def page_inputs(article, site: str, plain: _Plain | None = None) -> str:
    """A fingerprint of everything ``article.html`` is given for this document: the article's
    every attribute (``_NOT_PAGE_INPUTS`` aside: an attribute the archive model adds counts
    without being listed anywhere; those it held when read, and its text as made then, as
    ``read_inputs``), its issue with its record and documents (the page's neighbours among
    them), and ``site`` (``site_inputs``).  Its text is not digested again: a build changes
    it only by what it links in it, each kept as an attribute (``number_targets``, the
    relations that give ``acting_sentences``); hashing 10,000 texts took 0.8 s of a core
    in every build."""
    plain = plain or _Plain()
    read, read_names = getattr(article, "read_inputs", ("", frozenset()))
    data = {
        "site": site,
        "read": read,
        "article": _attributes(article, frozenset(vars(article)) - _NOT_PAGE_INPUTS - read_names, plain),
        "url": article.url,
    }
    return _digest(_json(data))


# The pages that show documents without being one, by their template: each is made from the
# arguments its writer is given and the settings alone (none reads the site's context).
LISTING_TEMPLATES = frozenset({"issue.html", "listing.html", "listing_index.html", "publisher.html", "number.html"})


class _Unknown(Exception):
    """A document shown whose own page has no fingerprint in this build."""


class _Shown(_Plain):
    """``_Plain``, a document standing as the fingerprint of its own page in this build:
    everything it holds, as this build made it (its state, its links), which is more than
    any list shows of it."""

    def __init__(self, pages: dict[str, list]):
        super().__init__()
        self.pages = pages

    def _digest_of(self, value) -> str:
        if not hasattr(value, "metadata"):
            return super()._digest_of(value)
        entry = self.pages.get(getattr(value, "save_as", None))
        if entry is None:
            raise _Unknown
        return entry[0]


def shown_inputs(template: str, arguments: dict, site: str, pages: dict[str, list]) -> str | None:
    """A fingerprint of a page of ``LISTING_TEMPLATES``: its template, its arguments, each
    document in them by its page's fingerprint (``pages``: this build's manifest, which holds
    every document page once the documents are written), and ``site``; None for another
    template, or where a document shown has no page yet."""
    if template not in LISTING_TEMPLATES:
        return None
    try:
        return _digest(_json([site, template, _Shown(pages)(arguments)]))
    except _Unknown:
        return None
