"""The archive as data: documents grouped by publisher, issue, topic, organ, year and
type, and the cross-references between them.  Plain functions, testable without Pelican."""
from __future__ import annotations

import datetime
import hashlib
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from gazette import docnumber
from gazette.schema import ISSUE_RECORD, read_issue
from gazette.slugs import ascii_slug
from gazette.topics import slug_of

UNKNOWN_DATE = datetime.datetime(1970, 1, 1)
REPEAL_WORDS = re.compile(r"废止|停止执行|不再执行")



@dataclass
class Group:
    slug: str
    name: str
    documents: list = field(default_factory=list)


@dataclass
class Issue:
    publisher_slug: str
    year: str
    slug: str
    record: dict
    documents: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.publisher_slug}/{self.year}/{self.slug}/index.html"

    @property
    def when(self) -> str:
        """For ordering issues: the issue date, or the year when none is printed."""
        return self.record.get("issue_date") or str(self.record.get("year") or self.year)

    @property
    def publisher(self) -> str:
        """The gazette's name; documents filed without a masthead (web pages) stand under
        their issuing organ (a joint document's first)."""
        organs = ((meta(document, "issuers") or [None])[0] for document in self.documents)
        return self.record.get("publisher") or next(filter(None, organs), None) or self.publisher_slug

    @property
    def label(self) -> str:
        if self.record.get("issue_label"):
            return self.record["issue_label"]
        return self.slug if self.record.get("publisher") else "未标公报期次"


@dataclass
class Archive:
    issues: dict = field(default_factory=dict)        # (publisher, year, issue) → Issue
    publishers: dict = field(default_factory=dict)    # slug → Group (documents: issues)
    topics: dict = field(default_factory=dict)
    organs: dict = field(default_factory=dict)
    years: dict = field(default_factory=dict)
    types: dict = field(default_factory=dict)
    by_number: dict = field(default_factory=dict)


def meta(article, key, default=None):
    value = article.metadata.get(key, default)
    return default if value is None else value


def _add(groups: dict, slug: str, name: str, article) -> None:
    groups.setdefault(slug, Group(slug, name)).documents.append(article)


class IssueRecords:
    """Issue records (``issue.yaml``), parsed; with a cache file, a record whose bytes the
    last build parsed is taken from it (parsing a thousand tables of contents took
    seconds of every rebuild)."""

    def __init__(self, cache_file: Path | None = None):
        self.file = cache_file
        self.old: dict[str, dict] = {}
        if cache_file is not None and cache_file.exists():
            try:
                self.old = pickle.loads(cache_file.read_bytes())
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                self.old = {}
        self.new: dict[str, dict] = {}

    def read(self, path: Path) -> dict:
        if not path.exists():
            return {}
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        record = self.old.get(key)
        if record is None:
            record = read_issue(data.decode("utf-8"))
        self.new[key] = record
        return record

    def save(self) -> None:
        """Keep the records this build read (and only those)."""
        if self.file is not None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_bytes(pickle.dumps(self.new, protocol=pickle.HIGHEST_PROTOCOL))


def build_archive(articles: list, content_path: Path, records: IssueRecords | None = None) -> Archive:
    archive = Archive()
    records = records or IssueRecords()
    for article in sorted(articles, key=lambda a: a.source_path):
        _describe(article)
        key = (article.publisher_slug, article.year_folder, article.issue_slug)
        if key not in archive.issues:
            archive.issues[key] = Issue(*key, records.read(content_path / key[0] / key[1] / key[2] / ISSUE_RECORD))
        issue = archive.issues[key]
        issue.documents.append(article)
        article.issue = issue
        _group(archive, article)
    for issue in archive.issues.values():
        order = {slug: n for n, slug in enumerate(issue.record.get("documents", []))}
        issue.documents.sort(key=lambda a: order.get(a.slug, len(order)))
        _add_issue_to_publisher(archive, issue)
    link_documents(archive)
    return archive


def _describe(article) -> None:
    article.signed = None if article.date.replace(tzinfo=None) == UNKNOWN_DATE else article.date.strftime("%Y-%m-%d")
    article.doc_number = meta(article, "doc_number")
    article.original = _original(article)


def _original(article) -> str | None:
    """Where the site keeps the source PDF a document was read from: beside its issue (a
    document of a PDF knows its pages)."""
    source = meta(article, "source")
    if not source or not meta(article, "source_pages"):
        return None
    return f"{article.publisher_slug}/{article.year_folder}/{article.issue_slug}/{ascii_slug(Path(source).stem)}.pdf"


def _group(archive: Archive, article) -> None:
    for topic in meta(article, "topics", []):
        _add(archive.topics, slug_of(topic) or ascii_slug(topic), topic, article)
    for organ in meta(article, "issuers", []):  # a joint document under each of its organs
        _add(archive.organs, ascii_slug(organ), organ, article)
    year = str(meta(article, "year", "") or (article.signed or "")[:4] or "unknown")
    _add(archive.years, year, f"{year}年", article)
    doc_type = meta(article, "doc_type")
    if doc_type:
        _add(archive.types, ascii_slug(doc_type), doc_type, article)
    number = article.doc_number
    if number:
        archive.by_number.setdefault(number, article)


def _add_issue_to_publisher(archive: Archive, issue: Issue) -> None:
    name = issue.publisher
    group = archive.publishers.setdefault(issue.publisher_slug, Group(issue.publisher_slug, name))
    group.documents.append(issue)
    group.documents.sort(key=lambda i: (i.year, i.record.get("issue_number") or 0, i.slug), reverse=True)


def link_documents(archive: Archive) -> None:
    """cites ↔ cited by, repeals ↔ repealed by, and each document's validity."""
    articles = [a for issue in archive.issues.values() for a in issue.documents]
    for article in articles:
        article.cited_by, article.repealed_by = [], []
    for article in articles:
        article.cite_links = [(n, archive.by_number.get(n)) for n in meta(article, "cites", [])]
        article.repeal_links = [(n, archive.by_number.get(n)) for n in meta(article, "repeals", [])]
        for _, target in article.cite_links:
            if target is not None and target is not article:
                target.cited_by.append(article)
        for number, target in article.repeal_links:
            if target is not None and target is not article:
                target.repealed_by.append(article)
    for article in articles:
        article.validity = "已废止" if article.repealed_by else "现行有效"


def anchor_repeal_sentences(article) -> None:
    """Give the paragraph that repeals a document an id the repealed page links to."""
    numbers = {n for n, target in getattr(article, "repeal_links", []) if target is not None}
    if not numbers:
        return

    def add_id(match):
        text = re.sub(r"<[^>]+>", "", match.group(2))
        found = {n.normalised for n in docnumber.find_all(text)} & numbers
        if found and REPEAL_WORDS.search(text):
            return f'<p id="repeal-{_number_anchor(sorted(found)[0])}"{match.group(1)}>{match.group(2)}</p>'
        return match.group(0)

    article._content = re.sub(r"<p((?:\s[^>]*)?)>(.*?)</p>", add_id, article._content, flags=re.S)


def _number_anchor(number: str) -> str:
    return ascii_slug(number)


def repeal_anchor(number: str) -> str:
    return "repeal-" + _number_anchor(number)

