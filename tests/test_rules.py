import pytest

from gazette import rules
from gazette.text import despace


@pytest.mark.parametrize("line, expected", [
    ("2024年2月29日", "2024-02-29"),
    ("2023 年 12 月 13 日", "2023-12-13"),
    ("二〇二〇年三月二十日", "2020-03-20"),
    ("2024年3月1日（星期五）", "2024-03-01"),  # a notice of a meeting dates itself with the weekday
])
def test_parse_date_signature_dates(line, expected):
    assert rules.is_date_line(line)
    assert rules.parse_date(line) == expected


@pytest.mark.parametrize("title, doc_type", [
    ("盘锦市人民政府关于调整和新增一批政务服务事项的决定", "决定"),
    ("晋城市人民政府办公室关于进一步加强扶贫资产管理的实施意见", "意见"),
    ("盘锦市人民政府办公室关于印发盘锦市食品安全工作评议考核实施办法的通知", "通知"),
    ("晋城市人民政府3月大事记", "大事记"),
])
def test_doc_type_is_the_titles_genre_word(title, doc_type):
    assert rules.doc_type_of(title) == doc_type


def test_despace_joins_chinese_but_not_latin_words():
    assert despace("城市供 热经营 许可") == "城市供热经营许可"
    assert despace("2024 年 3 月 and more") == "2024年3月 and more"


@pytest.mark.parametrize("lines, count", [
    (["各县、区人民政府，市政府各部门、直属机构："], 1),
    (["各县(市、区)人民政府、开发区管委会,市人民", "府各委、办、局: 真贯彻执行。"], 2),
    (["为贯彻落实党中央决策部署，现通知如下。"], 0),
    (["关于印发《方案》的通知", "各委办局:"], 0),
])
def test_addressee_span_joins_wrapped_addressees(lines, count):
    assert rules.addressee_span(lines) == count


def test_numbered_table_printed_one_cell_per_line_is_rebuilt():
    from gazette import tables

    texts = ["附件1", "序号", "试点领域", "责任单位", "1", "重大建设项目", "市发展改革委", "2", "养老服务",
             "3", "就业", "市人力资源", "社会保障局", "4", "社会保险", "市医保局", "本表由市政府办公室负责解释。"]
    (table,) = [t for t in tables.find(texts) if t.rows]
    assert table.rows == [["序号", "试点领域", "责任单位"], ["1", "重大建设项目", "市发展改革委"],
                          ["2", "养老服务", ""], ["3", "就业", "市人力资源社会保障局"], ["4", "社会保险", "市医保局"]]
    assert texts[table.end] == "本表由市政府办公室负责解释。"


def test_topics_are_not_triggered_inside_other_words():
    from gazette.topics import classify

    # 人民政府 contains 民政: the civil-affairs topic must not come from every issuer's name
    topics = classify("盘锦市人民政府关于做好第四次全国文物普查工作的通知", "各县、区人民政府：" * 20 + "文物普查工作。")
    assert "民政、扶贫、救灾" not in topics and "文化、广电、新闻出版" in topics


@pytest.mark.parametrize("printed, cleaned, unclear", [
    (r"浓度不高于$200\text{mg}/\text{m}^3$，", "浓度不高于200mg/m³，", []),
    ("统计执法检查 and 统计违法", "统计执法检查和统计违法", []),
    ("家政服务 etc 生活性服务业", "家政服务等生活性服务业", []),
    ("research and development 与研发", "research and development 与研发", []),
    (r"系数$\frac{a}{b}$取值", r"系数$\frac{a}{b}$取值", [r"$\frac{a}{b}$"]),
])
def test_cleanup_of_conversion_fragments(printed, cleaned, unclear):
    from gazette.cleanup import clean

    assert clean(printed) == (cleaned, unclear)


@pytest.mark.parametrize("text, repeals", [
    ("本办法自2021年5月1日起施行，2012年8月1日公布的《大连市城市供热管理办法》（大连市人民政府令第120号）同时废止。",
     ["大连市人民政府令第120号"]),
    ("根据《国务院关于废止部分行政法规的决定》（国发〔2016〕1号），结合实际，制定本办法。", []),
    ("按照《辽宁省实施办法》（辽政发〔2019〕3号）要求，《盘锦市暂行规定》（盘政发〔2015〕2号）、"
     "《盘锦市实施细则》（盘政办发〔2016〕8号）同时废止。", ["盘政发〔2015〕2号", "盘政办发〔2016〕8号"]),
])
def test_repeals_are_the_numbers_in_the_repealing_clause(text, repeals):
    from gazette.metadata import cites_and_repeals

    assert cites_and_repeals(text, None)[1] == repeals
