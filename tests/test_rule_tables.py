"""Each stage's rule table, rule by rule: what a rule takes, and that the table's order is
the order of precedence.  The end-to-end and print-variant tests run them together."""
from __future__ import annotations

import pytest

from gazette import body, masthead, number_heads, rules, toc_reading
from gazette.body import Roles, render
from gazette.kinds import Code, LineKind
from gazette.artifacts import ARTIFACT_RULES
from gazette.pipeline import _artifacts_in
from gazette.reader import Line


def numbered(*texts: str) -> list[Line]:
    return [Line(no, text) for no, text in enumerate(texts, start=1)]


# --- body.BLOCK_RULES -------------------------------------------------------------------

def blocks(*texts: str, roles: Roles | None = None) -> list[str]:
    markdown, _ = render(numbered(*texts), roles or Roles(set(), {}))
    return markdown.strip("\n").split("\n\n")


def test_block_rules_are_in_their_order_of_precedence():
    assert [rule.__name__ for rule in body.BLOCK_RULES] == [
        "_printed_title", "_table_row", "_marked_line", "_attachment_heading", "_numbered_heading",
        "_enclosure_title", "_paragraph_line"]


def test_a_marked_line_is_its_own_paragraph_with_its_class():
    got = blocks("各县、区人民政府：", "现将有关事项通知如下。", roles=Roles(set(), {0: "addressees"}))
    assert got == ["{.addressees}\n各县、区人民政府：", "现将有关事项通知如下。"]


def test_a_marked_line_goes_before_a_numbered_heading():
    """一、… marked as a signature (the metadata stage said so) is no heading."""
    assert blocks("一、盘锦市人民政府", roles=Roles(set(), {0: "signature"}))[0].startswith("{.signature}")


def test_an_attachment_heading_is_an_anchored_section_with_its_title():
    assert blocks("附件2 工作清单") == ["{#attachment-2 .attachment}\n## 附件2", "工作清单"]


def test_a_short_numbered_line_is_a_heading_of_its_level():
    assert blocks("一、总体要求", "（一）指导思想") == ["## 一、总体要求", "### （一）指导思想"]


def test_a_numbered_sentence_is_a_paragraph_not_a_heading():
    assert blocks("一、各地要高度重视，切实加强组织领导。") == ["一、各地要高度重视，切实加强组织领导。"]


def test_rows_make_a_table_and_a_header_repeated_after_a_page_break_is_dropped():
    got = blocks("序号\t单位", "1\t市财政局", "序号\t单位", "2\t市农业农村局")
    assert got == ["| 序号 | 单位 |\n|---|---|\n| 1 | 市财政局 |\n| 2 | 市农业农村局 |"]


def test_a_line_that_is_no_row_ends_the_table():
    got = blocks("序号\t单位", "1\t市财政局", "以上单位按要求报送。")
    assert got[1:] == ["以上单位按要求报送。"] and got[0].count("\n") == 2


def test_a_broken_table_is_rebuilt_with_one_header_and_its_cells():
    got = blocks("序号\t事项\t主体", "序号\t供水许可\t<p>主体</p><p>市水务局</p>", "1\t\t")
    assert got == ["| 序号 | 事项 | 主体 |\n|---|---|---|\n| 1 | 供水许可 | 市水务局 |"]


def test_a_table_of_uncertain_shape_is_kept_as_its_text_and_reported():
    markdown, notes = render(numbered("序号\t事项", "1\t供水许可\t<p>事项</p><p>排水许可</p>"), Roles(set(), {}))
    assert "|" not in markdown and "供水许可" in markdown and "排水许可" in markdown
    assert [(line, code) for line, code, _ in notes] == [(1, Code.UNSURE_TABLE)]


def test_the_printed_title_stands_where_it_is_printed():
    roles = Roles({0}, {}, title_at=0, title_block="# 关于开展测试工作的通知")
    assert blocks("关于开展测试工作的通知", "正文。", roles=roles) == ["# 关于开展测试工作的通知", "正文。"]


