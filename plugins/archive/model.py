"""The archive as data: documents grouped by publisher, issue, topic, organ, year and
type, and the cross-references between them.  Plain functions, testable without Pelican."""
from __future__ import annotations

import datetime
import hashlib
import html
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from gazette import docnumber
from gazette.schema import ISSUE_RECORD, read_issue
from gazette.slugs import ascii_slug
from gazette.topics import slug_of

from .validity import archive_date, validity_of

UNKNOWN_DATE = datetime.datetime(1970, 1, 1)
REPEAL_WORDS = re.compile(r"废止|停止执行|不再执行")
AMEND_WORDS = re.compile(r"修改|修订|修正")
_OPENING = r"<p((?:\s[^>]*)?)>"   # a paragraph's tag (not <pre>), its attributes
_PARAGRAPH = re.compile(_OPENING + r"(.*?)</p>", re.S)
_PARAGRAPH_OPENS = re.compile(_OPENING)
ACTS = {"repeal": ("repeal", REPEAL_WORDS), "amend": ("amend", AMEND_WORDS)}   # link kind → (anchor prefix, words)



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
    def order(self) -> tuple:
        """For listing issues newest first: the issue date, then the serial (总第N期), then
        the first number of the issue's label (2024年第11—12月号 after 第5—6月号)."""
        serial = str(self.record.get("issue_number") or "")
        first = re.match(r"\d+", self.slug)
        return (self.when, int(serial) if serial.isdigit() else 0, int(first.group(0)) if first else 0, self.slug)

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
    unheld: dict = field(default_factory=dict)       # number → numbers.Unheld: cited, not held
    as_of: str | None = None                          # the newest issue's date: validity is told at it


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
    """cites ↔ cited by, repeals ↔ repealed by, amends ↔ amended by, and each document's
    validity at the date of the archive's newest issue."""
    articles = [a for issue in archive.issues.values() for a in issue.documents]
    for article in articles:
        article.cited_by, article.repealed_by, article.amended_by = [], [], []
    for article in articles:
        article.repeal_links = _links(archive, article, "repeals", "repealed_by")
        article.amend_links = _links(archive, article, "amends", "amended_by")
        acted_on = {number for number, _ in article.repeal_links + article.amend_links}
        # a number repealed or amended is listed there, not again as a citation
        article.cite_links = _links(archive, article, "cites", "cited_by", leave_out=acted_on)
    archive.as_of = archive_date([issue.record.get("issue_date") for issue in archive.issues.values()]
                                 + [a.signed for a in articles])
    for article in articles:
        article.validity = validity_of(article.metadata, bool(article.repealed_by), bool(article.amended_by),
                                       archive.as_of)


def _links(archive: Archive, article, key: str, back: str, leave_out=frozenset()) -> list:
    """(number, the document holding it or None) for each number of ``key``; each held one
    learns of it in its ``back`` list."""
    links = [(n, archive.by_number.get(n)) for n in meta(article, key, []) if n not in leave_out]
    for _, target in links:
        if target is not None and target is not article:
            getattr(target, back).append(article)
    return links


def anchor_repeal_sentences(article) -> None:
    """Give the paragraph that repeals (or amends) a document an id the document's page
    links to, and keep its sentence there, quoted as the evidence
    (``article.acting_sentences``: number → sentence).  Only the paragraphs holding a word
    of an act are read: each found from its word (the pattern of a paragraph, tried over
    a whole text, took 0.3 ms a document)."""
    article.acting_sentences = {}
    wanted = [(ACTS[kind], {n for n, target in getattr(article, f"{kind}_links", []) if target is not None})
              for kind in ACTS]
    if not any(numbers for _, numbers in wanted):
        return
    content, pieces, done = article._content, [], 0
    for place in _act_words(content, [words for (_, words), numbers in wanted if numbers]):
        paragraph = _paragraph_around(content, place) if place >= done else None
        if paragraph is not None:
            pieces += (content[done:paragraph.start()], _with_id(article, wanted, paragraph))
            done = paragraph.end()
    if pieces:
        article._content = "".join(pieces) + content[done:]


def _act_words(content: str, patterns: list[re.Pattern]) -> list[int]:
    """Where each word of ``patterns`` (alternatives of plain words) stands in ``content``,
    found by ``str.find`` (a pattern's scan takes a character at a time), in order."""
    places = []
    for pattern in patterns:
        for word in pattern.pattern.split("|"):
            at = content.find(word)
            while at >= 0:
                places.append(at)
                at = content.find(word, at + 1)
    return sorted(places)


def _paragraph_around(content: str, place: int) -> re.Match | None:
    """The paragraph whose text holds ``place``, as ``_PARAGRAPH`` scanning the whole text
    finds it (paragraphs do not nest, and a text's own < is escaped); None outside one."""
    start = content.rfind("<p", 0, place)
    while start >= 0 and not _PARAGRAPH_OPENS.match(content, start):   # <pre>
        start = content.rfind("<p", 0, start)
    paragraph = _PARAGRAPH.match(content, start) if start >= 0 else None
    return paragraph if paragraph and paragraph.start(2) <= place < paragraph.end(2) else None


def _with_id(article, wanted: list, paragraph: re.Match) -> str:
    """The paragraph with the id of the first act it states on a number it names, its
    sentence kept as the evidence; else as it was."""
    text = html.unescape(re.sub(r"<[^>]+>", "", paragraph.group(2)))
    found = {n.normalised for n in docnumber.find_all(text)}
    for (prefix, words), numbers in wanted:
        acted_on = sorted(found & numbers)
        if acted_on and words.search(text):
            for number in acted_on:
                article.acting_sentences.setdefault(number, _sentence_with(text, number))
            return f'<p id="{prefix}-{_number_anchor(acted_on[0])}"{paragraph.group(1)}>{paragraph.group(2)}</p>'
    return paragraph.group(0)


def _sentence_with(text: str, number: str) -> str:
    """The sentence of ``text`` that names ``number`` (in any of its printed forms)."""
    for sentence in re.split(r"(?<=[。；;！？])", text):
        if any(n.normalised == number for n in docnumber.find_all(sentence)):
            return sentence.strip()
    return text.strip()


def _number_anchor(number: str) -> str:
    return ascii_slug(number)


def repeal_anchor(number: str) -> str:
    return "repeal-" + _number_anchor(number)


def amend_anchor(number: str) -> str:
    return "amend-" + _number_anchor(number)

