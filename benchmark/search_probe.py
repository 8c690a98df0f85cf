"""Search measured in headless Chromium from file://: bytes and files loaded when the
search page opens and per query, first and repeated query latency."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUERIES = ("食品安全", "应急预案 工作", "政务服务事项", "粮", "推动大规模设备更新", "推动大规模设备更新和消费品以旧换新",
           "量子计算")


def queries(output: Path) -> list[str]:
    """The fixed queries, and of the archive's middle document its number, written as
    readers type it (square brackets), and its title (a long query that many documents'
    bigrams match)."""
    documents = json.loads((output / "data/documents.json").read_text(encoding="utf-8"))
    numbered = [d["doc_number"] for d in documents if d.get("doc_number")]
    extra = [numbered[len(numbered) // 2].replace("〔", "[").replace("〕", "]")] if numbered else []
    extra += [documents[len(documents) // 2]["title"]] if documents else []
    return list(QUERIES) + extra


def _loaded(page) -> list[str]:
    """Scripts and stylesheets the page has (file:// loads leave no resource timing)."""
    return page.evaluate("""Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]'))
        .map(e => e.src || e.href)""")


def _bytes(urls: list[str]) -> int:
    return sum(Path(unquote(urlsplit(url).path)).stat().st_size for url in urls if url.startswith("file:"))


def _results_page(browser, search: str, query: str, opened: set) -> dict:
    """The results page as a reader gets it (search.html?q=…): milliseconds from the query's
    start to its first result and to its first ten on screen, and every file it loaded
    beyond the page's own."""
    page = browser.new_page()
    page.goto(f"{search}?q={quote(query)}")
    page.wait_for_selector("body[data-search-done]")
    loaded = [url for url in _loaded(page) if url.split("?")[0] not in opened]
    shown = {"page_ms": page.evaluate("GazetteSearch.lastQueryMs"),
             "first_shown_ms": page.evaluate("GazetteSearch.firstShownMs || null"), "page_bytes": _bytes(loaded),
             "page_files": len(loaded)}
    page.close()
    return shown


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
        for query in queries(output):
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
            shown = _results_page(browser, search, query, set(opened))
            results["queries"].append({"query": query, "first_ms": first[0], "repeat_ms": repeated,
                                       "hits": first[1], "bytes": _bytes(loaded), "files": len(loaded), **shown})
        browser.close()
    return results