def test_lines_cut_short_join_into_one_paragraph():
    assert blocks("为进一步加强城市管理工作，经市政府同意，现", "就有关事项通知如下。") == [
        "为进一步加强城市管理工作，经市政府同意，现就有关事项通知如下。"]


def test_a_fragment_left_as_printed_is_reported_with_its_line():
    _, notes = render(numbered("一段文字", "排放浓度不超过150 mg/m 3。"), Roles(set(), {}))
    assert all(code == Code.UNCLEAR_FRAGMENT for _, code, _ in notes)


# --- toc_reading.TOC_LINE_RULES -----------------------------------------------------------------

def test_toc_line_rules_are_in_their_order_of_precedence():
    assert [rule.__name__ for rule in toc_reading.TOC_LINE_RULES] == [
        "_page_furniture", "_running_header", "_masthead", "_section", "_entry_line"]


def test_toc_entries_sections_and_masthead_lines_are_told_apart():
    lines = numbered("○市政府文件", "盘锦市人民政府关于开展测试工作的通知……………（1）",
                     "2024年第1期", "盘锦市人民政府办公室关于印发工作方案的通知", "（盘政办发〔2024〕3号）……（5）")
    entries, kinds = toc_reading.parse_toc(lines)
    assert [(e.title, e.doc_number, e.page, e.section) for e in entries] == [
        ("盘锦市人民政府关于开展测试工作的通知", None, 1, "市政府文件"),
        ("盘锦市人民政府办公室关于印发工作方案的通知", "盘政办发〔2024〕3号", 5, "市政府文件")]
    assert kinds == {0: LineKind.TOC, 1: LineKind.TOC, 2: LineKind.MASTHEAD, 3: LineKind.TOC, 4: LineKind.TOC}


def test_a_page_break_inside_the_toc_is_furniture_even_inside_an_entry():
    lines = numbered("盘锦市人民政府关于开展", "— 2 —", "测试工作的通知……（3）")
    lines[1].kind = LineKind.PAGE_BREAK
    entries, kinds = toc_reading.parse_toc(lines)
    assert [e.title for e in entries] == ["盘锦市人民政府关于开展测试工作的通知"]
    assert kinds[1] == LineKind.PAGE_NUMBER


def test_a_toc_without_pages_ends_an_entry_at_its_number_or_document_type():
    lines = numbered("盘锦市人民政府关于开展测试工作的通知", "（盘政发〔2024〕1号）", "盘锦市人民政府关于加强管理的意见")
    entries, _ = toc_reading.parse_toc(lines)
    assert [(e.title, e.doc_number, e.page) for e in entries] == [
        ("盘锦市人民政府关于开展测试工作的通知", "盘政发〔2024〕1号", None), ("盘锦市人民政府关于加强管理的意见", None, None)]


# --- number_heads.NUMBER_HEAD_RULES -----------------------------------------------------

def test_number_head_rules_are_in_their_order_of_precedence():
    assert [rule.__name__ for rule in number_heads.NUMBER_HEAD_RULES] == [
        "order_head", "number_line_head", "inline_number_head"]


def test_an_order_heading_over_its_serial_is_a_head():
    head = number_heads.order_head(numbered("大连市人民政府令", "第 12 号"), 1, 0)
    assert head.doc_number.normalised == "大连市人民政府令第12号" and head.issuer == "大连市人民政府"


def test_a_number_line_takes_the_title_above_it():
    lines = numbered("盘锦市人民政府关于开展", "测试工作的通知", "", "盘政发〔2024〕1号", "", "各县、区人民政府：")
    head = number_heads.number_line_head(lines, 3, 0)
    assert head.doc_number.normalised == "盘政发〔2024〕1号" and head.title_text(lines) == "盘锦市人民政府关于开展测试工作的通知"


def test_a_title_with_its_number_beside_it_needs_addressees_below():
    title = "盘锦市人民政府关于开展测试工作的通知（盘政发〔2024〕1号）"
    assert number_heads.inline_number_head(numbered(title, "", "各县、区人民政府："), 0, 0).doc_number.serial == 1
    assert number_heads.inline_number_head(numbered(title, "", "现将有关事项通知如下。"), 0, 0) is None


