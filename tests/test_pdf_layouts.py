"""The awkward PDFs a gazette office makes: a TOC in two columns, a table over three pages
with its header row repeated, a landscape page, a text layer out of reading order."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import SOURCES
from editions import field_misses
from gazette.pdf_reader import read_pdf
from gazette.pipeline import convert_file
from typeset import STYLE, convert, gazette_html, print_pdf, running_header

HEADER = "盘锦市人民政府公报　2025年第1期"
NOTICE = ("<h1>盘锦市人民政府办公室关于公布市级政务服务事项清单的通知</h1><p class='number'>盘政办发〔2025〕3号</p>"
          "<p class='addressees'>各县、区人民政府，市政府各部门：</p><p>现将市级政务服务事项清单予以公布，请遵照执行。</p>"
          "<p class='signature'>盘锦市人民政府办公室</p><p class='signature'>2025年3月1日</p>")


def _gazette(body: str, style: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE}{style}</style></head>"
            f"<body>{body}</body></html>")


def _only(pdf: Path):
    conversion = convert_file(pdf, pdf.name)
    assert len(conversion.documents) == 1, [d.meta["title"] for d in conversion.documents]
    return conversion.documents[0]


def test_a_toc_in_two_columns_gives_the_entries_of_one(browser, tmp_path):
    sample = next(s for s in sorted(SOURCES.rglob("*.txt")) if len(convert(s).issue["toc"]) >= 12)
    text = convert(sample)
    two = gazette_html(text).replace("</style>", ".toc { column-count: 2; column-gap: 2em; } .toc h2 { column-span: all; }"
                                                 " .entry { font-size: 11pt; line-height: 16pt; }</style>")
    pdf = print_pdf(browser, two, tmp_path / "two.pdf", running_header(text.issue))
    printed = convert_file(pdf, sample.name)
    assert [(e["title"], e["page"]) for e in printed.issue["toc"]] == [(e["title"], e["page"]) for e in text.issue["toc"]]
    assert field_misses(text, printed) == []


# The TOC printed without its 目录 line: on a page of its own, under the cover on the
# cover's page, and with the first document following it on its page.
UNHEADED = {
    "own page": "",
    "under the cover": ".cover { break-after: auto; }",
    "run on into the first document": ".document:first-of-type { break-before: auto; }",
}


@pytest.mark.parametrize("layout", UNHEADED)
def test_a_toc_printed_without_its_heading_is_found_by_its_page(browser, tmp_path, layout):
    sample = next(s for s in sorted(SOURCES.rglob("*.txt"))
                  if any(e["section"] for e in convert(s).issue["toc"]) and len(convert(s).documents) <= 5)
    text = convert(sample)
    unheaded = gazette_html(text).replace("<h2>目　录</h2>", "").replace("</style>", UNHEADED[layout] + "</style>")
    assert "目" not in unheaded.split("class='toc'>")[1][:20]
    printed = convert_file(print_pdf(browser, unheaded, tmp_path / "unheaded.pdf", running_header(text.issue)), sample.name)
    assert [(e["title"], e["doc_number"], e["page"], e["section"]) for e in printed.issue["toc"]] == \
        [(e["title"], e["doc_number"], e["page"], e["section"]) for e in text.issue["toc"]]
    assert {k: v for k, v in printed.issue.items() if k != "toc"} == {k: v for k, v in text.issue.items() if k != "toc"}
    assert field_misses(text, printed) == field_misses(text, convert_file(typeset_with_heading(browser, text, tmp_path),
                                                                          sample.name))
    assert not [p for p in printed.problems if p.code in ("no-toc", "not-in-toc", "toc-unmatched")]


def typeset_with_heading(browser, text, tmp_path: Path) -> Path:
    return print_pdf(browser, gazette_html(text), tmp_path / "headed.pdf", running_header(text.issue))


def test_a_table_over_three_pages_is_one_table_with_one_header(browser, tmp_path):
    rows = "".join(f"<tr><td>{n}</td><td>第{n}项政务服务事项</td><td>市发展改革委</td></tr>" for n in range(1, 91))
    table = f"<table><thead><tr><th>序号</th><th>事项名称</th><th>实施机关</th></tr></thead><tbody>{rows}</tbody></table>"
    pdf = print_pdf(browser, _gazette(f"<section>{NOTICE}{table}<p>本清单自公布之日起施行。</p></section>"),
                    tmp_path / "table.pdf", HEADER)
    document = _only(pdf)
    assert document.meta["source_pages"][1] - document.meta["source_pages"][0] >= 2   # it runs over three pages
    lines = document.body.split("\n")
    table_lines = [line for line in lines if line.startswith("|")]
    assert table_lines[0] == "| 序号 | 事项名称 | 实施机关 |" and len(table_lines) == 92   # header, rule, 90 rows
    assert [line.split(" | ")[0] for line in table_lines[2:]] == [f"| {n}" for n in range(1, 91)]
    assert "本清单自公布之日起施行。" in lines


def test_a_landscape_page_is_read_as_the_others(browser, tmp_path):
    months = "".join(f"<th>{m}月</th>" for m in range(1, 9))
    rows = "".join(f"<tr><td>{n}</td><td>双台子区</td>" + "<td>1234.5</td>" * 8 + "</tr>" for n in range(1, 8))
    wide = f"<div class='wide'><table><tr><th>序号</th><th>地区</th>{months}</tr>{rows}</table></div>"
    pdf = print_pdf(browser, _gazette(f"<section>{NOTICE}{wide}</section>",
                                      "@page wide { size: A4 landscape; } .wide { page: wide; }"),
                    tmp_path / "landscape.pdf", HEADER)
    document = _only(pdf)
    assert document.meta["doc_number"] == "盘政办发〔2025〕3号" and document.meta["date"] == "2025-03-01"
    assert "| 7 | 双台子区 | " + " | ".join(["1234\\.5"] * 8) + " |" in document.body


@pytest.mark.parametrize("order", ["reading", "reversed"])
def test_the_text_layers_order_does_not_matter(browser, tmp_path, order):
    """Each paragraph placed on the page by position, in reversed source order: the text
    layer holds them last first, as some typesetters' do."""
    blocks = NOTICE.replace("</h1>", "</h1>\n").replace("</p>", "</p>\n").strip().split("\n")
    placed = [f"<div style='position:absolute;top:{110 * n}pt;left:0;right:0'>{block}</div>" for n, block in enumerate(blocks)]
    body = "".join(reversed(placed) if order == "reversed" else placed)
    pdf = print_pdf(browser, _gazette(f"<section style='position:relative'>{body}</section>"), tmp_path / "order.pdf", HEADER)
    layer = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert (layer.index("2025年3月1日") < layer.index("盘政办发〔2025〕3号")) == (order == "reversed")
    texts = [line.text for line in read_pdf(pdf, "order.pdf")[0]]
    assert texts.index("盘锦市人民政府办公室关于公布市级政务服务事项清单的通知") < texts.index("盘政办发〔2025〕3号") \
        < texts.index("2025年3月1日")
    document = _only(pdf)
    assert (document.meta["title"], document.meta["date"]) == ("盘锦市人民政府办公室关于公布市级政务服务事项清单的通知", "2025-03-01")
