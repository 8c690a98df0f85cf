"""Writes the pages that are not documents: issues, publishers, listings, data, feeds."""
from __future__ import annotations

import csv
import io
import json
import logging
from xml.sax.saxutils import escape
from pathlib import Path

from pelican.generators import Generator

from plugins.forked import cores

from .model import IssueRecords, anchor_repeal_sentences, build_archive, meta
from .numbers import link_numbers, unheld_numbers
from .attachments import link_attachment_notes
from .downloads import write_downloads
from .offline import write_offline_pages
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
        self.archive.unheld = unheld_numbers(articles)
        for article in articles:
            # the contents and tables were made when it was read (``made_once``)
            link_numbers(article, self.archive.by_number, self.archive.unheld)  # first: on the text as made
            anchor_repeal_sentences(article)
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
        # a document a line: readable, and written by json's C encoder (an indented dump is
        # json's Python one: 0.5 s at 10,000 documents against 0.2)
        lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
        (folder / "documents.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")
        buffer = io.StringIO()
        table = csv.DictWriter(buffer, fieldnames=DATA_FIELDS, lineterminator="\n")
        table.writeheader()
        for row in rows:
            table.writerow({k: "；".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
        (folder / "documents.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")

    def _write_downloads(self, writer):
        """Each document's Markdown, its tables as CSV and its source lines, beside its page."""
        write_downloads(Path(self.output_path), list(self.archive.issues.values()), getattr(writer, "reuse", None),
                        Path(self.settings.get("GAZETTE_SOURCES", "sources")),   # where `source` paths start
                        int(self.settings.get("WRITE_WORKERS") or cores()))

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


def _facet_value(facet: str, group) -> str | None:
    """The value the search page's filter takes for a listing's group (a year's is its
    number; documents of unknown year have none to filter by)."""
    if facet == "year":
        return group.slug if group.slug.isdigit() else None
    return group.name
