"""Exact phrases first, and long phrases within the file budget: search as the page runs
it, in headless Chromium, checked against the documents' texts."""
from __future__ import annotations

import random
import re
import unicodedata
from urllib.parse import quote

import pytest

from plugins.search_index.scoring import partition_of
from plugins.search_index.tokenizer import query_words
from test_search_browser import _data

pytest.importorskip("playwright.sync_api")
HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def texts(output) -> dict[int, list[str]]:
    """Each document's title, number and text (NFKC, no whitespace: as the result list
    checks them)."""
    found = {}
    for path in (output / "search/doc").glob("*.js"):
        row, body = _data(path)
        found[int(path.stem)] = [re.sub(r"[ \t\r\n\u3000]+", "", unicodedata.normalize("NFKC", text))
                                 for text in (row[0], row[1], body)]
    return found


def holds(fields: list[str], *phrases: str) -> bool:
    """Whether one of the fields holds every phrase."""
    return any(all(phrase in field for phrase in phrases) for field in fields)


def phrases(documents: dict[int, list[str]], count: int) -> list[str]:
    """Phrases of 3 to 8 Han characters cut from the documents at random (fixed seed)."""
    generator, found = random.Random(8), set()
    runs = [run for ref in sorted(documents) for field in documents[ref] for run in HAN_RUN.findall(field)
            if len(run) >= 3]
    while len(found) < count:
        run = generator.choice(runs)
        length = generator.randint(3, min(8, len(run)))
        start = generator.randrange(len(run) - length + 1)
        found.add(run[start:start + length])
    return sorted(found)


@pytest.fixture(scope="module")
def ranked(browser, site):
    """For each phrase, lunr's ranking of its hits."""
    output, _ = site
    documents = texts(output)
    page = browser.new_page()
    page.goto((output / "search.html").as_uri())
    page.wait_for_selector("body[data-search-done]")
    results = page.evaluate("""async queries => { const out = [];
        for (const q of queries) out.push([q, (await GazetteSearch.rank(GazetteTokenizer.queryWords(q))).map(r => r[0])]);
        return out; }""", phrases(documents, 400))
    page.close()
    return documents, results


def test_the_result_list_shows_the_documents_holding_the_phrase_first(browser, site, ranked):
    """Where lunr's ranking puts a document without the phrase before one with it, the
    list shows those holding it first: a page shows one without it only when it shows
    every hit holding it."""
    output, _ = site
    documents, results = ranked
    misordered = [(q, refs) for q, refs in results
                  if any(not holds(documents[a], q) and holds(documents[b], q) for a, b in zip(refs[:10], refs[1:11]))]
    assert len(misordered) >= 5, "some phrases must be ranked wrongly by lunr alone"
    url = {_data(path)[0][5]: int(path.stem) for path in (output / "search/doc").glob("*.js")}
    page = browser.new_page()
    for query, refs in misordered[:5]:
        page.goto(f"{(output / 'search.html').as_uri()}?q={quote(query)}")
        page.wait_for_selector("body[data-search-done]")
        shown = [url[href.split("?")[0]] for href in page.locator(".result h2 a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")]
        holding = [holds(documents[ref], query) for ref in shown]
        assert holding == sorted(holding, reverse=True), query
        labelled = page.locator(".result").evaluate_all("items => items.map(i => !!i.querySelector('.partial'))")
        assert labelled == [not held for held in holding], query  # 不含完整检索词 on those without it
        assert sum(holding) == min(len(shown), sum(holds(documents[ref], query) for ref in refs)), query
    page.close()


def test_no_hit_without_the_phrase_comes_before_one_with_it_however_deep_lunr_ranks_it(browser, site):
    """lunr may rank the hits holding a phrase far below hits holding only its bigrams (at
    10,000 documents, 产业基地's holders came 5th, 9th, 18th, then 48th … 197th … among
    1,387 hits).  Here every document without the phrase goes ahead of those with it (and
    none holds it in its title: the index cannot tell): the list checks texts until its
    page is full of holders, or every hit is checked, and shows those without it last."""
    output, _ = site
    documents = texts(output)
    query = next(q for q in phrases(documents, 400)
                 if 1 <= sum(q in fields[2] for fields in documents.values()) <= 3
                 and not any(q in fields[0] for fields in documents.values()))
    holders = sorted(ref for ref, fields in documents.items() if holds(fields, query))
    others = sorted(set(documents) - set(holders))
    assert len(others) > 3 * 10  # deeper than the 30 texts a page checked at most before
    page = browser.new_page()
    page.goto(f"{(output / 'search.html').as_uri()}?q={quote(query)}")  # the phrase's index parts loaded
    page.wait_for_selector("body[data-search-done]")
    shown = page.evaluate("""async ([q, hits]) => {
        const pages = GazetteSearch.pager(hits, GazetteTokenizer.queryPhrases(q), false), shown = [];
        await pages.next(found => found.forEach(hit => shown.push(hit[0])));
        return shown; }""", [query, [[ref, 0] for ref in others + holders]])
    page.close()
    assert shown[:len(holders)] == holders, query
    assert len(shown) == 10 and not any(holds(documents[ref], query) for ref in shown[len(holders):])


