"""The offline copy the hosted build offers (#23): on the home page and in every footer, with
what it holds, its size, date and SHA-256; the copy itself, unzipped and opened from disk,
says when the hosted site has a newer one."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import re
import shutil
import socket
import threading
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, read_documents
from site_helpers import parse, watch_failures

pytest.importorskip("playwright.sync_api")

ZIP = "gazette-archive.zip"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()
ONLINE = f"http://127.0.0.1:{PORT}"   # the hosted site's address, as publishconf.py is given it


def hosted_build(content: Path, target: Path, sources: Path) -> Path:
    from plugins.atomic_build import build

    return build(str(ROOT / "publishconf.py"), {
        "PATH": str(content), "OUTPUT_PATH": str(target), "SITEURL": ONLINE, "FEED_DOMAIN": ONLINE,
        "GAZETTE_SOURCES": str(sources), "CACHE_PATH": str(target.with_name(target.name + "-cache")),
        "THEME": str(ROOT / "themes/gazette"), "PLUGIN_PATHS": [str(ROOT / "plugins")]})


@contextlib.contextmanager
def serving(folder: Path):
    """The hosted site at its address, for as long as the block runs."""
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *args: None}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ONLINE
    finally:
        server.shutdown()
        server.server_close()


def unzip(archive: Path, folder: Path) -> Path:
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(folder)
    return folder / "gazette-archive"


@pytest.fixture(scope="module")
def hosted(site, tmp_path_factory):
    output, content = site
    return hosted_build(content, tmp_path_factory.mktemp("hosted") / "output", output.parent / "sources")


@pytest.fixture(scope="module")
def older_copy(site, tmp_path_factory):
    """The copy a reader downloaded before the newest issue came out, unzipped."""
    output, content = site
    work = tmp_path_factory.mktemp("older")
    shutil.copytree(content, work / "content")
    newest = max(content.rglob("issue.yaml"), key=lambda path: _issue_date(path))
    shutil.rmtree(work / "content" / newest.parent.relative_to(content))
    older = hosted_build(work / "content", work / "output", output.parent / "sources")
    return unzip(older / "download" / ZIP, work / "unzipped")


def _issue_date(record: Path) -> str:
    found = re.search(r"^issue_date: '?(\d{4}-\d{2}-\d{2})", record.read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else ""


def _offer(site: Path) -> dict:
    script = (site / "download/offer.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"window\.GazetteOffer = (.*);\n", script, re.S).group(1))


def test_every_page_offers_the_copy_and_the_home_page_says_what_it_holds(hosted, site):
    _, content = site
    pages = sorted(hosted.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        links = [link for link in parse(page).links if link.endswith("download/index.html")]
        assert links, page
        assert (page.parent / links[-1]).resolve() == (hosted / "download/index.html").resolve(), page
    home = (hosted / "index.html").read_text(encoding="utf-8")
    offer = re.search(r'<section class="offline-offer".*?</section>', home, re.S).group(0)
    documents = read_documents(content)
    publishers = {Path(path).parts[0] for path in documents}
    issues = {Path(path).parent for path in documents}
    assert f"{len(publishers)} 种公报、{len(issues)} 期" in offer
    held = _offer(hosted)
    assert held["newest_issue"] in offer and held["documents"] == len(documents)


def test_the_copy_is_the_site_and_its_size_and_hash_are_the_zips(hosted):
    archive = hosted / "download" / ZIP
    offer = _offer(hosted)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert offer["sha256"] == digest and offer["bytes"] == archive.stat().st_size and not offer["in_copy"]
    assert (hosted / "download" / f"{ZIP}.sha256").read_text(encoding="utf-8") == f"{digest}  {ZIP}\n"
    assert json.loads((hosted / "download/latest.json").read_text(encoding="utf-8"))["sha256"] == digest
    with zipfile.ZipFile(archive) as handle:
        names = {name.removeprefix("gazette-archive/") for name in handle.namelist()}
        copy_page = handle.read("gazette-archive/download/index.html").decode("utf-8")
    site = {path.relative_to(hosted).as_posix() for path in hosted.rglob("*") if path.is_file()}
    assert names == {name for name in site if not name.startswith("download/")} | \
        {"download/index.html", "download/offer.js", "SHA256SUMS.txt"}
    assert "您正在阅读本档案的离线副本" in copy_page and f'href="{ONLINE}/download/index.html"' in copy_page


def test_the_same_site_gives_the_same_copy(hosted, site, tmp_path):
    output, content = site
    again = hosted_build(content, tmp_path / "output", output.parent / "sources")
    assert (again / "download" / ZIP).read_bytes() == (hosted / "download" / ZIP).read_bytes()


def test_a_reader_sees_size_date_and_hash_and_downloads_the_copy(browser, hosted):
    offer = _offer(hosted)
    with serving(hosted) as online:
        page = browser.new_page()
        failed = watch_failures(page)
        page.goto(f"{online}/index.html")
        page.wait_for_selector("body[data-offline=hosted]")
        facts = page.inner_text(".offline-offer")
        assert re.search(r"\d+\.\d MB", facts) and offer["as_of"] in facts and offer["sha256"] in facts
        footer = page.inner_text(".site-footer")
        assert f"{offer['gazettes']} 种公报 {offer['issues']} 期" in footer and offer["as_of"] in footer
        page.get_by_role("link", name="下载离线副本").click()
        page.wait_for_url("**/download/index.html")
        assert page.inner_text("h1") == "离线副本"
        page.wait_for_selector("body[data-offline=hosted]")
        assert page.inner_text("[data-offline-sha]") == offer["sha256"]
        with page.expect_download() as download:
            page.get_by_role("link", name=ZIP, exact=True).click()
        got = Path(download.value.path()).read_bytes()
        assert hashlib.sha256(got).hexdigest() == offer["sha256"]
        assert failed == []
        from test_accessibility import serious_violations
        assert serious_violations(page) == []
        page.close()


def test_an_older_copy_opened_from_disk_says_a_newer_one_is_out(browser, hosted, older_copy):
    own, latest = _offer(older_copy), _offer(hosted)
    assert own["in_copy"] and own["as_of"] < latest["as_of"]
    with serving(hosted):
        page = browser.new_page()
        failed = watch_failures(page)
        document = next(older_copy.glob("*/*/*/*.html"))
        for opened in (older_copy / "index.html", document, older_copy / "download/index.html"):
            page.goto(opened.as_uri())
            page.wait_for_selector("body[data-offline]")
            assert page.get_attribute("body", "data-offline") == "newer", opened
            notice = page.locator("#offline-notice")
            assert notice.is_visible() and own["as_of"] in notice.inner_text() and latest["as_of"] in notice.inner_text()
        assert latest["newest_issue"] in page.inner_text("[data-offline-status]")
        assert failed == []
        from test_accessibility import serious_violations
        assert serious_violations(page) == []   # (axe reads the style sheets anew: from disk, it cannot)
        page.locator("#offline-notice a").click()        # to the hosted download page
        page.wait_for_url(f"{ONLINE}/download/index.html")
        assert page.inner_text("h1") == "离线副本"
        page.close()


def test_the_newest_copy_says_it_is_current_and_no_notice_shows(browser, hosted, tmp_path):
    copy = unzip(hosted / "download" / ZIP, tmp_path)
    with serving(hosted):
        page = browser.new_page()
        failed = watch_failures(page)
        page.goto((copy / "download/index.html").as_uri())
        page.wait_for_selector("body[data-offline]")
        assert page.get_attribute("body", "data-offline") == "current"
        assert not page.locator("#offline-notice").is_visible()
        assert "本副本是最新的" in page.inner_text("[data-offline-status]")
        assert failed == []
        page.close()


def test_a_copy_without_a_connection_still_works_and_says_it_could_not_check(browser, older_copy):
    page = browser.new_page()
    page.goto((older_copy / "download/index.html").as_uri())
    page.wait_for_selector("body[data-offline]")
    assert page.get_attribute("body", "data-offline") == "unreachable"
    assert "无法连接网上档案" in page.inner_text("[data-offline-status]")
    assert not page.locator("#offline-notice").is_visible()
    page.get_by_role("link", name="首页").first.click()
    page.wait_for_url("**/gazette-archive/index.html")
    page.wait_for_selector("body[data-offline]")      # the page's own script has run
    assert "您正在阅读离线副本" in page.inner_text(".site-footer")
    page.close()


def test_the_build_for_disk_offers_no_copy(site):
    output, _ = site
    assert not (output / "download").exists()
    assert not any(link.endswith("download/index.html") for page in output.rglob("*.html") for link in parse(page).links)
    assert not any("offline.js" in page.read_text(encoding="utf-8") for page in output.glob("*.html"))
