"""Where each document came from, kept for the reader to check it: its pages of the source
PDF (which the site keeps beside the issue, linked at the document's first page), the
address of the web page that published it and the files that page links, and its source
lines as the converter read them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pypdfium2 as pdfium
import pytest

from conftest import ROOT, SOURCES, read_documents, run_ingest
from gazette.layout import Layout
from gazette.provenance import provenance
from gazette.reader import Line
from site_helpers import build_site
from typeset import typeset_pdf

WEB = Path(__file__).parent / "fixtures" / "web"
SAMPLE = SOURCES / "panjin" / "001_8ad141c6deb9acb4.txt"


@pytest.fixture(scope="module")
def built(browser, tmp_path_factory):
    """A PDF issue, two web pages and a GB18030 text, converted and built."""
    work = tmp_path_factory.mktemp("provenance")
    sources = work / "sources"
    sources.mkdir()
    typeset_pdf(browser, SAMPLE, sources / "issue.pdf")
    for page in WEB.glob("*.html"):
        shutil.copy(page, sources / page.name)
    gb = SOURCES / "panjin" / "003_031e74033fabc59f.txt"
    (sources / "gb.txt").write_bytes(gb.read_text(encoding="utf-8").encode("gb18030"))
    result = run_ingest(sources, work / "content")
    assert result.returncode == 0, result.stderr
    output = build_site(work / "content", work / "output", ROOT, sources=sources)
    return sources, work / "content", output


def _documents(content: Path, source: str) -> dict[str, dict]:
    return {path: meta for path, meta in read_documents(content).items() if meta["source"] == source}


def test_each_document_of_a_pdf_knows_its_pages(built):
    sources, content, _ = built
    documents = sorted(_documents(content, "issue.pdf").values(), key=lambda meta: meta["source_lines"][0])
    assert len(documents) >= 2
    pdf = pdfium.PdfDocument(sources / "issue.pdf")
    for meta in documents:
        first, last = meta["source_pages"]
        assert 1 <= first <= last <= len(pdf)
        printed = re.sub(r"\s", "", pdf[first - 1].get_textpage().get_text_range())
        assert meta["title"][:12] in printed, (meta["title"], first)
    assert [m["source_pages"][0] for m in documents] == sorted(m["source_pages"][0] for m in documents)


def test_the_site_keeps_the_pdf_beside_the_issue_and_links_each_documents_first_page(built, browser):
    sources, content, output = built
    for path, meta in _documents(content, "issue.pdf").items():
        page_file = output / Path(path).with_suffix(".html")
        page = browser.new_page()
        try:
            page.goto(page_file.as_uri())
            href = page.eval_on_selector("a.original", "a => a.href")   # as a reader's browser resolves it, from disk
        finally:
            page.close()
        link = urlparse(href)
        assert link.fragment == f"page={meta['source_pages'][0]}"
        kept = Path(unquote(link.path))
        assert kept.read_bytes() == (sources / "issue.pdf").read_bytes()


def test_a_pdf_documents_source_lines_are_its_text_as_read(built):
    _, content, output = built
    for path, meta in _documents(content, "issue.pdf").items():
        excerpt = (output / Path(path).with_suffix(".source.txt")).read_text(encoding="utf-8")
        assert "%PDF" not in excerpt and "\ufffd" not in excerpt
        assert meta["title"][:12] in re.sub(r"\s", "", excerpt)


def test_a_gb18030_texts_source_lines_read_in_its_encoding(built):
    _, content, output = built
    path, meta = next(iter(_documents(content, "gb.txt").items()))
    excerpt = (output / Path(path).with_suffix(".source.txt")).read_text(encoding="utf-8")
    assert "\ufffd" not in excerpt and meta["title"][:10] in re.sub(r"\s", "", excerpt)


def test_a_web_pages_address_and_files_are_kept_and_linked(built):
    _, content, output = built
    [(path, meta)] = _documents(content, "policy_page_html5.html").items()
    assert meta["source_url"] == "https://www.cz.example.gov.cn/zwgk/zcwj/szfwj/202405/t20240520_88888.html"
    assert meta["attachment_files"] == [
        {"title": "长治市第二批市级重点文物保护单位名单", "url": "https://www.cz.example.gov.cn/upload/2024/05/20/a1.pdf"},
        {"title": "长治市市级重点文物保护单位保护范围表", "url": "https://www.cz.example.gov.cn/upload/2024/05/20/a2.xlsx"}]
    assert meta["source_pages"] is None
    html = (output / Path(path).with_suffix(".html")).read_text(encoding="utf-8")
    assert f'href="{meta["source_url"]}"' in html
    assert all(f'href="{file["url"]}"' in html for file in meta["attachment_files"])
    assert "原版 PDF" not in html


def test_only_web_addresses_become_links():
    lines = [Line(1, "附件：清单.pdf", layout=Layout(align=None, link="javascript:alert(1)//清单.pdf")),
             Line(2, "附件：名单.pdf", layout=Layout(align=None, link="/upload/名单.pdf")),
             Line(3, "附件：表.xlsx", layout=Layout(align=None, link="https://example.gov.cn/表.xlsx"))]
    assert provenance(lines, 0, 3, [0, 1, 2])["attachment_files"] == [{"title": "表", "url": "https://example.gov.cn/表.xlsx"}]


def test_a_documents_source_lines_follow_an_edit_of_its_source_on_a_rebuild(tmp_path):
    """The previous build's excerpt is linked only while its source file is unchanged
    (size and modification time, as the ingest tells it): an edit shows on the rebuild."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SAMPLE, sources / "issue.txt")
    assert run_ingest(sources, tmp_path / "content").returncode == 0
    build_site(tmp_path / "content", tmp_path / "output", ROOT, sources=sources)
    path, meta = sorted(_documents(tmp_path / "content", "issue.txt").items())[0]
    first, last = meta["source_lines"]
    lines = (sources / "issue.txt").read_text(encoding="utf-8").split("\n")
    edited = next(n for n in range(last - 1, first, -1) if len(lines[n - 1].strip()) > 20)
    lines[edited - 1] = lines[edited - 1].replace(lines[edited - 1].strip()[:4], "改过的字", 1)
    (sources / "issue.txt").write_text("\n".join(lines), encoding="utf-8")
    assert run_ingest(sources, tmp_path / "content").returncode == 0
    output = build_site(tmp_path / "content", tmp_path / "output", ROOT, sources=sources)
    excerpt = (output / Path(path).with_suffix(".source.txt")).read_text(encoding="utf-8")
    assert f"{edited:>6}  {lines[edited - 1]}" in excerpt.split("\n")
