"""axe-core (npm) in Chromium: no serious or critical violations on the main page kinds."""
from __future__ import annotations

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
PAGES = ["index.html", "jincheng/index.html", "jincheng/2020/2/index.html",
         "panjin/2024/1-2/panzhengbanfa-2024-1.html", "jincheng/2020/2/chronicle-23.html",
         "topics/index.html", "organs/index.html", "years/2024.html", "search.html?q=食品安全",
         "search.html?q=晋市政办[2020]2号&sort=date",  # the citing documents listed apart
         "search.html?q=粮 量子计算机",  # each word's count alone
         "panjin/2024/1-2/panzhengbanfa-2024-1.html?hl=工作",  # the marks and their bar
         "panjin/2023/11-12/panzhengfa-2023-8.html",  # wide tables, rebuilt
         "jincheng/2020/2/jinshizhengfa-2020-4.html",  # a table of 364 rows
         "panjin/2024/1-2/panzhengban-2024-4.html",  # a plan with its table of headings
         "numbers/guobanfa201954hao.html",  # a number the archive does not hold
         "qa.html"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(browser, site, path):
    output, _ = site
    page = browser.new_page()
    page.goto((output / path.split("?")[0]).as_uri() + ("?" + path.split("?")[1] if "?" in path else ""))
    if "search" in path:
        page.wait_for_selector("body[data-search-done]")
    assert serious_violations(page) == []
    page.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands, a line each."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")


def test_the_check_catches_a_violation(browser, tmp_path):
    """The harness itself: a page with an unlabelled field and an image without alt fails."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="zh-CN"><title>x</title><main><img src="x.png">'
                      '<input type="text"></main></html>', encoding="utf-8")
    page = browser.new_page()
    page.goto(broken.as_uri())
    page.add_script_tag(path=str(AXE))
    ids = page.evaluate("async () => (await axe.run()).violations.filter(v => ['serious', 'critical']"
                        ".includes(v.impact)).map(v => v.id)")
    assert "image-alt" in ids and "label" in ids
    page.close()
