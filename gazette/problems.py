"""Problems found while converting, each tied to ``path:line``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    severity: str = "warning"  # "warning" or "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.code}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "severity": self.severity,
                "code": self.code, "message": self.message}


class ConversionError(Exception):
    """A source that cannot be converted at all; the other sources still are."""

    def __init__(self, path: str, line: int, code: str, message: str):
        super().__init__(message)
        self.problem = Problem(path, line, code, message, "error")
