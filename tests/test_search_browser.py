"""Search as a reader uses it, in headless Chromium, from disk and over http."""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from urllib.parse import quote

import pytest

from plugins.search_index.scoring import expand
from plugins.search_index.codec import decode_numbers, decode_value_lists
from plugins.search_index.tokenizer import query_words

from conftest import read_documents

pytest.importorskip("playwright.sync_api")


def search(browser, root, query, **filters):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    extra = "".join(f"&{k}={quote(v)}" for k, v in filters.items())
    page.goto(f"{root}/search.html?q={quote(query)}{extra}")
    page.wait_for_selector("body[data-search-done]", timeout=15000)
    assert page.get_attribute("body", "data-search-done") == "1"
    page.dialogs = dialogs
    return page


def titles(page):
    return page.locator(".result h2").all_inner_texts()


def metas(page):
    return page.locator(".result .doc-meta").all_inner_texts()


@pytest.fixture(params=["file", "http"])
def root(request, site, http_root):
    output, _ = site
    return output.as_uri() if request.param == "file" else http_root


def test_topic_words_find_the_food_safety_plans(browser, root):
    page = search(browser, root, "食品安全 应急预案")
    numbers = " ".join(metas(page)[:3])
    for number in ("盘政办〔2024〕4号", "本政办发〔2020〕25号", "晋市政办〔2020〕26号"):
        assert number in numbers
    page.close()


def test_a_snippet_shows_the_hit_in_the_text_not_the_title_again(browser, root):
    page = search(browser, root, "食品安全")
    shown = list(zip(titles(page), page.locator(".result .snippet").all_inner_texts()))
    with_hit = [(title, snippet) for title, snippet in shown if "食品安全" in snippet]
    assert len(with_hit) >= 3
    # the title is not shown again, also where the body opens with the organ's header and
    # the document number before it
    assert all(title not in re.sub(r"\s", "", snippet) for title, snippet in with_hit), with_hit
    page.close()


def test_a_snippet_shows_the_text_as_printed(browser, root, site):
    """Matched in the folded text (NFKC: ，is ,), a snippet shows the passage as the document
    prints it: full-width punctuation stays full-width."""
    output, _ = site
    texts = {}
    for path in (output / "search/doc").glob("*.js"):
        row, body = _data(path)
        texts[row[5].rsplit("/", 1)[-1]] = re.sub(r"\s+", " ", body)
    page = search(browser, root, "食品安全事故")
    shown = 0
    for item in page.locator(".result").all():
        text = texts[item.locator("h2 a").get_attribute("href").split("?")[0].rsplit("/", 1)[-1]]
        passage = item.locator(".snippet").inner_text().strip("…")
        assert passage in text
        shown += "，" in passage
    assert shown >= 2
    page.close()


def test_a_snippet_shows_the_query_words_together_where_the_text_has_them_close(browser, root, site):
    """For 应急 演练 the snippet is a passage holding both where the text has one (the first
    应急 of a plan is often far from its first 演练)."""
    output, _ = site
    texts = {}
    for path in (output / "search/doc").glob("*.js"):
        row, body = _data(path)
        texts[row[5].rsplit("/", 1)[-1]] = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", body))
    page = search(browser, root, "应急 演练")
    shown = 0
    for item in page.locator(".result").all():
        text = texts[item.locator("h2 a").get_attribute("href").split("?")[0].rsplit("/", 1)[-1]]
        close = any(abs(a.start() - b.start()) < 70 for a in re.finditer("应急", text) for b in re.finditer("演练", text))
        if close:
            shown += 1
            assert {"应急", "演练"} <= set(item.locator(".snippet mark").all_inner_texts())
    assert shown >= 3
    page.close()


@pytest.mark.parametrize("query", ["盘政办发[2024]1号", "盘政办发〔2024〕 1 号", "盘政办发【2024】第1号", "盘政办发2024年1号"])
def test_document_number_variants_find_exactly_that_document(browser, root, query):
    page = search(browser, root, query)
    assert len(titles(page)) == 1
    assert "盘政办发〔2024〕1号" in metas(page)[0]
    assert page.locator("#search-mentions").is_hidden()  # no other document cites it
    page.close()


