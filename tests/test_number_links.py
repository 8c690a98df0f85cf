"""A document number in a text leads to the document holding it, which may come in a
later issue: the numbers a text mentions are found once, when it is read (Pelican's
content cache keeps them), but where each leads is decided again by every build."""
from __future__ import annotations

import re
import shutil

from conftest import ROOT, run_ingest
from site_helpers import build_site

FIXTURES = ROOT / "tests/fixtures/site"
CITED = "晋市政办〔2021〕3号"   # web_single.txt's number


def page_of(output, number):
    pages = [p for p in output.rglob("*.html") if f'<dd class="number">{number}</dd>' in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, pages
    return pages[0]


def number_links(page) -> list[tuple[str, str]]:
    body = page.read_text(encoding="utf-8").split('<div class="body">', 1)[1]
    return re.findall(r'<a class="docno" href="([^"]+)">([^<]+)</a>', body)


def test_a_number_cited_before_its_document_comes_leads_to_it_after_the_rebuild(tmp_path):
    sources = tmp_path / "sources"
    (sources / "web").mkdir(parents=True)
    citing = (FIXTURES / "web_repealed.txt").read_text(encoding="utf-8")
    assert "加强值班值守，" in citing
    citing = citing.replace("加强值班值守，", f"加强值班值守，按照{CITED}文件要求，")  # the link leaves 按照 out
    (sources / "web" / "citing.txt").write_text(citing, encoding="utf-8")
    cache = tmp_path / "cache"

    def build():
        assert run_ingest(sources, tmp_path / "content").returncode == 0
        return build_site(tmp_path / "content", tmp_path / "output", ROOT, cache, sources=sources)

    output = build()
    page = page_of(output, "晋市政办〔2020〕2号")
    [(href, number)] = number_links(page)
    assert number == CITED and "/numbers/" in href   # not held: the number's own page
    assert "本档案未收录" in (page.parent / href).resolve().read_text(encoding="utf-8")

    shutil.copy(FIXTURES / "web_single.txt", sources / "web" / "cited.txt")
    output = build()
    [(href, number)] = number_links(page_of(output, "晋市政办〔2020〕2号"))
    assert number == CITED and (page.parent / href).resolve() == page_of(output, CITED).resolve()