def test_a_long_phrase_loads_at_most_ten_index_files_and_finds_its_document(browser, site):
    output, _ = site
    documents = texts(output)
    partitions = _data(output / "search/meta.js")["partitions"]
    phrase = next(run[:30] for _, fields in sorted(documents.items()) for run in HAN_RUN.findall(fields[2])
                  if len(run) >= 30)
    assert len({partition_of(t, partitions) for word in query_words(phrase) for t in word}) > 10
    page = browser.new_page()
    page.goto((output / "search.html").as_uri())
    page.wait_for_selector("body[data-search-done]")
    hits = page.evaluate("q => GazetteSearch.rank(GazetteTokenizer.queryWords(q))", phrase)
    index_files = page.evaluate("""Array.from(document.querySelectorAll('script[src]'))
        .filter(s => s.src.includes('/search/index/')).length""")
    page.close()
    assert index_files <= 10
    assert holds(documents[hits[0][0]], phrase)
    assert {r for r, fields in documents.items() if holds(fields, phrase)} <= {r for r, _ in hits}


def test_the_index_tells_which_hits_hold_the_phrase_in_their_title(browser, site):
    """From where bigrams stand in titles, without loading texts: exactly the hits whose
    title holds the phrase; where a long phrase's bigrams were left out (withinParts) and
    a character is missing, those whose title may hold it (none left out)."""
    output, _ = site
    documents = texts(output)
    titles = sorted({max(HAN_RUN.findall(fields[0]), key=len, default="") for fields in documents.values()} - {""})
    queries = phrases(documents, 300) + [title for title in titles if len(title) >= 3]
    page = browser.new_page()
    page.goto((output / "search.html").as_uri())
    page.wait_for_selector("body[data-search-done]")
    results = page.evaluate("""async queries => { const out = []; for (const q of queries) {
        const hits = (await GazetteSearch.rank(GazetteTokenizer.queryWords(q))).map(r => r[0]);
        const titled = GazetteSearch.titleHolders([q]);
        out.push([q, hits, Array.from(titled.documents), titled.exact]); } return out; }""", queries)
    page.close()
    for query, hits, titled, exact in results:
        holding = {ref for ref in hits if query in documents[ref][0]}
        found = set(titled) & set(hits)
        assert found == holding if exact else found >= holding, query
    assert sum(exact for *_, exact in results) >= 0.9 * len(results)
    assert sum(bool(set(titled) & set(hits)) for _, hits, titled, _ in results) >= len(titles)


def absent_phrase(documents: dict[int, list[str]]) -> str:
    """Three characters ABC that no document holds, though one holds AB and BC (and at
    most 30 hold both, so the list checks every hit)."""
    joined = ["".join(fields) for _, fields in sorted(documents.items())]
    for text in joined:
        for run in HAN_RUN.findall(text):
            for a, b in zip(run, run[1:]):
                for after in re.finditer(re.escape(b) + "([\u4e00-\u9fff])", text):
                    phrase = a + b + after.group(1)
                    both = [t for t in joined if a + b in t and phrase[1:] in t]
                    if len(both) <= 30 and not any(phrase in t for t in joined):
                        return phrase
    raise AssertionError("no such phrase in the samples")


def test_a_phrase_no_document_holds_is_said_so_above_the_documents_holding_its_words(browser, site):
    output, _ = site
    documents = texts(output)
    page = browser.new_page()
    for query, held in ((absent_phrase(documents), False), (phrases(documents, 1)[0], True)):
        page.goto(f"{(output / 'search.html').as_uri()}?q={quote(query)}")
        page.wait_for_selector("body[data-search-done]")
        status = page.inner_text("#search-status")
        assert status.startswith("找到") if held else f"没有文件包含完整的“{query}”" in status, status
        assert page.locator(".result").count() > 0
        marked = set(page.locator(".result .snippet mark").all_inner_texts())
        # a hit without the phrase has its bigrams marked
        assert query in marked if held else marked and marked <= {query[:2], query[1:]}, marked
    page.close()


def test_once_every_hit_is_checked_the_status_says_how_many_hold_the_phrase(browser, site):
    """The reader learns where the hits labelled 不含完整检索词 begin: 找到 N 件文件，其中 M
    件包含完整的“…”."""
    output, _ = site
    documents = texts(output)
    candidates = phrases(documents, 400)
    page = browser.new_page()
    page.goto((output / "search.html").as_uri())
    page.wait_for_selector("body[data-search-done]")
    hits = page.evaluate("""async queries => { const out = [];
        for (const q of queries) out.push((await GazetteSearch.rank(GazetteTokenizer.queryWords(q))).map(r => r[0]));
        return out; }""", candidates)
    query, found, holding = next((q, refs, sum(holds(documents[ref], q) for ref in refs))
                                 for q, refs in zip(candidates, hits)
                                 if 0 < sum(holds(documents[ref], q) for ref in refs) < min(10, len(refs)))
    page.goto(f"{(output / 'search.html').as_uri()}?q={quote(query)}")
    page.wait_for_selector("body[data-search-done]")
    assert page.inner_text("#search-status") == f"找到 {len(found)} 件文件，其中 {holding} 件包含完整的“{query}”"
    assert page.locator(".result:not(:has(.partial))").count() == holding
    page.close()
