"""The converter's output, defined once: a document file's front matter and an issue
record (``issue.yaml``).  The converter writes them through this module; Pelican's reader,
the search index, the site model and the tests read them through it.

A document file is YAML front matter between ``---`` lines, then the Markdown body::

    ---
    kind: document
    title: 盘锦市人民政府关于…的通知
    …
    ---

    {.addressees}
    各县、区人民政府…
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .yaml_reader import load_mapping
from .yaml_writer import dump_mapping

# libyaml's emitter and parser when PyYAML has them: the same YAML, several times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ISSUE_RECORD = "issue.yaml"


@dataclass(frozen=True)
class Field:
    name: str
    type: str       # the YAML value: str, int, date (YYYY-MM-DD), list of str, [int, int]; or null
    about: str


# the issue's fields, in its record and in each of its documents' front matter
ISSUE: tuple[Field, ...] = (
    Field("publisher", "str", "the gazette's publisher (its masthead)"),
    Field("issue_label", "str", "the issue as printed: 2024年第1期"),
    Field("issue_number", "int", "the issue's number in its year"),
    Field("year", "int", "the issue's year (a document's without a masthead: its signing year)"),
    Field("issue_date", "date", "the issue's date"),
)
SOURCE = Field("source", "str", "the source file, relative to the sources folder")

FRONT_MATTER: tuple[Field, ...] = (
    Field("kind", "str", "document, or chronicle (大事记)"),
    Field("title", "str", "the full official title"),
    Field("doc_number", "str", "发文字号, normalised: 盘政发〔2024〕1号"),
    Field("doc_number_raw", "str", "发文字号 as printed"),
    Field("issuer", "str", "发文机关: the issuing organs, joined by 、"),
    Field("issuers", "list of str", "each issuing organ"),
    Field("addressees", "list of str", "主送机关"),
    Field("date", "date", "成文日期"),
    Field("note", "str", "附注, such as （此件公开发布）"),
    Field("attachments", "list of str", "the titles of its 附件"),
    Field("attachment_anchors", "list of str", "for each 附件, the id of its section in the body "
                                               "(attachment-1 …; empty where the body does not hold it)"),
    Field("doc_type", "str", "文种: 通知, 意见, 令, 大事记 …"),
    Field("cites", "list of str", "the document numbers it cites"),
    Field("repeals", "list of str", "the document numbers it repeals"),
    Field("amends", "list of str", "the document numbers it amends (修改, 修订, 修正)"),
    Field("effective", "date", "施行: the day its text says it applies from (自印发之日起: its date)"),
    Field("expires", "date", "the last day of its term, by its own text (有效期…, 执行至…) or its title's years "
                             "(…2020—2022年行动计划)"),
    Field("term_clause", "str", "the sentence (or the title) that gives its term, quoted"),
    Field("topics", "list of str", "topic slugs (gazette/data/topics.yaml)"),
    *ISSUE,
    Field("section", "str", "the TOC section it is printed under"),
    Field("toc_page", "int", "the page its TOC entry prints"),
    SOURCE,
    Field("source_lines", "[int, int]", "its first and last line in the source (a PDF's, web page's or Word "
                                        "file's as read: a paragraph a line)"),
    Field("source_pages", "[int, int]", "its first and last page in the source PDF"),
    Field("source_url", "str", "the address of the web page that published it, where the source gives it"),
    Field("attachment_files", "list of {title, url}", "the files its web page links to (附件: .pdf, .docx …)"),
)
FRONT_MATTER_KEYS = tuple(field.name for field in FRONT_MATTER)

ISSUE_FIELDS: tuple[Field, ...] = (
    *ISSUE,
    SOURCE,
    Field("toc", "list of entries", "each TOC entry: title, doc_number, page, section, line, document (its slug)"),
    Field("documents", "list of str", "the documents' slugs, in the order printed"),
)
ISSUE_KEYS = tuple(field.name for field in ISSUE_FIELDS)

# front matter between lines of three dashes (or ending with ...), as Pelican's Markdown
# readers take it: a file written by hand reads the same here as in Pelican
_DOCUMENT = re.compile(r"\s*^-{3}$(?P<front>.+?)^(?:-{3}|\.{3})$(?P<body>.*)", re.MULTILINE | re.DOTALL)


def dump_yaml(data: dict) -> str:
    """A flat mapping as YAML: PyYAML's text, its common values written directly."""
    return dump_mapping(data, pyyaml_dump)


def pyyaml_dump(data) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)


def load_yaml(text: str):
    """What PyYAML reads from ``text``; a flat mapping of the forms the converter writes is
    read directly (``yaml_reader``), five times as fast."""
    return load_mapping(text, pyyaml_load)


def pyyaml_load(text: str):
    return yaml.load(text, Loader=_LOADER)


def document_text(meta: dict, body: str) -> str:
    """A document file: its front matter (every key, in schema order) and body.

    >>> document_text({"title": "关于…的通知", "topics": ["jiaotong"]}, "正文").split("\\n")[2:5]
    ['title: 关于…的通知', 'doc_number: null', 'doc_number_raw: null']
    """
    ordered = {key: meta.get(key) for key in FRONT_MATTER_KEYS}
    return f"---\n{dump_yaml(ordered)}---\n\n{body}"


def split_document(text: str) -> tuple[str, str] | None:
    """A document file's front matter (YAML text) and body, or None if it has none."""
    match = _DOCUMENT.fullmatch(text)
    return (match["front"], match["body"]) if match else None


def read_document(text: str) -> tuple[dict, str] | None:
    """A document file's front matter and body, or None if it has no front matter.

    >>> read_document(document_text({"title": "关于…的通知", "year": 2024}, "正文\\n"))[0]["year"]
    2024
    """
    parts = split_document(text)
    if parts is None:
        return None
    return load_yaml(parts[0]) or {}, parts[1]


def issue_text(record: dict) -> str:
    return dump_yaml({key: record.get(key) for key in ISSUE_KEYS})


def read_issue(text: str) -> dict:
    return load_yaml(text) or {}


def field_of(text: str, key: str):
    """One top-level field of a written document file or issue record, read from its line
    alone (the converter writes each scalar on one line) without parsing the rest: an
    issue's TOC can be long.  None if the file has no such line.

    >>> text = document_text({"source": "panjin/001.txt", "issue_date": "2024-03-01", "source_lines": [1, 9]}, "")
    >>> field_of(text, "source"), field_of(text, "issue_date"), field_of(text, "note"), field_of("# 说明", "source")
    ('panjin/001.txt', '2024-03-01', None, None)
    """
    prefix = f"{key}:"
    for number, line in enumerate(text.splitlines()):
        if line.startswith(prefix):
            try:
                return load_yaml(line)[key]
            except (yaml.YAMLError, TypeError):
                return None
        if number > 0 and line.startswith("---"):
            break
    return None


def source_of(text: str) -> str | None:
    """The ``source`` a written file names, or None: a file written by hand."""
    return field_of(text, "source")
