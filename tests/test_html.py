"""A gazette read from its web pages, as a 政府信息公开 site serves its documents (GB2312 or
UTF-8, navigation, metadata table, footer); the samples as web pages are in test_editions."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_ingest
from gazette.kinds import Code
from gazette.pipeline import convert_file
from gazette.problems import ConversionError
from gazette.html_reader import read_html

WEB = Path(__file__).parent / "fixtures" / "web"
GB_PAGE = WEB / "municipal_gb2312.html"
HTML5_PAGE = WEB / "policy_page_html5.html"
WORD_PAGE = WEB / "word_export_gb2312.html"   # a Word file saved as a web page, as many offices publish
# the layout of the central government's policy library, which many sites copy: a bd1 table
# of spaced labels (索 引 号：), the text in td#UCAP-CONTENT, a title set in three centred lines
STATE_PAGE = WEB / "state_council_layout.html"
# what the sites print around a document: none of it is the document's
FURNITURE = ("首页", "政务服务", "长者模式", "无障碍", "当前位置", "您现在的位置", "相关文章", "政策解读", "上一篇", "下一篇",
             "主办", "承办", "ICP", "网站标识码", "联系电话", "热点专题", "扫一扫", "搜索", "请输入", "分享到", "打印本页",
             "统计代码", "dataLayer", "IE8", "附件下载", "字体", "网站地图")


def _only(path: Path):
    conversion = convert_file(path, path.name)
    assert not [p for p in conversion.problems if p.severity == "error" or p.code == Code.UNACCOUNTED_LINE], \
        conversion.problems
    assert len(conversion.documents) == 1, [d.meta["title"] for d in conversion.documents]
    return conversion, conversion.documents[0]


def test_a_gb2312_page_is_read_in_the_encoding_it_declares():
    conversion, document = _only(GB_PAGE)
    assert conversion.encoding == "gb18030"   # GB2312's superset: 堃 is outside GB2312
    assert "副局长王堃负责统筹调度" in document.body


@pytest.mark.parametrize("page, fields", [
    (GB_PAGE, {"title": "阳泉市人民政府办公室关于印发阳泉市城镇老旧小区改造工作方案的通知", "doc_number": "阳政办发〔2024〕9号",
               "issuer": "阳泉市人民政府办公室", "date": "2024-03-08", "doc_type": "通知", "note": "（此件公开发布）",
               "addressees": ["各县（区）人民政府", "市人民政府各委、办、局"], "repeals": ["阳政办发〔2020〕15号"],
               "attachments": ["阳泉市2024年城镇老旧小区改造项目清单"]}),
    (HTML5_PAGE, {"title": "长治市人民政府关于公布第二批市级重点文物保护单位的通知", "doc_number": "长政发〔2024〕11号",
                  "issuer": "长治市人民政府", "date": "2024-05-16", "doc_type": "通知",
                  "addressees": ["各县、区人民政府", "市人民政府各委、局", "各有关单位"],
                  "attachments": ["长治市第二批市级重点文物保护单位名单", "长治市市级重点文物保护单位保护范围表"]}),
    (WORD_PAGE, {"title": "大同市人民政府办公室关于印发大同市冬季清洁取暖工作方案的通知", "doc_number": "同政办发〔2023〕88号",
                 "doc_number_raw": "同政办发〔2023〕88号", "issuer": "大同市人民政府办公室", "date": "2023-10-09",
                 "addressees": ["各县（区）人民政府", "市直各有关单位"], "note": "（此件公开发布）"}),
    (STATE_PAGE, {"title": "晋城市人民政府办公室关于进一步加强扶贫资产管理的实施意见", "doc_number": "晋市政办〔2020〕10号",
                  "issuer": "晋城市人民政府办公室", "date": "2020-03-11", "doc_type": "意见", "note": "（此件公开发布）",
                  "addressees": ["各县(市、区)人民政府、开发区管委会", "市人民政府各委、办、局"],
                  "cites": ["晋政办发〔2019〕80号"], "issue_date": "2020-03-20"}),
], ids=["gb2312 layout tables", "html5", "word export", "state council layout"])
def test_a_sites_document_page_gives_its_fields(page, fields):
    _, document = _only(page)
    assert {key: document.meta[key] for key in fields} == fields


@pytest.mark.parametrize("page", [GB_PAGE, HTML5_PAGE, WORD_PAGE, STATE_PAGE],
                         ids=["gb2312 layout tables", "html5", "word export", "state council layout"])
def test_the_sites_navigation_footer_and_scripts_are_not_the_documents(page):
    _, document = _only(page)
    assert [word for word in FURNITURE if word in document.body] == []
    assert "<" not in document.body.replace("<br>", "")   # no markup of the page's leaks
    assert "mso" not in document.body and "WordDocument" not in document.body


def test_the_documents_text_is_all_kept():
    _, document = _only(HTML5_PAGE)
    for sentence in ("现将第二批市级重点文物保护单位名单予以公布，共计5处。", "划定保护范围，设立保护标志，建立记录档案。",
                     "保护范围以各文物保护单位现有院墙为界，向外延伸20米。"):
        assert sentence in document.body


@pytest.mark.parametrize("page, rows", [
    (GB_PAGE, ["| 类别 | 内容 | 责任单位 |", "| 基础类 | 水电气暖管网改造 | 市住房城乡建设局 |", "|  | 屋面及外墙修缮 |  |",
               "| 完善类 | 加装电梯、停车设施，各县（区）人民政府负责 |  |"]),
    (HTML5_PAGE, ["| 序号 | 名称 | 年代 | 所在地 |", "| 2 | 崇教寺 | 明 | 上党区 |", "| 3 | 西旺遗址 | 新石器时代 |  |",
                  "| 4 | 太行太岳根据地旧址群（近现代） |  | 武乡县 |"]),
], ids=["gb2312 layout tables", "html5"])
def test_a_table_keeps_its_cells_in_their_columns_across_row_and_column_spans(page, rows):
    _, document = _only(page)
    lines = document.body.split("\n")
    assert [row for row in rows if row not in lines] == []


def _with_line_breaks(page: str) -> str:
    """The page's text set as older sites set it: one block, lines broken by <br>,
    indented with &nbsp;, in a <font>."""
    def breaks(match: re.Match) -> str:
        inner = re.sub(r"<p[^>]*>", "", match[2]).replace("</p>", "<br>\n").replace("　　", "&nbsp;" * 4)
        return f"{match[1]}<font face='仿宋_GB2312'>{inner}</font></div>"
    return re.sub(r'(<div class="detail-content"[^>]*>)(.*?)</div>', breaks, page, flags=re.S)


def test_a_page_that_breaks_its_lines_with_br_gives_the_same_document(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(_with_line_breaks(HTML5_PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    assert "<br>" in page.read_text(encoding="utf-8")
    (_, broken), (_, document) = _only(page), _only(HTML5_PAGE)
    assert (broken.meta, broken.body) == (document.meta | {"source": "page.html"}, document.body)


def test_the_metadata_table_gives_the_number_the_body_leaves_out(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML5_PAGE.read_text(encoding="utf-8").replace('<p align="center">长政发〔2024〕11号</p>', ""),
                    encoding="utf-8")
    _, document = _only(page)
    assert document.meta["doc_number"] == "长政发〔2024〕11号"
    assert document.meta["title"] == "长治市人民政府关于公布第二批市级重点文物保护单位的通知"


def test_an_attachments_link_keeps_its_address():
    lines, _, _ = read_html(GB_PAGE, GB_PAGE.name)
    note = next(line for line in lines if line.text.startswith("附件："))
    assert note.layout.link == "http://www.yq.example.gov.cn/upload/2024/03/P020240312_1.docx"


def test_the_page_address_a_browser_saved_opens_the_lines():
    lines, _, _ = read_html(GB_PAGE, GB_PAGE.name)
    assert lines[0].text == "网址：http://www.yq.example.gov.cn/xxgk/zfwj/202403/t20240312_1234567.shtml"
    lines, _, _ = read_html(HTML5_PAGE, HTML5_PAGE.name)
    assert lines[0].text == "网址：https://www.cz.example.gov.cn/zwgk/zcwj/szfwj/202405/t20240520_88888.html"


def test_a_page_not_in_the_encoding_it_declares_is_named_with_its_line(tmp_path):
    data = GB_PAGE.read_bytes()
    at = data.index("王堃".encode("gbk"))
    page = tmp_path / "bad.html"
    page.write_bytes(data[:at] + b"\xff\xff" + data[at:])
    with pytest.raises(ConversionError) as error:
        read_html(page, "bad.html")
    assert error.value.problem.code == Code.UNKNOWN_ENCODING
    assert error.value.problem.line == data[:at].count(b"\n") + 1


def test_a_page_that_declares_no_encoding_is_read_as_text_is(tmp_path):
    page = tmp_path / "page.html"
    text = GB_PAGE.read_bytes().decode("gbk").replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />', "")
    page.write_bytes(text.encode("gb18030"))
    _, document = _only(page)
    assert "王堃" in document.body


def test_a_web_page_is_told_by_its_content_not_its_name(tmp_path):
    saved = tmp_path / "page.txt"
    saved.write_bytes(HTML5_PAGE.read_bytes())
    _, document = _only(saved)
    assert document.meta["doc_number"] == "长政发〔2024〕11号" and "<p" not in document.body


def test_a_page_with_no_text_is_named(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<!doctype html><html><head><title>x</title><script>var a = 1;</script></head><body></body></html>")
    with pytest.raises(ConversionError) as error:
        read_html(page, "empty.html")
    assert error.value.problem.code == Code.EMPTY_FILE and str(error.value.problem).startswith("empty.html:1:")


def test_ingest_converts_web_pages_beside_text(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for page in (GB_PAGE, HTML5_PAGE):
        (sources / page.name).write_bytes(page.read_bytes())
    result = run_ingest(sources, tmp_path / "content")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "content/report.json").read_text(encoding="utf-8"))
    assert {s["source"]: s["documents"] for s in report["sources"]} == {GB_PAGE.name: 1, HTML5_PAGE.name: 1}


def test_a_number_set_in_its_own_element_inside_the_text_stays_in_it():
    _, document = _only(WORD_PAGE)
    assert "到2025年，全市清洁取暖率达到95%以上。" in document.body and "## 一、工作目标" in document.body


def test_a_problem_in_a_web_page_names_the_pages_line(tmp_path):
    page = tmp_path / "undated.html"
    text = HTML5_PAGE.read_text(encoding="utf-8").replace('<p style="text-align:right">2024年5月16日</p>', "") \
        .replace('<li><span class="label">成文日期：</span><span>2024-05-16</span></li>', "")
    page.write_text(text, encoding="utf-8")
    [undated] = [p for p in convert_file(page, page.name).problems if p.code == Code.NO_DATE]
    title_line = next(n for n, line in enumerate(text.split("\n"), 1) if "<h1" in line)
    assert undated.message.endswith(f"(line {title_line} of the web page)"), undated


def test_a_title_set_left_in_a_larger_type_is_found_by_its_size(tmp_path):
    """A page pasted from Word states each run's size: a title set left in 22pt over a body
    in 16pt is told by its size, as a centred one is by its centring."""
    centred = "align=center style='text-align:center"
    page = WORD_PAGE.read_bytes().decode("gb2312")
    title_paragraphs = page.split("同政办发")[0]
    assert title_paragraphs.count(centred) == 3 and "font-size:22.0pt" in title_paragraphs
    left = tmp_path / "left.html"
    left.write_bytes((title_paragraphs.replace(centred, "style='text-align:left") + "同政办发"
                      + page.split("同政办发", 1)[1]).encode("gb2312"))
    (_, document), (_, centred_document) = _only(left), _only(WORD_PAGE)
    assert document.meta["title"] == centred_document.meta["title"] == "大同市人民政府办公室关于印发大同市冬季清洁取暖工作方案的通知"
    lines, _, _ = read_html(left, left.name)
    assert [line.layout.scale for line in lines if "清洁取暖工作方案的通知" in line.text] == [1.38]   # 22pt over 16pt


@pytest.mark.parametrize("style, size", [
    ("font-size:16pt", 16.0), ("font-size: 21.333px", 16.0), ("font-size:1.5em", 24.0), ("font-size:150%", 24.0)])
def test_a_stated_type_size_is_read_in_points(tmp_path, style, size):
    page = tmp_path / "sizes.html"
    page.write_text(f"<html><body><div style='font-size:16pt'><p style='{style}'>标题</p><p>正文。</p></div>"
                    f"<p><font size=6>大字</font></p></body></html>", encoding="utf-8")
    lines, _, _ = read_html(page, page.name)
    assert [(line.text, line.layout.size) for line in lines] == [("标题", size), ("正文。", 16.0), ("大字", 24.0)]
