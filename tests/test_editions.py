"""The five samples in the editions a gazette office publishes besides its text: one web
page for the issue (``typeset.gazette_html``), a Word file (``typeset_docx``) and a PDF
(``test_pdf``): each gives the documents, fields and Han text its text gives, and the same
front matter."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCES
from editions import field_misses, han_not_kept
from gazette.pipeline import convert_file
from gazette.schema import FRONT_MATTER_KEYS
from typeset import convert, gazette_html, typeset_pdf
from typeset_docx import typeset_docx

SAMPLES = sorted(SOURCES.rglob("*.txt"))
FORMATS = ("html", "docx")
# where a document stands in its source differs by format: the line model numbers a paragraph
# a line, and only a PDF has pages
PLACE = ("source_lines", "source_pages")


def _write(sample: Path, form: str, folder: Path) -> Path:
    path = folder / f"{sample.stem}.{form}"
    if form == "html":
        path.write_text(gazette_html(convert(sample)), encoding="utf-8")
        return path
    return typeset_docx(sample, path)


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("editions")
    return {(form, sample.name): _write(sample, form, folder) for form in FORMATS for sample in SAMPLES}


CASES = [pytest.param(form, sample, id=f"{form}-{sample.parent.name}/{sample.stem}") for form in FORMATS
         for sample in SAMPLES]


@pytest.mark.parametrize("form, sample", CASES)
def test_an_edition_gives_the_documents_and_fields_of_its_text(editions, form, sample):
    text = convert_file(sample, sample.name)
    assert field_misses(text, convert_file(editions[(form, sample.name)], sample.name)) == []


@pytest.mark.parametrize("form, sample", CASES)
def test_an_edition_keeps_each_documents_han_text_in_order(editions, form, sample):
    assert han_not_kept(convert_file(sample, sample.name), convert_file(editions[(form, sample.name)], sample.name)) == []


@pytest.mark.parametrize("form", FORMATS)
def test_two_readings_of_an_edition_are_the_same(editions, form):
    first, second = (convert_file(editions[(form, SAMPLES[0].name)], "x") for _ in range(2))
    assert [(d.meta, d.body) for d in first.documents] == [(d.meta, d.body) for d in second.documents]


def test_a_samples_pdf_web_page_and_word_file_give_the_front_matter_of_its_text(browser, tmp_path):
    sample = next(s for s in SAMPLES if s.parent.name == "panjin")
    text = convert_file(sample, sample.name)
    files = [typeset_pdf(browser, sample, tmp_path / "issue.pdf"), _write(sample, "html", tmp_path),
             _write(sample, "docx", tmp_path)]
    keys = [key for key in FRONT_MATTER_KEYS if key not in PLACE]
    want = [{key: d.meta[key] for key in keys} for d in text.documents]
    for path in files:
        assert [{key: d.meta[key] for key in keys} for d in convert_file(path, sample.name).documents] == want, path.name
