"""What a reader does, in headless Chromium (Debian's), from disk and over http."""
from __future__ import annotations

import pytest

from site_helpers import watch_failures

pytest.importorskip("playwright.sync_api")


@pytest.fixture(params=["file", "http"])
def home(request, site, http_root):
    output, _ = site
    return (output / "index.html").as_uri() if request.param == "file" else f"{http_root}/index.html"


def test_reader_goes_from_home_to_issue_to_document(browser, home):
    page = browser.new_page()
    failed = watch_failures(page)
    page.goto(home)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.get_by_role("link", name="晋城市人民政府公报", exact=True).click()
    page.get_by_role("link", name="2020年第2期", exact=True).click()
    assert "晋城市人民政府公报 2020年第2期" in page.locator("h1").inner_text()
    page.get_by_role("link", name="晋城市人民政府办公室关于进一步加强扶贫资产管理的实施意见").click()
    assert page.locator("h1").inner_text() == "晋城市人民政府办公室关于进一步加强扶贫资产管理的实施意见"
    assert "晋市政办〔2020〕10号" in page.locator(".details").inner_text()
    page.get_by_role("link", name="下一篇", exact=False).click()
    assert "晋市政办〔2020〕11号" in page.locator(".details").inner_text()
    assert failed == []
    page.close()


def test_reader_follows_a_repeal_to_the_repealing_sentence(browser, home):
    page = browser.new_page()
    page.goto(home)
    page.goto(page.url.replace("index.html", "organs/index.html"))
    page.get_by_role("link", name="晋城市人民政府办公室", exact=False).first.click()
    page.get_by_role("link", name="晋城市人民政府办公室关于做好2020年春节期间安全生产工作的通知").click()
    assert "已废止" in page.locator(".validity").inner_text()
    page.locator(".validity a").click()
    assert "晋市政办〔2021〕3号" in page.locator(".details").inner_text()
    target = page.evaluate("location.hash")
    assert target.startswith("#repeal-")
    assert "同时废止" in page.locator(target).inner_text()
    page.close()


def test_document_page_is_readable_on_a_phone(browser, site):
    output, _ = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto((output / "panjin/2024/1-2/panzhengbanfa-2024-1.html").as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "the page scrolls sideways on a phone"
    page.close()


def test_print_shows_the_pages_own_address_and_date_and_no_link_targets(browser, site):
    import datetime

    output, _ = site
    page = browser.new_page()
    page.goto((output / "jincheng/2020/2/jinshizhengban-2020-10.html").as_uri())
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".site-header nav").is_hidden() and page.locator(".search-box").is_hidden()
    stamp = page.locator("#print-stamp")
    assert stamp.is_visible()
    assert page.url in stamp.inner_text() and datetime.date.today().isoformat() in stamp.inner_text()
    after = page.evaluate("getComputedStyle(document.querySelector('.details a'), '::after').content")
    assert after in ("none", "normal", '""'), after   # no raw target after a link
    text = page.locator("main").inner_text()
    targets = page.evaluate("[...document.querySelectorAll('main a[href]')].map(a => a.href)")
    assert [target for target in targets if target in text and target.split("#")[0] != page.url] == []
    page.close()


def test_a_document_page_offers_a_citation_to_copy(browser, site, http_root):
    import datetime

    output, _ = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    url = f"{http_root}/panjin/2024/1-2/panzhengban-2024-4.html"
    page.goto(url)
    citation = page.locator("#citation").inner_text()
    for part in ("盘锦市人民政府办公室", "盘锦市人民政府办公室关于修订盘锦市食品安全事故应急预案的通知", "盘政办〔2024〕4号",
                 "2024-02-27", "盘锦市人民政府公报 2024年第1—2月号", url, datetime.date.today().isoformat()):
        assert part in citation, part
    page.get_by_role("button", name="复制引用").click()
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    assert page.locator("#copy-status").inner_text() == "已复制"
    assert page.evaluate("navigator.clipboard.readText()") == " ".join(citation.split())
    assert "不是官方版本" in page.locator(".cite .official").inner_text()
    context.close()


def _longest_table_page(output):
    """The document page whose table has the most rows."""
    import re

    def rows(page):
        return max((len(re.findall("<tr>", table)) for table in re.findall(r"<table>.*?</table>",
                    page.read_text(encoding="utf-8"), re.S)), default=0)
    return max(output.rglob("*.html"), key=rows)


def test_a_long_tables_header_stays_in_view_and_the_keyboard_scrolls_it(browser, site):
    output, _ = site
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(_longest_table_page(output).as_uri())
    region = page.locator(".table-scroll").first
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.className") != "table-scroll":
        page.keyboard.press("Tab")   # the region is in the tab order: no mouse needed
    region.scroll_into_view_if_needed()
    before = region.evaluate("r => r.scrollTop")
    for _ in range(5):
        page.keyboard.press("PageDown")
    # the browser may scroll smoothly: the region moves within a few frames, not at once
    region.evaluate("(r, before) => new Promise(done => { const t0 = performance.now(); (function wait() {"
                    " if (r.scrollTop > before || performance.now() - t0 > 3000) done(); else requestAnimationFrame(wait);"
                    " })(); })", before)
    assert region.evaluate("r => r.scrollTop") > before
    box, header = region.bounding_box(), region.locator("thead th").first.bounding_box()
    assert abs(header["y"] - box["y"]) <= 2, "the header row scrolled away"
    page.close()


def test_each_table_downloads_as_its_own_csv(browser, site, http_root):
    import csv
    import io

    output, _ = site
    relative = _longest_table_page(output).relative_to(output).as_posix()
    page = browser.new_page()
    page.goto(f"{http_root}/{relative}")
    figure = page.locator("figure.table").first
    shown = figure.locator("tr").count()
    link = figure.get_by_role("link", name="下载 CSV")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok
    rows = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
    assert len(rows) == shown
    assert rows[0] == [cell.strip() for cell in figure.locator("thead th").all_inner_texts()]
    page.close()


def test_every_page_names_an_icon_that_loads(browser, home):
    """A browser asks a site for its icon: without one declared, every page a reader opens
    over http logs a 404 for /favicon.ico."""
    page = browser.new_page()
    try:
        page.goto(home)
        icon = page.eval_on_selector("link[rel=icon]", "link => link.href")
        response = page.goto(icon)
        assert response is None or response.ok     # from disk, a file:// load gives no response
        assert "<svg" in page.content()
    finally:
        page.close()
