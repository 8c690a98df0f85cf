"""A gazette read from its PDF, as its office prints it: the five samples typeset after
GB/T 9704 (``typeset``) and printed by Chromium must give the documents and front
matter their text gives; a scan is named, not lost."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SOURCES, run_ingest
from editions import FIELDS, field_misses, han_not_kept
from gazette.kinds import Code, LineKind
from gazette.layout import CENTRED, RIGHT
from gazette.pdf_reader import read_pdf
from gazette.pipeline import convert_file
from gazette.problems import ConversionError
from typeset import print_pdf, typeset_pdf

SAMPLES = sorted(SOURCES.rglob("*.txt"))


@pytest.fixture(scope="session")
def typeset(browser, tmp_path_factory) -> dict[str, Path]:
    """Each sample printed to PDF, by the sample's name."""
    folder = tmp_path_factory.mktemp("typeset")
    return {sample.name: typeset_pdf(browser, sample, folder / (sample.stem + ".pdf")) for sample in SAMPLES}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.parent.name + "/" + p.stem)
def test_a_printed_sample_gives_the_documents_and_fields_of_its_text(typeset, sample):
    text = convert_file(sample, sample.name)
    misses = field_misses(text, convert_file(typeset[sample.name], sample.name))
    assert len(misses) <= 0.02 * len(FIELDS) * len(text.documents), misses
    for field in ("title", "doc_number", "issuer", "date", "doc_type", "kind"):
        assert not [miss for miss in misses if miss[1] == field], misses


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.parent.name + "/" + p.stem)
def test_a_printed_sample_keeps_each_documents_han_text_in_order(typeset, sample):
    assert han_not_kept(convert_file(sample, sample.name), convert_file(typeset[sample.name], sample.name)) == []


def test_page_furniture_is_found_by_position_and_kept_out_of_the_text(typeset):
    lines, problems = read_pdf(typeset[SAMPLES[0].name], "a.pdf")
    assert not problems
    furniture = [line for line in lines if line.layout.furniture]
    pages = {line.layout.page for line in lines}
    numbers = [line for line in furniture if line.layout.furniture == LineKind.PAGE_NUMBER]
    assert len(numbers) == len(pages)       # — N — at every page's foot
    assert all(line.kind == LineKind.PAGE_BREAK for line in furniture)
    printed = convert_file(typeset[SAMPLES[0].name], "a.pdf")
    header = furniture[0].text
    assert not any(header in document.body for document in printed.documents)


def test_titles_signatures_and_red_headers_are_told_by_their_setting(typeset):
    lines, _ = read_pdf(typeset["001_8ad141c6deb9acb4.txt"], "a.pdf")
    # its three printed lines, one title
    title = next(line for line in lines if line.text == "盘锦市人民政府关于印发盘锦市推动大规模设备更新和消费品以旧换新行动实施方案的通知")
    assert title.layout.align == CENTRED and title.layout.scale > 1.2
    assert next(line for line in lines if line.text == "2024年5月20日").layout.align == RIGHT
    red = next(line for line in lines if line.text == "盘锦市人民政府文件")
    assert red.layout.red and not title.layout.red


def test_a_paragraph_runs_on_over_a_page_break(typeset):
    lines, _ = read_pdf(typeset["001_8ad141c6deb9acb4.txt"], "a.pdf")
    over = [line for line in lines if not line.layout.furniture and line.layout.last_page > line.layout.page]
    assert over
    assert any("制定如下实施方案。" in line.text for line in over)


def test_ruled_tables_come_out_as_rows_of_cells(typeset):
    printed = convert_file(typeset["002_bb9f6a3a2884a059.txt"], "a.pdf")
    body = next(d.body for d in printed.documents if d.meta["doc_number"] == "本政办发〔2020〕28号")
    assert "| 1 | 重大建设项目 | 市发展改革委 |" in body


def test_two_readings_are_byte_identical(typeset):
    pdf = typeset[SAMPLES[1].name]
    first, second = read_pdf(pdf, "a.pdf")[0], read_pdf(pdf, "a.pdf")[0]
    assert [(line.text, line.layout) for line in first] == [(line.text, line.layout) for line in second]


