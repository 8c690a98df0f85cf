"""The reader's archive on a phone and from the keyboard, in headless Chromium (#23)."""
from __future__ import annotations

import re
import time

import pytest

from test_search_browser import metas, search

pytest.importorskip("playwright.sync_api")

PHONE = {"width": 375, "height": 740}
DOCUMENT = "panjin/2024/1-2/panzhengban-2024-4.html"


@pytest.fixture(params=["file", "http"])
def root(request, site, http_root):
    output, _ = site
    return output.as_uri() if request.param == "file" else http_root


def test_on_a_phone_the_text_starts_on_the_first_screen(browser, root):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{root}/{DOCUMENT}")
    first = page.locator(".body:not(.head) p").first
    assert first.bounding_box()["y"] + 20 < PHONE["height"]
    # the details are one line away, and hold everything
    summary = page.locator(".details-box > summary")
    assert "盘政办〔2024〕4号" in summary.inner_text() and "2024-02-27" in summary.inner_text()
    assert not page.locator(".details").is_visible()
    summary.click()
    assert page.locator(".details").is_visible() and "主送机关" in page.locator(".details").inner_text()
    page.close()


def test_on_a_wide_screen_the_details_stand_open_without_the_folding_line(browser, root):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{root}/{DOCUMENT}")
    assert page.locator(".details").is_visible() and not page.locator(".details-box > summary").is_visible()
    page.close()


def test_on_a_phone_the_first_result_shows_above_the_fold(browser, root):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{root}/search.html?q=食品安全")
    page.wait_for_selector("body[data-search-done]")
    assert page.locator(".result").first.bounding_box()["y"] < PHONE["height"]
    assert not page.locator("select[name=year]").is_visible()      # the filters behind one button
    page.locator(".filters-box > summary").click()
    assert page.locator("select[name=year]").is_visible()
    page.close()


def test_controls_are_finger_sized_and_inputs_do_not_make_a_phone_zoom(browser, root):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{root}/search.html?q=食品安全")
    page.wait_for_selector("body[data-search-done]")
    page.locator(".filters-box > summary").click()
    sizes = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select, button')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.name || e.id || e.textContent, e.getBoundingClientRect().height,
                   parseFloat(getComputedStyle(e).fontSize)])""")
    assert sizes
    for name, height, font in sizes:
        assert height >= 44 and font >= 16, (name, height, font)
    page.close()


def test_slash_goes_to_the_search_box_and_results_come_right_after_it(browser, root):
    page = browser.new_page()
    page.goto(f"{root}/{DOCUMENT}")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("食品安全")
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-search-done]")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"   # the search page's own box
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")            # 跳到检索结果
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.result') !== null")
    assert focused, "the first result is not the next stop after the search box"
    page.close()


def test_every_search_landmark_has_a_name_of_its_own(browser, root):
    for path in ("search.html?q=通知", "organs/index.html", "topics/index.html"):
        page = browser.new_page()
        page.goto(f"{root}/{path}")
        names = page.evaluate("""() => [...document.querySelectorAll('[role=search], search')]
            .map(e => e.getAttribute('aria-label'))""")
        assert all(names) and len(names) == len(set(names)), (path, names)
        page.close()


def test_oldest_first_lists_the_same_hits_by_date_ascending(browser, root):
    newest = search(browser, root, "预案", sort="date")
    count, dates_newest = newest.inner_text("#search-status"), metas(newest)
    newest.close()
    page = search(browser, root, "预案", sort="date-asc")
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", meta).group() for meta in metas(page)]
    assert dates == sorted(dates) and len(set(dates)) > 1
    assert page.inner_text("#search-status") == count and page.locator("#sort").input_value() == "date-asc"
    page.close()


def _dates(page) -> list[str]:
    return [re.search(r"\d{4}-\d{2}-\d{2}", meta).group() for meta in metas(page)]


def test_a_date_range_alone_lists_every_document_signed_within_it(browser, root, site):
    """Counted against the documents' own front matter: each signed in the range, none
    undated, newest first."""
    from conftest import read_documents

    _, content = site
    signed = [str(d["date"]) for d in read_documents(content).values() if d.get("date")]
    within = [date for date in signed if "2020-03-01" <= date <= "2020-04-30"]
    assert 0 < len(within) < len(signed)
    page = search(browser, root, "", **{"from": "2020-03-01", "to": "2020-04-30"})
    assert page.inner_text("#search-status") == f"找到 {len(within)} 件文件"
    dates = _dates(page)
    assert dates == sorted(within, reverse=True)[:10]
    assert page.input_value("#from") == "2020-03-01" and page.input_value("#to") == "2020-04-30"
    page.close()


def test_a_date_range_narrows_a_query_and_is_said_where_the_filters_fold(browser, root):
    page = search(browser, root, "通知")
    everywhere = int(re.search(r"\d+", page.inner_text("#search-status")).group())
    page.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{root}/search.html?q=通知&from=2024-01-01")
    page.wait_for_selector("body[data-search-done]")
    found = int(re.search(r"\d+", page.inner_text("#search-status")).group())
    assert 0 < found < everywhere
    assert all(date >= "2024-01-01" for date in _dates(page))
    assert "成文日期 2024-01-01 至 …" in page.inner_text(".filters-box > summary")   # folded on a phone
    # given the wrong way round, the range is read the other way
    page.goto(f"{root}/search.html?q=通知&from=2024-12-31&to=2024-01-01")
    page.wait_for_selector("body[data-search-done]")
    assert int(re.search(r"\d+", page.inner_text("#search-status")).group()) == found
    page.close()


def test_a_printed_page_read_back_from_its_pdf_names_its_address_and_date_only(browser, http_root, tmp_path):
    """Printed to PDF by Chromium and read back with pypdfium2: the document's title and
    text, its own address and the day printed; no link's raw target, no page furniture."""
    import datetime

    import pypdfium2

    url = f"{http_root}/{DOCUMENT}"
    page = browser.new_page()
    page.goto(url)
    title = page.locator("h1").first.inner_text()
    page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
    page.close()
    pdf = pypdfium2.PdfDocument(tmp_path / "printed.pdf")
    text = re.sub(r"\s+", "", "".join(pdf[k].get_textpage().get_text_range() for k in range(len(pdf))))
    assert re.sub(r"\s+", "", title) in text and "食品安全事故" in text
    assert f"本页地址：{url}打印日期：{datetime.date.today().isoformat()}" in text
    addresses = re.findall(r"(?:https?|file)://", text)
    assert len(addresses) == text.count(url) == 2, addresses      # the stamp's and the citation's own
    for furniture in ("跳到正文", "复制引用", "元数据JSON", "质量报告"):
        assert furniture not in text, furniture