def test_a_line_without_a_number_makes_no_head():
    assert number_heads.find_number_heads(numbered("盘锦市人民政府关于开展测试工作的通知", "各县、区人民政府："), 0) == []


# --- rules.NOT_A_TITLE ------------------------------------------------------------------

@pytest.mark.parametrize("why, line", [
    ("a table row", "序号\t单位"),
    ("too long", "为" * (rules.TITLE_CHARS + 1)),
    ("a sentence or clause", "现将有关事项通知如下："),
    ("a date", "2024年3月1日"),
    ("a 附注", "（此件公开发布）"),
    ("a page number", "— 3 —"),
    ("a document number", "盘政发〔2024〕1号"),
    ("an attachment note or heading", "附件：工作清单"),
])
def test_each_rule_of_not_a_title_rules_out_its_line(why, line):
    rule = dict(rules.NOT_A_TITLE)[why]
    assert rule(line, rules.clean_line(line)) and not rules.is_title_like(line)


def test_a_title_line_is_ruled_out_by_none():
    line = "盘锦市人民政府关于开展测试工作的通知"
    assert not [why for why, rule in rules.NOT_A_TITLE if rule(line, line)] and rules.is_title_like(line)


def test_a_whole_title_on_one_line_is_not_too_long():
    assert rules.is_title_like("盘锦市人民政府关于" + "进一步加强" * 30 + "的通知")


# --- masthead.ISSUE_READERS -------------------------------------------------------------

def read(*texts: str) -> masthead.Masthead:
    return masthead.finish(masthead.read_masthead(numbered(*texts), len(texts), {}))


def test_issue_readers_each_read_their_field():
    head = read("盘锦市人民政府公报", "2024年第5期（总第152期）", "2024年5月20日出版")
    assert (head.publisher, head.issue_label, head.issue_number, head.issue_date) == (
        "盘锦市人民政府公报", "2024年第5期", 152, "2024-05-20")


def test_an_issue_label_in_chinese_numerals_is_read_as_digits():
    assert read("大连市人民政府公报", "二〇二一年第三期").issue_label == "2021年第3期"


def test_a_label_printed_apart_from_its_year_gets_it():
    assert read("晋城市人民政府公报", "2020", "第2期").issue_label == "2020年第2期"


# --- pipeline.ARTIFACT_RULES ------------------------------------------------------------

def test_artifact_rules_are_in_their_order_of_precedence():
    assert [rule.__name__ for rule in ARTIFACT_RULES] == ["_marked_earlier", "_running_header", "_page_number",
                                                         "_free_copy_notice", "_web_chrome"]


def test_artifacts_inside_a_document_are_named_and_kept_out_of_it():
    lines = numbered("正文第一段。", "盘锦市人民政府公报", "【字体：大 中 小】 打印本页", "正文第二段。")
    kinds: dict[int, str] = {}
    found = _artifacts_in(lines, 0, len(lines), "盘锦市人民政府公报", kinds, last=False)
    assert found == {1, 2} and kinds == {1: LineKind.RUNNING_HEADER, 2: LineKind.WEB_CHROME}   # by index


def test_a_free_copy_notice_on_the_pages_is_no_documents_text():
    """内部资料　免费交流, printed on a gazette's pages (tests/fixtures/free_copy_notice_gazette.txt)."""
    from conftest import ROOT
    from gazette.pipeline import convert_file

    conversion = convert_file(ROOT / "tests/fixtures/free_copy_notice_gazette.txt", "free_copy_notice_gazette.txt")
    assert [d.meta["doc_number"] for d in conversion.documents] == ["营政发〔2024〕4号", "营政办发〔2024〕2号"]
    assert not [d for d in conversion.documents if "内部资料" in d.body]
    assert conversion.line_kinds[LineKind.RUNNING_HEADER] == 2 and "unaccounted" not in conversion.line_kinds