def _page(body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body style='margin:0'>{body}</body></html>"


@pytest.fixture(scope="session")
def scan_png(browser, tmp_path_factory) -> str:
    """A picture of a page of text, as a scanner gives it."""
    page = browser.new_page()
    page.set_content(_page("<p style='font-size:28px'>盘锦市人民政府关于做好第四次全国文物普查工作的通知</p>"))
    path = tmp_path_factory.mktemp("scan") / "scan.png"
    page.screenshot(path=str(path))
    page.close()
    return path.as_uri()


def test_a_scanned_pdf_is_named_with_its_first_page_and_the_others_still_convert(browser, scan_png, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    print_pdf(browser, _page(f"<img src='{scan_png}' style='width:100%'>"), sources / "scan.pdf", "")
    (sources / "notice.txt").write_text((SOURCES.parent / "tests/fixtures/unnumbered_notice_gazette.txt")
                                        .read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ConversionError) as error:
        read_pdf(sources / "scan.pdf", "scan.pdf")
    assert error.value.problem.code == Code.NO_TEXT_LAYER and "page 1" in error.value.problem.message
    result = run_ingest(sources, tmp_path / "content")
    assert re.search(r"/sources/scan\.pdf:1: error: no-text-layer: .*page 1", result.stderr), result.stderr
    report = json.loads((tmp_path / "content/report.json").read_text(encoding="utf-8"))
    assert {s["source"]: bool(s["documents"]) for s in report["sources"]} == {"notice.txt": True, "scan.pdf": False}


def test_a_scanned_page_among_printed_ones_is_named(browser, scan_png, tmp_path, typeset):
    text = "<p style='font-size:16pt'>盘锦市人民政府办公室关于印发盘锦市食品安全工作评议考核实施办法的通知</p>"
    pdf = print_pdf(browser, _page(f"{text}<div style='break-before:page'><img src='{scan_png}'></div>"),
                    tmp_path / "mixed.pdf", "")
    lines, problems = read_pdf(pdf, "mixed.pdf")
    assert [p.code for p in problems] == [Code.NO_TEXT_LAYER] and "page 2" in problems[0].message
    assert lines[0].text.startswith("盘锦市人民政府办公室关于印发")


def test_a_file_that_says_pdf_but_is_not_one_is_named(tmp_path):
    (tmp_path / "issue.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    conversion = convert_file(tmp_path / "issue.pdf", "issue.pdf")
    assert [p.code for p in conversion.problems] == [Code.UNREADABLE] and not conversion.documents


def test_the_pdf_benchmark_prints_pages_a_second(typeset):
    import subprocess
    import sys
    pdf = typeset["001_8ad141c6deb9acb4.txt"]
    result = subprocess.run([sys.executable, "-m", "benchmark.pdf", str(pdf)], cwd=SOURCES.parent,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^read: +[\d.]+ s +[\d.]+ pages/s$", result.stdout, re.MULTILINE), result.stdout
    assert "4 documents" in result.stdout


def test_a_problem_in_a_pdf_names_its_page(browser, tmp_path):
    notice = ("<p style='text-align:center;font-size:22pt'>盘锦市人民政府办公室关于做好春季植树工作的通知</p>"
              "<p style='text-align:center'>盘政办发〔2025〕3号</p><p>各县、区人民政府，市政府各部门：</p>"
              "<p style='text-indent:2em'>为做好今年春季植树工作，现将有关事项通知如下。</p>")
    filler = "<p style='break-before:page'>　</p>" * 2   # two pages before it, empty but for a space
    pdf = print_pdf(browser, _page(f"<p>盘锦市人民政府公报</p>{filler}<div style='break-before:page'>{notice}</div>"),
                    tmp_path / "notice.pdf", "")
    conversion = convert_file(pdf, "notice.pdf")
    [undated] = [p for p in conversion.problems if p.code == Code.NO_DATE]
    assert undated.message.endswith("(PDF page 4)"), undated
