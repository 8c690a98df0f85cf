"""The offline package: unzipped in a fresh folder, browsed and searched from disk."""
from __future__ import annotations

import hashlib
import shutil
import zipfile
from urllib.parse import quote

from plugins.package import MANIFEST, TOP, package
from site_helpers import watch_failures


def test_package_unzips_and_works_from_disk(browser, site, tmp_path):
    output, _ = site
    copy = tmp_path / "site"
    shutil.copytree(output, copy)
    archive = package(copy, tmp_path / "gazette.zip")
    unpacked = tmp_path / "elsewhere"
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(unpacked)
    root = unpacked / TOP
    for line in (root / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((root / name).read_bytes()).hexdigest() == digest, name
    page = browser.new_page()
    failed = watch_failures(page)
    page.goto((root / "index.html").as_uri())
    assert "最近一期" in page.inner_text(".coverage")
    page.get_by_role("link", name="盘锦市人民政府公报", exact=True).click()
    assert page.locator("h1").inner_text() == "盘锦市人民政府公报"
    page.goto((root / "search.html").as_uri() + "?q=" + quote("文物普查"))
    page.wait_for_selector("body[data-search-done]")
    assert "盘政发〔2024〕1号" in page.locator(".result .doc-meta").first.inner_text()
    assert failed == []
    page.close()


def test_package_is_deterministic(site, tmp_path):
    output, _ = site
    copy = tmp_path / "site"
    shutil.copytree(output, copy)
    first = package(copy, tmp_path / "a.zip").read_bytes()
    second = package(copy, tmp_path / "b.zip").read_bytes()
    assert first == second
