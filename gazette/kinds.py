"""The vocabulary every stage shares, defined once: what a line of a source is (``LineKind``)
and what a problem is about (``Code``).  Both are ``StrEnum``s, so a report, the QA page
and ``report.json`` write their plain values (``toc``, ``no-date``)."""
from __future__ import annotations

from enum import StrEnum


class LineKind(StrEnum):
    """What one input line is; every line of a source ends as one of these (the accounting)."""
    UNCLASSIFIED = "unclassified"   # not decided yet
    BLANK = "blank"
    MASTHEAD = "masthead"           # the gazette's name, issue label, blurb before the TOC
    TOC = "toc"                     # the TOC's heading, entries and sections
    PREFACE_TEXT = "preface_text"   # text before the first document that reads as a document's
    DOCUMENT = "document"
    CHRONICLE = "chronicle"         # a 大事记's lines
    WEB_META = "web_meta"           # a web page's metadata header (发文字号：…)
    WEB_CHROME = "web_chrome"       # a web page's 打印本页, 上一篇：…, ICP备…
    SECTION_HEADING = "section_heading"  # a TOC section's heading printed again in the body
    PAGE_BREAK = "page_break"       # a line a page break prints (found before the structure)
    RUNNING_HEADER = "running_header"
    PAGE_NUMBER = "page_number"
    SLOGAN = "slogan"               # a motto printed after the last document
    ARTIFACT = "artifact"           # a line blanked in a document's view (header, page number)
    UNACCOUNTED = "unaccounted"     # none of the above: named as a problem


class Code(StrEnum):
    """What a problem is about."""
    # the file itself
    UNREADABLE = "unreadable"
    EMPTY_FILE = "empty-file"
    BINARY_FILE = "binary-file"
    UNKNOWN_ENCODING = "unknown-encoding"
    FORMAT_NOT_READ = "format-not-read"
    NO_TEXT_LAYER = "no-text-layer"
    DANGLING_LINK = "dangling-link"
    LINK_OUTSIDE_SOURCES = "link-outside-sources"
    LINK_INSIDE_SOURCES = "link-inside-sources"
    # the issue's structure
    NO_DOCUMENT = "no-document"
    NO_TOC = "no-toc"
    NO_MASTHEAD = "no-masthead"
    TOC_UNMATCHED = "toc-unmatched"
    NOT_IN_TOC = "not-in-toc"
    TEXT_BEFORE_FIRST_DOCUMENT = "text-before-first-document"
    UNACCOUNTED_LINE = "unaccounted-line"
    # a document
    NO_TITLE = "no-title"
    LONG_TITLE = "long-title"
    NO_DOC_NUMBER = "no-doc-number"
    NO_DATE = "no-date"
    DUPLICATE_DOC_NUMBER = "duplicate-doc-number"
    UNCLEAR_FRAGMENT = "unclear-fragment"
    FLATTENED_TABLE = "flattened-table"
    UNSURE_TABLE = "unsure-table"
    # the archive as a whole
    PATH_CONFLICT = "path-conflict"
    CONFLICTING_ISSUE_NUMBER = "conflicting-issue-number"
    MISSING_METADATA = "missing-metadata"
