"""Validity with its evidence, and relations both ways (#22): what a document's own text
says of its term, what other documents of the archive say of it, and a page for every
number cited but not held.

The relations archive (tests/fixtures/relations) is five documents of one city across
five years: one with a three-year term, one repealed, one amended, the one repealing
(citing a number the archive does not hold) and the one amending (with a term to 2029)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, read_documents, run_ingest
from site_helpers import broken_links, build_site, parse, text_of

from gazette.validity import amended_numbers, term_fields
from plugins.archive.validity import validity_of

RELATIONS = Path(__file__).parent / "fixtures" / "relations"


@pytest.mark.parametrize("text, title, signed, expires, clause_has", [
    ("本办法自2024年5月1日起施行，有效期至2029年4月30日。", "关于…的决定", "2024-04-08", "2029-04-30", "2029年4月30日"),
    ("本意见自印发之日起施行，有效期五年。", "关于…的实施意见", "2020-03-24", "2025-03-23", "有效期五年"),
    ("本规定自2021年1月1日起施行，有效期两年。", "关于…的通知", "2020-12-01", "2022-12-31", "有效期两年"),
    ("以上政策无明确期限的，有效期执行至2020年12月31日。", "关于…的通知", "2020-03-17", "2020-12-31", "以上政策"),
    ("本办法自2020年2月29日起施行，有效期4年。", "关于…的通知", "2020-02-20", "2024-02-28", "有效期4年"),
    # a term the title's years give, when the text gives none
    ("现印发给你们。", "关于印发本溪市工业互联网三年行动计划(2020—2022年)的通知", "2020-06-01", "2022-12-31", "行动计划"),
    ("现印发给你们。", "关于印发晋城市2020年度地质灾害防治方案的通知", "2020-03-01", "2020-12-31", "2020年度"),
])
def test_a_documents_own_term_is_read_with_its_clause(text, title, signed, expires, clause_has):
    fields = term_fields(text, title, signed)
    assert fields["expires"] == expires
    assert clause_has in fields["term_clause"]


@pytest.mark.parametrize("text, title", [
    ("取得的经营许可证有效期为5年，在许可证有效期内变更名称的，应当申请变更。", "关于…的通知"),   # a permit's term
    ("对全市居民家庭开展家电促销补贴活动，有效期暂定至2020年6月30日。", "关于…的通知"),   # one measure's, not the document's
    ("施工单位的资质证书有效期为五年。", "关于…的通知"),
    ("现予以表彰。", "关于表彰2020年度先进集体的决定"),   # a year in a title that plans nothing
    ("2020年3月17日起，各地要加强值守。", "关于…的通知"),
])
def test_no_term_is_read_where_the_document_gives_none(text, title):
    assert term_fields(text, title, "2020-03-17")["expires"] is None


def test_the_text_gives_the_term_before_the_title():
    fields = term_fields("本方案自印发之日起施行，有效期至2021年6月30日。", "关于印发2020年工作方案的通知", "2020-03-01")
    assert fields["expires"] == "2021-06-30" and fields["effective"] == "2020-03-01"


@pytest.mark.parametrize("text, amended", [
    ("决定对《临川市城市绿化管理办法》（临政发〔2021〕3号）作如下修改：", ["临政发〔2021〕3号"]),
    ("现将《关于修订食品安全事故应急预案的通知》（本政办发〔2015〕79号）同时废止。", []),  # a repeal; 修订 only in a title
    ("按照《临川市城市绿化管理办法》（临政发〔2021〕3号）的规定执行。", []),
    ("根据《国务院关于…的通知》（国发〔2019〕3号）修订本办法。", []),
])
def test_amended_numbers_are_those_a_clause_declares_amended(text, amended):
    assert amended_numbers(text, None) == amended


def test_repeal_comes_before_expiry_and_a_term_ends_after_its_last_day():
    term = {"expires": "2024-02-01", "term_clause": "有效期至2024年2月1日。"}
    assert validity_of(term, True, False, "2025-01-01").state == "已废止"
    assert validity_of(term, False, False, "2024-02-01").state == "有效期内"   # its last day: still in force
    assert validity_of(term, False, False, "2024-02-02").state == "已失效"
    assert validity_of({"doc_type": "大事记"}, False, False, "2024-02-02") is None


@pytest.fixture(scope="module")
def relations(tmp_path_factory):
    work = tmp_path_factory.mktemp("relations")
    shutil.copytree(RELATIONS, work / "sources")
    result = run_ingest(work / "sources", work / "content")
    assert result.returncode == 0, result.stderr
    output = build_site(work / "content", work / "output", ROOT, sources=work / "sources")
    pages = {meta["doc_number"]: output / path.replace(".md", ".html")
             for path, meta in read_documents(work / "content").items()}
    return output, pages


def _validity(page: Path) -> str:
    match = re.search(r'<dd class="validity">(.*?)</dd>', page.read_text(encoding="utf-8"), re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


def test_a_term_that_has_passed_says_so_with_its_clause(relations):
    _, pages = relations
    said = _validity(pages["临政发〔2019〕5号"])
    assert said.startswith("已失效") and "有效期3年" in said and "2022-02-28" in said
    assert "许可证" not in said


def test_a_repealed_document_names_and_links_the_repealing_sentence(relations):
    output, pages = relations
    page = pages["临政办发〔2020〕8号"]
    said = _validity(page)
    assert said.startswith("已废止") and "临政办发〔2023〕11号" in said and "同时废止" in said
    assert "本文件已被" in text_of(page)   # at the top, before the details
    repealing = pages["临政办发〔2023〕11号"]
    link = next(link for link in parse(page).links if link.startswith("../../") and "#repeal-" in link)
    anchor = link.split("#")[1]
    assert re.search(rf'<p id="{anchor}"[^>]*>[^<]*《临川市人民政府办公室关于加强城市道路占用管理的通知》',
                     repealing.read_text(encoding="utf-8"))


def test_an_amended_document_links_the_amending_one_both_ways(relations):
    _, pages = relations
    amended, amending = pages["临政发〔2021〕3号"], pages["临政发〔2024〕2号"]
    assert _validity(amended).startswith("已修改") and "作如下修改" in _validity(amended)
    text = text_of(amended)
    assert "被修改" in text and "本文件已被" in text
    # the amending document lists it under 修改, not again under 引用
    relations_html = amending.read_text(encoding="utf-8").split('id="h-relations"')[1]
    assert "<h3>修改</h3>" in relations_html and "<h3>引用</h3>" not in relations_html
    assert _validity(amending).startswith("有效期至 2029-04-30") and "2024年5月1日起施行" in _validity(amending)


def test_nothing_known_is_said_as_nothing_known(relations):
    output, pages = relations
    said = _validity(pages["临政办发〔2023〕11号"])
    assert said.startswith("未见废止或失效（截至本档案最新一期") and "现行有效" not in said
    assert '"2024-04-08"' in (output / "archive.js").read_text(encoding="utf-8")   # the newest document's date


def test_every_number_shown_leads_somewhere(relations):
    output, pages = relations
    repealing = pages["临政办发〔2023〕11号"]
    body = repealing.read_text(encoding="utf-8").split('<div class="body">', 1)[1].split("</div>", 1)[0]
    linked = re.findall(r'<a class="docno" href="([^"]+)">([^<]+)</a>', body)
    assert {number for _, number in linked} == {"国办发〔2022〕9号", "临政发〔2021〕3号", "临政办发〔2020〕8号"}
    unheld = next(href for href, number in linked if number == "国办发〔2022〕9号")
    number_page = (repealing.parent / unheld).resolve()
    assert "本档案未收录" in text_of(number_page) and "进一步规范城市道路和绿地占用管理的通知" in text_of(number_page)
    assert broken_links(output) == []


def test_the_bulk_data_and_the_search_filter_carry_the_state(relations):
    output, _ = relations
    rows = {row["doc_number"]: row for row in json.loads((output / "data/documents.json").read_text(encoding="utf-8"))}
    assert rows["临政办发〔2020〕8号"]["validity"] == "已废止"
    assert rows["临政发〔2019〕5号"]["validity"] == "已失效" and rows["临政发〔2019〕5号"]["validity_date"] == "2022-02-28"
    assert rows["临政发〔2024〕2号"]["amends"] == ["临政发〔2021〕3号"]
    facets = (output / "search/facet-values.js").read_text(encoding="utf-8")
    assert re.search(r'"validity":\["已废止","已失效","已修改","有效期内","未见废止或失效"\]', facets)


def test_the_search_page_filters_by_validity(browser, relations):
    output, _ = relations
    page = browser.new_page()
    page.goto((output / "search.html").as_uri() + "?validity=已废止")
    page.wait_for_selector("body[data-search-done]")
    results = page.locator("#search-results li")
    assert results.count() == 1 and "加强城市道路占用管理" in results.first.inner_text()
    page.close()


def test_no_sample_page_claims_a_document_in_force_and_chronicles_claim_nothing(site):
    output, content = site
    for path, meta in read_documents(content).items():
        text = (output / path.replace(".md", ".html")).read_text(encoding="utf-8")
        assert "现行有效" not in text
        assert ('class="validity"' in text) == (meta["kind"] == "document" and meta["doc_type"] != "大事记"), path


def _anchored_by_every_paragraph(article):
    """What ``anchor_repeal_sentences`` is specified as: every paragraph of the page read
    by the paragraph pattern, those with an act's word and a number it acts on given the
    act's id.  The build finds the paragraphs from the words instead."""
    from plugins.archive.model import _PARAGRAPH, _with_id, ACTS
    article.acting_sentences = {}
    wanted = [(ACTS[kind], {n for n, target in getattr(article, f"{kind}_links", []) if target is not None})
              for kind in ACTS]
    if not any(numbers for _, numbers in wanted):
        return

    def add_id(paragraph):
        if not any(words.search(paragraph.group(2)) for (_, words), numbers in wanted if numbers):
            return paragraph.group(0)
        return _with_id(article, wanted, paragraph)

    article._content = _PARAGRAPH.sub(add_id, article._content)