def _rare_phrase(output) -> str:
    """Three characters whose two pairs many documents hold, and the three together at most
    two: a phrase whose check must read many texts to find few holders."""
    from collections import Counter

    from test_search_browser import _data

    texts = ["".join(_data(path)[0][:2]) + _data(path)[1] for path in (output / "search/doc").glob("*.js")]
    pairs = [set(re.findall(r"(?=([\u4e00-\u9fff]{2}))", text)) for text in texts]
    common = [pair for pair, n in Counter(p for held in pairs for p in held).items() if n >= 25]
    for first in sorted(common):
        for second in sorted(common):
            phrase = first + second[1]
            if first[1] == second[0] and sum(phrase in text for text in texts) <= 2 and \
                    sum(first in held and second in held for held in pairs) >= 25:
                return phrase
    pytest.skip("no phrase of the kind in this archive")


def test_a_phrase_check_that_takes_too_long_stops_and_says_how_far_it_got(browser, site, http_root):
    """Each text the check reads arrives slowly (0.1 s): the page does not wait for every
    hit's text, it shows a full page at once, the hits checked to hold the phrase first,
    and says how far the check got; 显示更多 goes on checking."""
    output, _ = site
    phrase = _rare_phrase(output)
    page = browser.new_page()

    def slowly(route):
        time.sleep(0.1)
        route.continue_()
    page.route("**/search/doc/*.js", slowly)
    page.goto(f"{http_root}/search.html?q={phrase}")
    page.wait_for_selector("body[data-search-done]", timeout=60000)
    status = page.inner_text("#search-status")
    got = re.search(r"核对 (\d+) / (\d+) 件后停下", status)
    assert got and 0 < int(got.group(1)) < int(got.group(2)), status
    assert page.locator(".result").count() == 10 and "显示更多" in status
    page.click("#search-more")
    page.wait_for_function("document.querySelectorAll('.result').length > 10", timeout=60000)
    page.close()
    page = search(browser, http_root, phrase)      # at full speed the whole check is done
    assert "停下" not in page.inner_text("#search-status")
    page.close()


def test_a_gazettes_page_lists_its_newest_issue_first(site):
    from site_helpers import parse

    output, _ = site
    for publisher in ("panjin", "jincheng"):
        links = parse(output / publisher / "index.html").links
        issues = [match.groups() for match in (re.search(rf"{publisher}/(\d{{4}})/([^/]+)/index\.html$", link)
                                                for link in links) if match]
        assert issues, publisher
        years = [int(year) for year, _ in issues]
        assert years == sorted(years, reverse=True)
        # within a year, the later issue first: 11-12 before 1-2
        within = [int(re.match(r"\d+", slug).group()) for year, slug in issues if year == issues[0][0]]
        assert within == sorted(within, reverse=True), (publisher, issues)


def _texts(content):
    from conftest import read_documents

    return {relative: (content / relative).read_text(encoding="utf-8") for relative in read_documents(content)}


def test_a_word_no_document_holds_whole_is_searched_as_its_parts(browser, root, site):
    """营商环境优化 stands in no document; 营商环境 and 优化 do: the search says so, finds the
    documents holding both parts and shows what each part finds alone."""
    _, content = site
    texts = _texts(content).values()
    assert not any("营商环境优化" in text for text in texts)
    both = sum("营商环境" in text and "优化" in text for text in texts)
    page = search(browser, root, "营商环境优化")
    status = page.inner_text("#search-status")
    assert "没有文件包含“营商环境优化”" in status and "“营商环境”“优化”" in status
    assert page.locator(".result").count() == min(both, 10) > 0
    alone = page.locator("#words-alone li").all_inner_texts()
    assert [item.split("（")[0] for item in alone] == ["营商环境", "优化"]
    page.close()


def test_a_number_not_held_says_so_and_lists_who_mentions_it(browser, root, site):
    import lxml.html

    output, _ = site
    number_page = sorted((output / "numbers").glob("*.html"))[0]
    tree = lxml.html.parse(str(number_page))
    number = tree.xpath("string(//h1)").strip()
    mentioning = len(set(tree.xpath("//section//li//a/@href")))
    page = search(browser, root, number)
    assert f"本档案未收录“{number}”" in page.inner_text("#search-status")
    assert page.locator("#search-results .result").count() == 0   # nothing passed off as the match
    assert "本档案未收录此文号" in page.inner_text("#mentions-heading")
    assert page.locator("#mention-results li").count() == min(mentioning, 10) > 0
    page.close()


def test_the_words_searched_for_are_marked_in_result_titles(browser, root):
    page = search(browser, root, "食品安全")
    marked = page.locator(".result h2 mark").all_inner_texts()
    assert marked and set(marked) == {"食品安全"}
    assert any("食品安全" in title for title in page.locator(".result h2").all_inner_texts())
    page.close()
