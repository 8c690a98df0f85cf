"""PDFs from a second typesetter (ReportLab: its own line breaking, dotted TOC leaders,
tables with the header row repeated, a CID font not embedded) give the documents and
fields of the samples' text."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCES
from editions import han_not_kept, misses_in_editions
from gazette.pipeline import convert_file
from typeset_reportlab import typeset_reportlab

SAMPLES = sorted(SOURCES.rglob("*.txt"))
KEY_FIELDS = ("title", "doc_number", "issuer", "date", "doc_type", "kind")


@pytest.fixture(scope="module")
def typeset(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reportlab")
    return {sample.name: typeset_reportlab(sample, folder / (sample.stem + ".pdf")) for sample in SAMPLES}


def test_another_typesetters_pdfs_give_the_documents_and_fields_of_the_text(typeset):
    misses, fields = misses_in_editions(SAMPLES, typeset, convert_file)
    assert len(misses) <= 0.02 * fields, misses        # the goal: 98% of fields right
    assert [miss for miss in misses if miss[1] in KEY_FIELDS] == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.parent.name + "/" + p.stem)
def test_another_typesetters_pdf_keeps_each_documents_han_text(typeset, sample):
    """Tables included: a row ReportLab splits over a page break goes on below the header it
    repeats there, in one band with it (no rule between them); the reader tells the two
    apart (pdf_table_pages.join_rows_over_pages)."""
    text = convert_file(sample, sample.name)
    assert han_not_kept(text, convert_file(typeset[sample.name], sample.name)) == []
