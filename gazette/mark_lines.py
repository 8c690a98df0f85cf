"""Mark lines: the kinds of line known before the issue's structure is sought, for the
stages that read a title, a number or a TOC entry across them (the pipeline's second stage,
between reading and the structure).

Takes the reader's lines; gives them back with their marks, each line marked here a new
``Line`` (what the reader returned is not changed), and the fields of a web page's header:

- a web page's metadata header, and the lines elsewhere printing two fields or more
  (``webheader.header_lines``): ``LineKind.WEB_META``;
- the lines a page break prints (``artifacts.page_break_lines``): ``LineKind.PAGE_BREAK``,
  which wins over the header's.
"""
from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from . import artifacts, webheader
from .kinds import LineKind
from .reader import Line


@dataclass(frozen=True)
class Marked:
    lines: list[Line]
    fields: dict[str, str]      # a web page's header: 发文字号 → 大政发〔2021〕5号 …


def mark_lines(lines: list[Line]) -> Marked:
    fields, header = webheader.header_lines(lines)
    kinds = dict.fromkeys(header, LineKind.WEB_META)
    kinds.update(dict.fromkeys(artifacts.page_break_lines(lines), LineKind.PAGE_BREAK))
    return Marked(with_kinds(lines, kinds), fields)


def with_kinds(lines: list[Line], kinds: dict[int, str]) -> list[Line]:
    """``lines``, each whose index ``kinds`` names a new ``Line`` of that kind."""
    return [_marked(line, kinds[index]) if index in kinds and kinds[index] != line.kind else line
            for index, line in enumerate(lines)]


def _marked(line: Line, kind: str) -> Line:
    marked = copy(line)   # its clean and plain text as they were made, not made again
    marked.kind = kind
    return marked