def test_a_document_number_lists_the_documents_citing_it_apart(browser, root):
    """The document bearing the number is the result; one that cites it in its text (the
    2021 notice repealing the 2020 one) is listed under its own heading, the number marked."""
    page = search(browser, root, "晋市政办[2020]2号")
    assert len(titles(page)) == 1 and "晋市政办〔2020〕2号" in metas(page)[0]
    assert page.locator("#search-mentions").is_visible()
    assert "另有 1 件文件提及此文号" in page.inner_text("#mentions-heading")
    assert page.locator(".mention h2").all_inner_texts() == ["晋城市人民政府办公室关于做好2021年春节期间安全生产工作的通知"]
    assert "晋市政办〔2020〕2号" in page.locator(".mention .snippet mark").all_inner_texts()
    assert option_counts(page, "year")[0][1] == 1  # the filters count the bearer alone, as the list does
    page.locator(".mention h2 a").first.click()  # the citing document, the number marked
    page.wait_for_load_state()
    assert "晋市政办〔2020〕2号" in page.locator(".body mark").all_inner_texts()
    assert page.locator("#site-search").input_value() == "晋市政办[2020]2号"
    page.close()


@pytest.mark.parametrize("query, bearer", [("政办发〔2024〕1号", "盘政办发〔2024〕1号"), ("市政办[2020]19号", "晋市政办〔2020〕19号")])
def test_a_number_typed_without_its_organs_first_characters_finds_its_bearer(browser, root, query, bearer):
    """No document bears or cites the number as typed; the page says so and lists the
    documents whose own number holds its parts (year and serial included)."""
    page = search(browser, root, query)
    assert [bearer in meta for meta in metas(page)] == [True]
    assert "没有文号为" in page.inner_text("#search-status")
    page.close()


@pytest.mark.parametrize("query", ["盘政发〔2023〕10号", "盘政办发〔2029〕1号"])
def test_a_number_no_document_bears_finds_nothing_though_its_parts_are_common(browser, root, query):
    """盘政发〔2023〕8号 and 9号 exist, and many texts hold 10 or 号: no document is shown."""
    page = search(browser, root, query)
    assert titles(page) == [] and "没有找到" in page.inner_text("#search-status")
    page.close()



def test_long_phrase_ranks_its_document_first(browser, root):
    page = search(browser, root, "推动大规模设备更新和消费品以旧换新")
    assert "盘政发〔2024〕4号" in metas(page)[0]
    page.close()


def test_a_passage_pasted_without_the_gap_after_its_article_number_is_found(browser, root, site):
    """The page prints 第一条　为贯彻落实… with a gap; a reader pastes the passage from a copy
    that has none: the document is found, first."""
    page = search(browser, root, "第一条为贯彻")
    _, content = site
    holder = next(d for d in read_documents(content).values() if d["title"].endswith("食品安全工作评议考核实施办法的通知"))
    assert titles(page) and metas(page)[0].startswith(holder["doc_number"])
    page.close()


def test_no_hits_where_none_exist(browser, root):
    page = search(browser, root, "量子计算机")
    assert titles(page) == [] and "没有找到" in page.inner_text("#search-status")
    page.close()


def test_no_document_with_every_word_shows_what_each_word_finds_alone(browser, root):
    page = search(browser, root, "量子计算机")
    assert not page.locator("#search-words").is_visible()  # one word: nothing to drop
    page.close()
    alone = search(browser, root, "粮", year="2020")
    expected = found(alone)
    alone.close()
    page = search(browser, root, "粮 量子计算机", year="2020")
    assert titles(page) == [] and page.locator("#search-words").is_visible()
    assert page.locator("#words-alone li").all_inner_texts() == [f"粮（{expected} 件）", "量子计算机（0 件）"]
    assert page.locator("#words-alone a").all_inner_texts() == ["粮"]
    page.locator("#words-alone a").click()
    page.wait_for_selector("body[data-search-done]")
    assert found(page) == expected > 0 and page.locator("#q").input_value() == "粮"
    assert page.locator("select[name=year]").input_value() == "2020"
    page.close()


