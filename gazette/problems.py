"""Problems found while converting, each tied to ``path:line``."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from .kinds import Code

BREAKING = {"Cc", "Zl", "Zp"}  # control characters and line or paragraph separators


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    severity: str = "warning"  # "warning" or "error"

    def __str__(self) -> str:
        return self.shown()

    def shown(self, folder: str = "") -> str:
        """``path:line: severity: code: message`` on one line, the path under ``folder``
        (the sources folder as the maintainer named it)."""
        path = f"{folder.rstrip('/')}/{self.path}" if folder else self.path
        return f"{printable(path)}:{self.line}: {self.severity}: {self.code}: {printable(self.message)}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "severity": self.severity,
                "code": self.code, "message": self.message}


# Warnings that ``invoke qa --strict`` fails on, beside every error: lines not accounted
# for, TOC entries and documents that do not match, a document whose head was not
# recognised, and files of the sources folder that were not converted.
STRICT_QA_CODES = frozenset({Code.UNACCOUNTED_LINE, Code.TOC_UNMATCHED, Code.NOT_IN_TOC, Code.TEXT_BEFORE_FIRST_DOCUMENT,
                             Code.LINK_INSIDE_SOURCES})


def failing_in_strict_qa(problem: Problem) -> bool:
    return problem.severity == "error" or problem.code in STRICT_QA_CODES


def printable(text: str) -> str:
    """``text`` with control characters written as escapes, so a file name holding a
    newline keeps its message on one line.

    >>> printable("a\\nb.txt"), printable("盘锦　市")
    ('a\\\\nb.txt', '盘锦　市')
    """
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in BREAKING else c
                   for c in text)


class ConversionError(Exception):
    """A source that cannot be converted at all; the other sources still are."""

    def __init__(self, path: str, line: int, code: str, message: str):
        super().__init__(message)
        self.problem = Problem(path, line, code, message, "error")
