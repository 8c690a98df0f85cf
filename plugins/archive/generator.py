"""Writes the pages that are not documents: issues, publishers, listings, data, feeds."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from xml.sax.saxutils import escape
from pathlib import Path

from pelican.generators import Generator

from gazette.formats import numbered_lines
from gazette.problems import ConversionError
from plugins.forked import cores, run_forked
from plugins.links import link_or_copy

from .model import IssueRecords, anchor_repeal_sentences, build_archive, meta
from .numbers import link_numbers, unheld_numbers
from .attachments import link_attachment_notes
from .outline import add_outline
from .offline import write_offline_pages
from .tables import add_tables, csv_text
from .validity import UNKNOWN
from .qa import build_qa, qa_csv, read_report

log = logging.getLogger(__name__)

LISTINGS = (  # (archive attribute, folder, heading, the search page's filter for it)
    ("topics", "topics", "主题分类", "topics"),
    ("organs", "organs", "发文机关", "issuer"),
    ("years", "years", "年份", "year"),
    ("types", "types", "公文种类", "doc_type"),
)
DATA_FIELDS = ("url", "kind", "title", "doc_number", "issuer", "issuers", "date", "doc_type", "topics", "publisher",
               "issue_label", "issue_number", "toc_page", "attachments", "attachment_links", "cites", "repeals", "amends", "effective", "expires", "term_clause", "validity", "validity_date",
               "source", "source_lines")


class ArchiveGenerator(Generator):
    def generate_context(self):
        articles = self.context.get("articles", [])
        # parsed issue records are kept where Pelican keeps its content cache
        cache = Path(self.settings["CACHE_PATH"]) / "issue-records.pickle" if self.settings.get("CACHE_CONTENT") else None
        records = IssueRecords(cache)
        self.archive = build_archive(articles, Path(self.settings["PATH"]), records)
        records.save()
        for article in articles:
            anchor_repeal_sentences(article)
        self.archive.unheld = unheld_numbers(articles)
        for article in articles:
            link_numbers(article, self.archive.by_number, self.archive.unheld)
            add_outline(article)
            add_tables(article)
            link_attachment_notes(article)
        self.context["archive"] = self.archive
        self.context["LISTINGS"] = LISTINGS

    def generate_output(self, writer):
        archive = self.archive
        for issue in archive.issues.values():
            writer.write_file(issue.url, self.get_template("issue"), self.context, relative_urls=True,
                              issue=issue, page_title=issue.label)
        for group in archive.publishers.values():
            writer.write_file(f"{group.slug}/index.html", self.get_template("publisher"), self.context,
                              relative_urls=True, publisher=group, page_title=group.name)
        for attribute, folder, heading, facet in LISTINGS:
            groups = sorted(getattr(archive, attribute).values(), key=lambda g: g.slug)
            writer.write_file(f"{folder}/index.html", self.get_template("listing_index"), self.context,
                              relative_urls=True, groups=groups, folder=folder, page_title=heading)
            for group in groups:
                documents = sorted(group.documents, key=lambda a: (a.signed or "", a.source_path), reverse=True)
                writer.write_file(f"{folder}/{group.slug}.html", self.get_template("listing"), self.context,
                                  relative_urls=True, group=group, documents=documents, heading=heading, folder=folder,
                                  page_title=f"{heading}：{group.name}", facet=facet, facet_value=_facet_value(facet, group))
        for unheld in archive.unheld.values():
            writer.write_file(unheld.url, self.get_template("number"), self.context, relative_urls=True,
                              unheld=unheld, page_title=unheld.number)
        self._write_feeds(writer)
        self._write_data()
        self._write_archive_date()
        self._write_downloads(writer)
        self._write_qa(writer)
        write_offline_pages(self, writer)
        self._write_sitemap()
        log.info("archive: %d issues, %d documents", len(archive.issues),
                 sum(len(i.documents) for i in archive.issues.values()))

    def _write_feeds(self, writer):
        """A feed per gazette, topic, issuing organ and document type: only in a build with
        the site's address (FEED_DOMAIN), since a feed reader needs absolute links and
        stable entry ids; a build for reading from disk has none."""
        if not self.settings.get("FEED_DOMAIN"):
            return
        groups = [(f"topic-{slug}", group.name, group.documents) for slug, group in self.archive.topics.items()]
        groups += [(f"organ-{slug}", group.name, group.documents) for slug, group in self.archive.organs.items()]
        groups += [(f"type-{slug}", group.name, group.documents) for slug, group in self.archive.types.items()]
        groups += [(slug, group.name, [a for issue in group.documents for a in issue.documents])
                   for slug, group in self.archive.publishers.items()]
        for name, title, documents in groups:
            documents = sorted(documents, key=lambda a: (a.date, a.source_path), reverse=True)
            writer.write_feed(documents, self.context, f"feeds/{name}.atom.xml",
                              feed_title=f"{self.settings['SITENAME']}：{title}")

    def _write_data(self):
        rows = [self._row(a, self.archive.as_of) for issue in self.archive.issues.values() for a in issue.documents]
        folder = Path(self.output_path) / "data"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "documents.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        buffer = io.StringIO()
        table = csv.DictWriter(buffer, fieldnames=DATA_FIELDS, lineterminator="\n")
        table.writeheader()
        for row in rows:
            table.writerow({k: "；".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
        (folder / "documents.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")

    def _write_downloads(self, writer):
        """Each document's Markdown, its tables as CSV and the raw source lines it came from,
        beside its page; the issues shared among forked workers (``WRITE_WORKERS``).  An
        excerpt or table the last build wrote the same is linked from its site by the
        page-reusing writer, if there is one."""
        reuse = getattr(writer, "reuse", None)
        issues = list(self.archive.issues.values())
        workers = int(self.settings.get("WRITE_WORKERS") or cores())
        _DOWNLOADS[:] = [self, issues, reuse]   # before forking: the workers inherit it
        try:
            for learnt, linked in run_forked(_downloads_share, [range(first, len(issues), workers)
                                                                for first in range(workers)], workers):
                if reuse:
                    reuse.add(learnt, linked)
        finally:
            _DOWNLOADS.clear()

    def _write_issue_downloads(self, issue, reuse, sources: SourceLines) -> None:
        root = sources.root
        for article in issue.documents:
            target = Path(self.output_path) / article.save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(Path(article.source_path), target.with_suffix(".md"))
            self._write_tables(article, reuse)
            source = meta(article, "source")
            if article.original:
                self._keep_original(root / source, Path(self.output_path) / article.original)
            first, last = meta(article, "source_lines", [1, 0])
            name = Path(article.save_as).with_suffix(".source.txt").as_posix()
            key = f"{source}:{sources.digest(source)}:{first}:{last}"
            if reuse and reuse.copy(name, key):
                continue
            (Path(self.output_path) / name).write_text(sources.excerpt(source, first, last), encoding="utf-8")
            if reuse:
                reuse.remember(name, key)

    def _write_tables(self, article, reuse) -> None:
        """Each table of the document as CSV; one whose table is unchanged is linked from
        the previous site by the page-reusing writer, if there is one."""
        folder = Path(article.save_as).parent
        for _, name, table_html in article.tables:
            path, key = (folder / name).as_posix(), hashlib.sha256(table_html.encode("utf-8")).hexdigest()
            if reuse and reuse.copy(path, key):
                continue
            (Path(self.output_path) / path).write_text(csv_text(table_html), encoding="utf-8-sig")
            if reuse:
                reuse.remember(path, key)

    @staticmethod
    def _keep_original(source: Path, target: Path) -> None:
        """The source PDF beside its issue, once for all its documents."""
        if target.exists() or not source.is_file():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)

    def _write_qa(self, writer):
        qa = build_qa(read_report(Path(self.settings["PATH"])), self.archive)
        writer.write_file("qa.html", self.get_template("qa"), self.context, relative_urls=True, qa=qa,
                          page_title="转换质量报告")
        folder = Path(self.output_path) / "data"
        (folder / "qa.json").write_text(json.dumps(qa, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
        (folder / "qa.csv").write_text(qa_csv(qa), encoding="utf-8-sig")

    def _write_sitemap(self):
        """sitemap.xml with a lastmod only where the archive knows one (a document's date),
        so the same sources give the same file (no build time in it)."""
        base = self.settings.get("SITEURL", "").rstrip("/")
        entries = [("index.html", None)]
        entries += [(a.url, a.signed) for issue in self.archive.issues.values() for a in issue.documents]
        entries += [(issue.url, None) for issue in self.archive.issues.values()]
        entries += [(f"{slug}/index.html", None) for slug in self.archive.publishers]
        for attribute, folder, *_ in LISTINGS:
            entries += [(f"{folder}/index.html", None)]
            entries += [(f"{folder}/{slug}.html", None) for slug in getattr(self.archive, attribute)]
        entries += [(unheld.url, None) for unheld in self.archive.unheld.values()]
        lines = ['<?xml version="1.0" encoding="utf-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url, modified in sorted(entries):
            lastmod = f"<lastmod>{modified}</lastmod>" if modified else ""
            lines.append(f"<url><loc>{escape(base + '/' + url if base else url)}</loc>{lastmod}</url>")
        lines.append("</urlset>")
        (Path(self.output_path) / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _write_archive_date(self):
        """``archive.js``: the date of the newest issue, which pages that say how far the
        archive has looked show (one file: the pages stay as they were when it changes)."""
        date = json.dumps(self.archive.as_of or "不详", ensure_ascii=False)
        (Path(self.output_path) / "archive.js").write_text(
            f'document.querySelectorAll("[data-archive-date]").forEach(e => {{ e.textContent = "：" + {date}; }});\n',
            encoding="utf-8")

    @staticmethod
    def _row(article, as_of) -> dict:
        row = {key: meta(article, key) for key in DATA_FIELDS}
        validity = article.validity
        row.update(url=article.url, date=article.signed, validity=validity.state if validity else None,
                   validity_date=validity.date if validity else None,
                   attachment_links=[f"{article.url}#{anchor}" if anchor else "" for anchor in _anchors(article)])
        if validity and validity.state == UNKNOWN:
            row["validity_date"] = as_of   # as far as the archive has looked
        return row


def _anchors(article) -> list[str]:
    """Each attachment's section id ('' where the body holds none)."""
    attachments = meta(article, "attachments") or []
    anchors = meta(article, "attachment_anchors") or []
    return [anchors[k] if k < len(anchors) else "" for k in range(len(attachments))]


_DOWNLOADS: list = []   # the generator, its issues and the page reuse, for the forked workers


def _downloads_share(share: range) -> tuple[dict, int]:
    """Write the downloads of the issues of ``share``; what the page reuse learnt of them."""
    generator, issues, reuse = _DOWNLOADS
    sources = SourceLines(Path(generator.settings.get("GAZETTE_SOURCES", "sources")))  # where `source` paths start

    def write():
        for position in share:
            generator._write_issue_downloads(issues[position], reuse, sources)

    if not reuse:
        write()
        return {}, 0
    return reuse.learnt_by(write)


class SourceLines:
    """The source files documents name, each read only if needed; the lines of the last
    one read are kept (an issue's documents come one after another from the same file;
    keeping every file's lines held the whole sources folder in memory: 200 MB at
    10,000 documents)."""

    def __init__(self, root: Path):
        self.root = root
        self.lines: tuple[str, list[str]] = ("", [])
        self.digests: dict[str, str] = {}

    def _path(self, source: str) -> Path | None:
        path = self.root / source
        if path.is_file():
            return path
        log.warning("%s: a document's source is not in the sources folder (GAZETTE_SOURCES); its source "
                    "lines are left empty", path)
        return None

    def _bytes(self, source: str) -> bytes:
        path = self._path(source)
        return path.read_bytes() if path else b""

    def _read(self, source: str) -> list[str]:
        path = self._path(source)
        if path is None:
            return []
        try:
            return numbered_lines(path, source)
        except ConversionError as error:
            log.warning("%s: its source lines are left empty", error.problem)
            return []

    def digest(self, source: str) -> str:
        if source not in self.digests:
            self.digests[source] = hashlib.sha256(self._bytes(source)).hexdigest()
        return self.digests[source]

    def excerpt(self, source: str, first: int, last: int) -> str:
        """Lines ``first``–``last`` of ``source`` as the converter numbered them (a text's in
        its own encoding, a PDF's or web page's as read), numbered, under a header naming them."""
        if self.lines[0] != source:
            self.lines = (source, self._read(source))
        lines = self.lines[1]
        numbered = "\n".join(f"{n:>6}  {lines[n - 1]}" for n in range(first, min(last, len(lines)) + 1))
        return f"# {source}, lines {first}-{last}\n{numbered}\n"


def _facet_value(facet: str, group) -> str | None:
    """The value the search page's filter takes for a listing's group (a year's is its
    number; documents of unknown year have none to filter by)."""
    if facet == "year":
        return group.slug if group.slug.isdigit() else None
    return group.name