def test_one_character_query(browser, root):
    page = search(browser, root, "粮")
    assert titles(page)
    for snippet in page.locator(".result .snippet").all_inner_texts():
        assert "粮" in snippet
    page.close()


def test_filters_really_filter(browser, root):
    everything = search(browser, root, "应急预案")
    count = len(everything.locator(".result").all())
    everything.close()
    page = search(browser, root, "应急预案", publisher="晋城市人民政府公报")
    filtered = metas(page)
    assert 0 < len(filtered) < count or "显示更多" in page.inner_text("body")
    assert all("晋城市人民政府公报" in meta for meta in filtered)
    assert page.locator("select[name=publisher]").input_value() == "晋城市人民政府公报"
    page.close()


def test_a_joint_document_is_found_under_either_organ(browser, root):
    for organ in ("晋城市财政局", "晋城市农业农村局"):
        page = search(browser, root, "保费补贴", issuer=organ)
        assert any("晋市财农〔2021〕9号" in meta for meta in metas(page)), organ
        page.close()


def found(page):
    match = re.search(r"(\d+) 件文件", page.inner_text("#search-status"))
    return int(match.group(1)) if match else 0


def option_counts(page, name):
    """(value, count, disabled) of each option of a filter; the value "" is 全部."""
    options = page.eval_on_selector_all(f"select[name={name}] option",
                                        "os => os.map(o => [o.value, o.textContent, o.disabled])")
    return [(value, int(re.search(r"（(\d+)）$", text).group(1)), disabled) for value, text, disabled in options]


@pytest.mark.parametrize("chosen", [{}, {"publisher": "盘锦市人民政府公报"}])
def test_each_filter_option_counts_the_results_choosing_it_gives(browser, root, chosen):
    """An option's count is what the list finds when it is chosen, the other filters kept;
    an option that would find nothing is disabled."""
    page = search(browser, root, "通知", **chosen)
    counts = {name: option_counts(page, name) for name in ("publisher", "year", "doc_type")}
    shown = found(page)
    page.close()
    for name, options in counts.items():
        everything, *values = options
        if name not in chosen:
            assert everything[1] == shown
        for value, count, disabled in values[:3]:
            assert disabled == (count == 0 and chosen.get(name) != value)
            page = search(browser, root, "通知", **{**chosen, name: value})
            assert found(page) == count, (name, value)
            page.close()


def test_filters_without_a_query_list_every_document_they_keep_newest_first(browser, root, site):
    output, _ = site
    facets = _data(output / "search/facet-values.js")
    lists = {name: decode_value_lists(text) for name, text in _data(output / "search/facet-docs.js").items()}
    def kept(name, value):
        return {d for d, values in enumerate(lists[name]) if facets["values"][name].index(value) in values}
    expected = kept("publisher", "盘锦市人民政府公报") & kept("doc_type", "通知")
    page = search(browser, root, "", publisher="盘锦市人民政府公报", doc_type="通知")
    assert found(page) == len(expected) > 0 and page.locator("#sort").input_value() == "date"
    while page.locator("#search-more").is_visible():
        shown = page.locator(".result").count()
        page.locator("#search-more").click()
        page.wait_for_function(f"document.querySelectorAll('.result').length > {shown}")
        # focus goes on at the first result added
        page.wait_for_function(f"document.activeElement === document.querySelectorAll('.result h2 a')[{shown}]")
    metas_shown = metas(page)
    assert len(metas_shown) == len(expected) and all("盘锦市人民政府公报" in meta for meta in metas_shown)
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", meta).group() for meta in metas_shown if re.search(r"\d{4}-\d{2}-\d{2}", meta)]
    assert dates == sorted(dates, reverse=True)
    assert "hl=" not in page.locator(".result h2 a").first.get_attribute("href")
    assert option_counts(page, "doc_type")[0][1] == len(kept("publisher", "盘锦市人民政府公报"))
    page.close()


def test_the_search_page_without_a_query_counts_the_archive_per_filter(browser, root, site):
    output, _ = site
    page = search(browser, root, "")
    total = _data(output / "search/meta.js")["documents"]
    assert option_counts(page, "publisher")[0][1] == total and page.locator(".result").count() == 0
    page.close()