def test_the_paragraphs_that_act_on_a_document_are_found_from_their_words():
    """6,000 random pages: paragraphs (with classes, links, entities), and act words and
    numbers outside them too (headings, list items, <pre>, tables), give the same page
    and evidence as reading every paragraph."""
    import random
    from types import SimpleNamespace

    from plugins.archive.model import anchor_repeal_sentences

    generator = random.Random(2026)
    numbers = ["铁政发〔2019〕3号", "盘政办发〔2020〕12号", "本政发〔2018〕7号"]
    words = ["废止", "停止执行", "不再执行", "修改", "修订", "修正", "废", "执行", "改"]
    pieces = numbers + words + ["。", "；", "本通知", "&amp;", "&lt;p&gt;", " ", "\n", "<strong>", "</strong>", "《办法》"]

    def text():
        return "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))

    def block():
        kind = generator.randrange(7)
        if kind == 0:
            return f"<h2 id=\"s-{generator.randrange(9)}\">{text()}</h2>"
        if kind == 1:
            return f"<ul>\n<li>{text()}</li>\n</ul>"
        if kind == 2:
            return f"<pre><code>{text()}</code></pre>"
        if kind == 3:
            return f"<table>\n<tr>\n<td>{text()}</td>\n</tr>\n</table>"
        number = generator.choice(numbers)
        linked = f'<a class="docno" href="../x.html">{number}</a>' if generator.random() < 0.5 else number
        attributes = generator.choice(["", ' class="signature"', ' id="attachment-1" class="note"'])
        return f"<p{attributes}>{text()}{linked}{text()}</p>"

    for _ in range(6000):
        page = "\n".join(block() for _ in range(generator.randint(0, 8)))
        links = {kind: [(n, object() if generator.random() < 0.7 else None) for n in generator.sample(numbers, 2)]
                 for kind in ("repeal_links", "amend_links") if generator.random() < 0.7}
        built, specified = SimpleNamespace(_content=page, **links), SimpleNamespace(_content=page, **links)
        anchor_repeal_sentences(built)
        _anchored_by_every_paragraph(specified)
        assert (built._content, built.acting_sentences) == (specified._content, specified.acting_sentences), page
