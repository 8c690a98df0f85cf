"""A gazette read from a Word file: Word's alignment, sizes, colours and merged table cells
are kept; the samples set in Word are in test_editions."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from conftest import SOURCES
from gazette.docx_reader import read_docx
from gazette.kinds import Code
from gazette.layout import CENTRED, RIGHT
from gazette.pipeline import convert_file
from typeset_docx import typeset_docx

SAMPLES = sorted(SOURCES.rglob("*.txt"))


def test_a_word_file_is_told_by_its_content_not_its_name(tmp_path):
    renamed = typeset_docx(SAMPLES[0], tmp_path / "issue.bin")
    conversion = convert_file(renamed, renamed.name)
    assert conversion.encoding == "docx" and len(conversion.documents) == len(convert_file(SAMPLES[0], "x").documents)


def _notice(path: Path, signed: bool = True, before: str = "") -> Path:
    """A notice set by hand: red header, centred title, signature right, a line break inside
    the signature block, a table with merged cells."""
    document = docx.Document()
    if before:
        document.add_paragraph(before)
    header = document.add_paragraph()
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run("晋城市人民政府办公室文件")
    run.font.size, run.font.color.rgb, run.bold = Pt(30), RGBColor(0xFF, 0, 0), True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("晋城市人民政府办公室关于做好2025年防汛工作的通知").font.size = Pt(22)
    for text in ("晋市政办〔2025〕7号", "各县（市、区）人民政府，市人民政府各委、办、局：",
                 "为做好今年防汛工作，现将有关事项通知如下。"):
        document.add_paragraph().add_run(text).font.size = Pt(16)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("区域", "责任单位", "联系人"), ("城区", "市水务局", "张三"), ("", "", "李四")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))      # 城区 down two rows
    table.cell(1, 1).merge(table.cell(2, 1))      # 市水务局 down two rows
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = signature.add_run("晋城市人民政府办公室")
    if signed:
        run.add_break()
        signature.add_run("2025年5月6日")
    for run in signature.runs:
        run.font.size = Pt(16)
    document.save(path)
    return path


def test_words_alignment_size_and_colour_are_kept(tmp_path):
    lines, _ = read_docx(_notice(tmp_path / "notice.docx"), "notice.docx")
    by_text = {line.text: line.layout for line in lines}
    assert by_text["晋城市人民政府办公室文件"].red and by_text["晋城市人民政府办公室文件"].align == CENTRED
    assert by_text["晋城市人民政府办公室关于做好2025年防汛工作的通知"].scale == round(22 / 16, 2)
    assert by_text["晋城市人民政府办公室"].align == RIGHT and by_text["2025年5月6日"].align == RIGHT


def test_a_merged_cell_is_written_in_its_first_place(tmp_path):
    lines, _ = read_docx(_notice(tmp_path / "notice.docx"), "notice.docx")
    assert [line.text for line in lines if line.layout.table_row] == ["区域\t责任单位\t联系人", "城区\t市水务局\t张三", "\t\t李四"]


def test_a_hand_set_notice_gives_its_fields(tmp_path):
    conversion = convert_file(_notice(tmp_path / "notice.docx"), "notice.docx")
    [document] = conversion.documents
    assert {key: document.meta[key] for key in ("title", "doc_number", "issuer", "date")} == {
        "title": "晋城市人民政府办公室关于做好2025年防汛工作的通知", "doc_number": "晋市政办〔2025〕7号",
        "issuer": "晋城市人民政府办公室", "date": "2025-05-06"}
    assert "| 城区 | 市水务局 | 张三 |" in document.body and "|  |  | 李四 |" in document.body


def test_a_problem_in_a_word_file_names_its_paragraph_or_table_row(tmp_path):
    """A Word file has no line numbers: a problem names the paragraph (or a table's row) a
    maintainer finds it at, counted as Word counts them."""
    conversion = convert_file(_notice(tmp_path / "undated.docx", signed=False, before="盘锦市人民政府公报"), "undated.docx")
    [undated] = [p for p in conversion.problems if p.code == Code.NO_DATE]
    assert undated.message.endswith("(paragraph 2 of the Word file)"), undated   # where the document begins
    lines, _ = read_docx(tmp_path / "undated.docx", "undated.docx")
    assert [line.layout.place for line in lines if line.layout.table_row][-1] == "row 3 of table 1 of the Word file"


def test_a_broken_word_file_is_named(tmp_path):
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document")
    [problem] = convert_file(broken, "broken.docx").problems
    assert problem.code == Code.UNREADABLE and str(problem).startswith("broken.docx:1: error: unreadable: a Word file")


def test_a_zip_that_is_no_word_file_is_named(tmp_path):
    archive_path = tmp_path / "tables.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("a.csv", "x,y")
    [problem] = convert_file(archive_path, "tables.zip").problems
    assert problem.code == Code.FORMAT_NOT_READ and "not a Word file" in problem.message