def test_more_results_come_after_the_first_ten_with_the_focus_on_the_first_added(browser, root):
    page = search(browser, root, "通知")
    assert page.locator(".result").count() == 10 and found(page) > 10
    page.locator("#search-more").click()
    page.wait_for_function("document.querySelectorAll('.result').length > 10")
    page.wait_for_function("document.activeElement === document.querySelectorAll('.result h2 a')[10]")
    assert page.locator(".result").count() == min(20, found(page))
    page.close()


@pytest.mark.parametrize("listing", ["organs", "topics", "years", "types"])
def test_a_listing_page_searches_among_its_own_documents(browser, root, listing):
    """Its form sets the search page's filter: an empty query lists the same documents, a
    query finds only among them."""
    page = browser.new_page()
    page.goto(f"{root}/{listing}/index.html")
    page.locator("main li a").first.click()
    page.wait_for_load_state()
    listed = page.locator(".doclist > li").count()
    page.locator(".scoped-search button").click()
    page.wait_for_selector("body[data-search-done]")
    assert found(page) == listed > 0
    page.locator("#q").fill("通知")
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_selector("body[data-search-done]")
    assert 0 <= found(page) <= listed and page.locator("#q").input_value() == "通知"
    page.close()


def test_sorting_by_date_lists_the_same_hits_newest_first(browser, root):
    by_relevance = search(browser, root, "预案")
    count, first = by_relevance.inner_text("#search-status"), metas(by_relevance)
    by_relevance.close()
    page = search(browser, root, "预案", sort="date")
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", meta).group() for meta in metas(page)]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1
    assert dates[0] >= max(re.search(r"\d{4}-\d{2}-\d{2}", meta).group() for meta in first)
    assert page.inner_text("#search-status") == count
    assert page.locator("#sort").input_value() == "date"
    page.close()


def test_query_text_is_never_markup(browser, root):
    page = search(browser, root, "<img src=x onerror=alert(1)>安全")
    assert page.dialogs == []
    assert page.locator("#search-results img").count() == 0
    page.close()


def test_result_opens_the_document_with_the_query_highlighted(browser, root):
    page = search(browser, root, "文物普查")
    page.locator(".result h2 a").first.click()
    page.wait_for_load_state()
    assert page.locator(".body mark").count() > 0
    assert page.locator(".body mark").first.inner_text() == "文物普查"
    assert page.locator(".body:not(.head) mark").count() > 0  # in the text, not only the heading
    page.close()


def test_a_phrase_copied_with_its_punctuation_is_marked_as_printed(browser, root):
    """A reader pastes a passage with its comma: the documents holding the passage come
    first, and the document page marks the passage as that document prints it (the
    search folds ， to , and back).  Panjin's gazette prints ，, Jincheng's ,."""
    for publisher, printed in (("盘锦市人民政府公报", "经市政府同意，现印发给你们"), ("晋城市人民政府公报", "经市政府同意,现印发给你们")):
        page = search(browser, root, "经市政府同意，现印发给你们", publisher=publisher)
        page.locator(".result h2 a").first.click()
        page.wait_for_load_state()
        assert printed in page.locator(".body mark").all_inner_texts()
        page.close()


