"""Reading speed of PDF gazettes, on one core: pages a second read (``pdf_reader``: text,
rules, tables, furniture, paragraphs) and converted (the whole converter after it).

With no PDFs named, the five samples are typeset to PDF first (``tests/typeset.py``, by
Debian's Chromium), and that time is not counted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from gazette.pdf_reader import read_pdf
from gazette.pipeline import convert_file

ROOT = Path(__file__).resolve().parent.parent


def typeset_samples(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from typeset import typeset_pdf
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pdfs = [typeset_pdf(browser, s, folder / f"{s.stem}.pdf") for s in sorted((ROOT / "sources").rglob("*.txt"))]
        browser.close()
    return pdfs


def measure(pdfs: list[Path]) -> None:
    pages = sum(len(pdfium.PdfDocument(str(pdf))) for pdf in pdfs)
    start = time.perf_counter()
    for pdf in pdfs:
        read_pdf(pdf, pdf.name)
    read = time.perf_counter() - start
    start = time.perf_counter()
    documents = sum(len(convert_file(pdf, pdf.name).documents) for pdf in pdfs)
    converted = time.perf_counter() - start
    print(f"{len(pdfs)} PDFs, {pages} pages, {documents} documents, one core")
    print(f"read:      {read:6.2f} s  {pages / read:6.1f} pages/s")
    print(f"converted: {converted:6.2f} s  {pages / converted:6.1f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to read (default: the samples, typeset)")
    args = parser.parse_args()
    if args.pdfs:
        measure(args.pdfs)
        return
    with tempfile.TemporaryDirectory() as folder:
        measure(typeset_samples(Path(folder)))


if __name__ == "__main__":
    main()
