"""Which reader reads a source, chosen by its content, not its name: a PDF by its
``%PDF-`` signature, anything else as text (``reader``), which names what it cannot read."""
from __future__ import annotations

from pathlib import Path

from .pdf_reader import read_pdf
from .problems import Problem
from .reader import Line, read_source

PDF_SIGNATURE = b"%PDF-"


def read_any(path: Path, display: str) -> tuple[list[Line], str, list[Problem]]:
    """The source's lines, what it was read as (``pdf`` or the text's encoding), and the
    warnings its reader gave."""
    with path.open("rb") as file:
        start = file.read(1024)
    if PDF_SIGNATURE in start:
        lines, problems = read_pdf(path, display)
        return lines, "pdf", problems
    lines, encoding = read_source(path)
    return lines, encoding, []