@pytest.mark.parametrize("query", ["经市政府同意，现印发给你们", "5G产业"])
def test_a_phrase_with_punctuation_or_digits_ranks_its_holders_first(browser, root, site, query):
    """The whole phrase as typed, punctuation and digits included (folded: ， is ,), puts the
    documents that hold it before those holding its parts apart."""
    output, _ = site
    def folded(text):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
    texts = {}
    for path in (output / "search/doc").glob("*.js"):
        row, body = _data(path)
        texts[row[5].rsplit("/", 1)[-1]] = folded(row[0] + row[1] + body)
    page = search(browser, root, query)
    shown = [texts[href.split("?")[0].rsplit("/", 1)[-1]]
             for href in page.locator(".result h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    holds = [folded(query) in text for text in shown]
    assert any(holds) and not all(holds) and holds == sorted(holds, reverse=True), holds
    page.close()


def test_the_document_page_steps_through_the_marked_words(browser, root):
    page = search(browser, root, "粮食")
    page.locator(".result h2 a").first.click()
    page.wait_for_load_state()
    marks, nav = page.locator(".body mark"), page.locator(".hit-nav")
    count = marks.count()
    assert count > 2 and nav.locator("span").inner_text() == f"检索词第 1 / {count} 处"
    nav.get_by_role("button", name="下一处").click()
    assert nav.locator("span").inner_text() == f"检索词第 2 / {count} 处"
    assert "current" in marks.nth(1).get_attribute("class") and not marks.first.get_attribute("class")
    assert marks.nth(1).is_visible()
    nav.get_by_role("button", name="上一处").click()
    nav.get_by_role("button", name="上一处").click()  # from the first, back to the last
    assert nav.locator("span").inner_text() == f"检索词第 {count} / {count} 处"
    nav.get_by_role("link", name="取消标记").click()
    page.wait_for_load_state()
    assert "hl=" not in page.url and page.locator(".body mark").count() == 0
    page.close()


def _data(path):
    text = path.read_text(encoding="utf-8")
    return json.loads(re.match(r"GazetteSearch\.receive\([^,]+,(.*)\);\s*$", text, re.S).group(1))


def _stats(output):
    stats = _data(output / "search/meta.js")
    lengths = _data(output / "search/lengths.js")
    stats["lengths"] = [decode_numbers(lengths[field]) for field in stats["fields"]]
    return stats


def expected_ranking(output, query):
    """Scores summed over terms, from the index data and lunr.py's formulas: the ranking
    one index over all terms gives (lunr's score is a dot product; the query-vector length
    is the same for every document: the page's lunr index has a term per query word, so
    it is the square root of the number of words)."""
    stats = _stats(output)
    vectors = defaultdict(dict)
    for path in (output / "search/index").glob("*.js"):
        part = expand(_data(path), stats)
        index_term = {posting["_index"]: term for term, posting in part["invertedIndex"]}
        for field_ref, flat in part["fieldVectors"]:
            for position, score in zip(flat[::2], flat[1::2]):
                vectors[index_term[position]][field_ref] = score
    seen, words = set(), 0
    for word in query_words(query):  # a token in two words counts in the first
        words += any(t not in seen for t in word)
        seen.update(word)
    tokens = seen
    total = None
    for token in tokens:
        scores = defaultdict(float)
        for field_ref, score in vectors.get(token, {}).items():
            scores[int(field_ref.split("/", 1)[1])] += score
        total = dict(scores) if total is None else {r: s + scores[r] for r, s in total.items() if r in scores}
    return sorted(((ref, score / math.sqrt(words)) for ref, score in total.items()),
                  key=lambda pair: (-pair[1], pair[0]))


@pytest.mark.parametrize("lunr_documents", [200, 2], ids=["all-by-lunr", "best-two-by-lunr"])
@pytest.mark.parametrize("query", ["食品安全 应急预案", "粮 安全", "工业互联网", "盘政办发〔2024〕1号 方案", "食品安全 安全"])
def test_partitioned_ranking_equals_one_index(browser, site, query, lunr_documents):
    """Whether lunr.js ranks every hit or only the best (the rest keep the same score's
    order), the ranking is that of one index over everything."""
    output, _ = site
    page = browser.new_page()
    page.goto((output / "search.html").as_uri())
    page.wait_for_selector("body[data-search-done]")
    ranked = page.evaluate("""([q, n]) => { GazetteSearch.lunrDocuments = n;
        return GazetteSearch.rank(GazetteTokenizer.queryWords(q)); }""", [query, lunr_documents])
    if lunr_documents == 2 and "号" not in query:
        assert len(ranked) > 2, "the query must have hits beyond those lunr.js ranks"
    expected = expected_ranking(output, query)
    assert [ref for ref, _ in ranked] == [ref for ref, _ in expected]
    assert all(abs(a[1] - b[1]) < 1e-6 * max(1, b[1]) for a, b in zip(ranked, expected))
    page.close()
