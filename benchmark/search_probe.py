"""Search measured in headless Chromium from file://: bytes and files loaded when the
search page opens and per query, first and repeated query latency."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUERIES = ("食品安全", "应急预案 工作", "政务服务事项", "粮", "推动大规模设备更新", "盘政办发〔2010〕21号", "量子计算")


def _loaded(page) -> list[str]:
    """Scripts and stylesheets the page has (file:// loads leave no resource timing)."""
    return page.evaluate("""Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]'))
        .map(e => e.src || e.href)""")


def _bytes(urls: list[str]) -> int:
    return sum(Path(unquote(urlsplit(url).path)).stat().st_size for url in urls if url.startswith("file:"))


def probe(output: Path) -> dict:
    results = {"queries": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        search = (output / "search.html").as_uri()
        page.goto(search)
        page.wait_for_selector("body[data-search-done]")
        opened = _loaded(page) + [search]
        results["open_bytes"], results["open_files"] = _bytes(opened), len(opened)
        for query in QUERIES:
            page.close()
            page = browser.new_page()  # a fresh page: nothing of an earlier query is loaded
            page.goto(search)
            page.wait_for_selector("body[data-search-done]")
            before = set(_loaded(page))
            first = page.evaluate("""async q => { const t = performance.now();
                const r = await GazetteSearch.rank(GazetteTokenizer.queryWords(q)); return [performance.now() - t, r.length]; }""", query)
            repeated = page.evaluate("""async q => { const t = performance.now();
                await GazetteSearch.rank(GazetteTokenizer.queryWords(q)); return performance.now() - t; }""", query)
            loaded = [url for url in _loaded(page) if url not in before]
            results["queries"].append({"query": query, "first_ms": first[0], "repeat_ms": repeated,
                                       "hits": first[1], "bytes": _bytes(loaded), "files": len(loaded)})
        browser.close()
    return results
