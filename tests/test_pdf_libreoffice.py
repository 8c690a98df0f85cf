"""PDFs made as most offices make them: the samples set in Word (``typeset_docx``) and saved
as PDF by LibreOffice, a third typesetter beside Chromium and ReportLab: its own line
breaking, a quarter of the type size set between Han and Latin characters of its own
accord (5G 产业), its table borders drawn left border first, rows split over pages with no
header repeated.  Each must give the documents, fields and Han text of the sample's text."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SOURCES
from editions import han_not_kept, key, misses_in_editions
from gazette.pipeline import convert_file
from typeset_docx import typeset_docx

SAMPLES = sorted(SOURCES.rglob("*.txt"))
KEY_FIELDS = ("title", "doc_number", "issuer", "date", "doc_type", "kind")
# A table without a number column (工作目标 | 重点任务 | …, its first column merged down the
# rows) whose row runs over a page: the row's rest, at the top of the next page, cannot be
# told from a new row of the same group, and stands as a row of its own (95%).
NO_NUMBER_COLUMN = {"盘政办发〔2023〕25号": 0.95}


@pytest.fixture(scope="module")
def typeset(tmp_path_factory) -> dict[str, Path]:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: `make test` installs Debian's libreoffice-writer-nogui"
    folder = tmp_path_factory.mktemp("libreoffice")
    files = [typeset_docx(sample, folder / f"{sample.stem}.docx") for sample in SAMPLES]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, files)], check=True, capture_output=True, timeout=600)
    return {sample.name: folder / f"{sample.stem}.pdf" for sample in SAMPLES}


def test_libreoffices_pdfs_give_the_documents_and_fields_of_the_text(typeset):
    misses, fields = misses_in_editions(SAMPLES, typeset, convert_file)
    assert len(misses) <= 0.02 * fields, misses
    assert [miss for miss in misses if miss[1] in KEY_FIELDS] == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.parent.name + "/" + p.stem)
def test_libreoffices_pdf_keeps_each_documents_han_text(typeset, sample):
    text = convert_file(sample, sample.name)
    printed = convert_file(typeset[sample.name], sample.name)
    short = han_not_kept(text, printed)
    assert [miss for miss in short if miss[0] not in NO_NUMBER_COLUMN] == []
    for document in text.documents:
        if key(document) in NO_NUMBER_COLUMN:
            assert han_not_kept(text, printed, NO_NUMBER_COLUMN[key(document)]) == []
