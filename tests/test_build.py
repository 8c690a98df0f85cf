"""Builds: the same sources give a byte-identical site; a failed build leaves the old one."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SOURCES, run_ingest
from site_helpers import build_site


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def same_files(one, other):
    first, second = files(one), files(other)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_two_builds_are_byte_identical(site, tmp_path):
    output, content = site
    same_files(output, build_site(content, tmp_path / "again", ROOT, sources=output.parent / "sources"))


def test_a_rebuild_from_the_caches_after_a_new_issue_equals_a_cold_build(tmp_path):
    """The caches and the reuse of unchanged pages make a rebuild after one new issue
    cheaper; the site it gives must be the one a build from nothing gives — including the
    pages of older documents the new one repeals (their status and links change)."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    shutil.copytree(ROOT / "tests/fixtures/site", sources / "web")
    newest = sources / "web" / "web_single.txt"  # repeals the document of web_repealed.txt
    held = newest.rename(tmp_path / newest.name)
    assert run_ingest(sources, tmp_path / "content").returncode == 0
    cache = tmp_path / "cache"
    build_site(tmp_path / "content", tmp_path / "output", ROOT, cache)
    repealed = [p.relative_to(tmp_path / "output") for p in (tmp_path / "output").rglob("*.html")
                if '<dd class="number">晋市政办〔2020〕2号</dd>' in p.read_text(encoding="utf-8")]
    assert len(repealed) == 1 and "未见废止或失效" in (tmp_path / "output" / repealed[0]).read_text(encoding="utf-8")
    held.rename(newest)
    assert run_ingest(sources, tmp_path / "content").returncode == 0
    build_site(tmp_path / "content", tmp_path / "output", ROOT, cache)
    assert run_ingest(sources, tmp_path / "content-cold").returncode == 0
    cold = build_site(tmp_path / "content-cold", tmp_path / "output-cold", ROOT, tmp_path / "cache-cold")
    same_files(tmp_path / "output", cold)
    assert "已废止" in (tmp_path / "output" / repealed[0]).read_text(encoding="utf-8")


def _document_pages(output):
    return [p for p in output.rglob("*.html") if '<dd class="number">' in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("workers", [1, 3])
def test_a_rebuild_with_nothing_changed_links_every_document_page(site, tmp_path, workers):
    """Page reuse works, whether the pages were written in one process or by several:
    each document page of the second build is the first build's file, and so is each page
    listing documents (an issue's, a listing's)."""
    _, content = site
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site(content, output, ROOT, cache, settings={"WRITE_WORKERS": workers})
    build_site(content, output, ROOT, cache, settings={"WRITE_WORKERS": workers})
    pages = _document_pages(output)
    assert len(pages) > 20
    assert [p for p in pages if p.stat().st_ino != (tmp_path / "output.old" / p.relative_to(output)).stat().st_ino] == []
    listings = [output / name for name in ("topics/index.html", "years/index.html")] + [
        p for p in output.rglob("*.html") if '<ol class="doclist">' in p.read_text(encoding="utf-8") or '<ol class="toc">' in p.read_text(encoding="utf-8")]
    assert len(listings) > 10   # the issues' pages and the listings too
    assert [p for p in listings if p.stat().st_ino != (tmp_path / "output.old" / p.relative_to(output)).stat().st_ino] == []
    tables = list(output.rglob("*.table-*.csv"))   # each table's CSV too
    assert len(tables) > 5
    assert [p for p in tables if p.stat().st_ino != (tmp_path / "output.old" / p.relative_to(output)).stat().st_ino] == []


def test_pages_are_written_by_several_processes_and_equal_those_one_process_writes(site, tmp_path, monkeypatch):
    """With workers, every page is written in a worker process, several of them, and the
    site is byte for byte the one a single process writes."""
    from pelican.plugins._utils import load_legacy_plugin

    PageReusingWriter = load_legacy_plugin("page_reuse", [str(ROOT / "plugins")]).PageReusingWriter  # as Pelican loads it
    output, content = site
    writers_log = tmp_path / "writers.log"
    write = PageReusingWriter._write

    def noted(self, arguments, kwargs):  # runs in whichever process writes the page
        with writers_log.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {arguments[0]}\n")
        write(self, arguments, kwargs)

    monkeypatch.setattr(PageReusingWriter, "_write", noted)
    several = build_site(content, tmp_path / "several", ROOT, sources=output.parent / "sources",
                         settings={"WRITE_WORKERS": 3})
    written = [line.split(" ", 1) for line in writers_log.read_text(encoding="utf-8").splitlines()]
    writers = {pid for pid, _ in written}
    assert str(os.getpid()) not in writers and len(writers) >= 3   # a pool of 3 for the documents, one for the rest
    documents = {page.relative_to(several).as_posix() for page in _document_pages(several)}
    assert len(documents) > 20 and documents <= {name for _, name in written}
    one = build_site(content, tmp_path / "one", ROOT, sources=output.parent / "sources", settings={"WRITE_WORKERS": 1})
    same_files(several, one)


def test_a_reused_page_follows_whatever_its_template_reads(site, tmp_path):
    """A theme whose document page shows a field of the issue's record (no list of inputs
    names it): after the record changes, the rebuilt pages show the new value."""
    _, original = site
    content, theme = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(original, content)
    shutil.copytree(ROOT / "themes/gazette", theme)
    template = theme / "templates/article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "<dt>公报期次</dt>", "<dt>出版</dt><dd class=\"printed\">{{ article.issue.record.issue_date }}</dd><dt>公报期次</dt>"),
        encoding="utf-8")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site(content, output, ROOT, cache, theme=theme)
    record = next(content.rglob("issue.yaml"))
    text = record.read_text(encoding="utf-8")
    date = next(line.split(":", 1)[1].strip().strip("'") for line in text.splitlines() if line.startswith("issue_date:"))
    record.write_text(text.replace(date, "1999-09-09"), encoding="utf-8")
    build_site(content, output, ROOT, cache, theme=theme)
    shown = [p for p in _document_pages(output) if f"/{record.parent.relative_to(content).as_posix()}/" in f"/{p.relative_to(output).as_posix()}"]
    assert shown and all('<dd class="printed">1999-09-09</dd>' in p.read_text(encoding="utf-8") for p in shown)


def test_a_failed_build_leaves_the_previous_site_whole(site, tmp_path):
    output, content = site
    target = tmp_path / "output"
    build_site(content, target, ROOT)
    before = files(target)
    broken = tmp_path / "broken-theme"
    (broken / "templates").mkdir(parents=True)
    (broken / "templates" / "base.html").write_text("{% block content %}{% endblock %", encoding="utf-8")
    with pytest.raises(Exception):
        from plugins.atomic_build import build
        build(str(ROOT / "pelicanconf.py"), {"PATH": str(content), "OUTPUT_PATH": str(target),
                                             "THEME": str(broken), "PLUGIN_PATHS": [str(ROOT / "plugins")]})
    assert files(target) == before


def test_a_build_keeps_the_replaced_site_once_and_clears_what_a_killed_build_left(site, tmp_path):
    output, content = site
    target = tmp_path / "output"
    build_site(content, target, ROOT)
    left = tmp_path / "output.old.999.trash"  # as a build killed while removing it leaves it
    (left / "page").mkdir(parents=True)
    index = tmp_path / "output.search-k1ll3d"   # as a build killed while indexing leaves it
    (index / "search").mkdir(parents=True)
    build_site(content, target, ROOT)
    assert not left.exists() and not index.exists()
    assert files(tmp_path / "output.old") == files(target)  # the site it replaced, here the same
    build_site(content, target, ROOT)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("output")) == [
        "output", "output-cache", "output.lock", "output.old"]


def test_two_issues_carrying_the_same_document_give_two_pages_without_a_warning(site, tmp_path, caplog):
    """A document reprinted in a later issue has the same file name (slug) there: each
    issue's copy is its own page, not taken for a translation of the other."""
    _, content = site
    shutil.copytree(content, tmp_path / "content")
    issue = sorted(path.parent for path in (tmp_path / "content").rglob("*.md"))[0]
    shutil.copytree(issue, issue.with_name(issue.name + "-reprint"))
    with caplog.at_level(logging.WARNING):
        output = build_site(tmp_path / "content", tmp_path / "output", ROOT)
    assert not [record.getMessage() for record in caplog.records if "slug" in record.getMessage()]
    for document in issue.glob("*.md"):
        for folder in (issue.name, issue.name + "-reprint"):
            page = output / document.relative_to(tmp_path / "content").parent.with_name(folder) / document.with_suffix(".html").name
            assert page.is_file(), page



def test_a_build_in_another_process_is_byte_identical(site, tmp_path):
    """Pelican finds the documents as a set of paths, whose order changes with Python's
    string hashing from one process to the next: documents of one date must still come in
    one order (the feeds list them so: the hosted build, which has feeds, is built here)."""
    output, content = site
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "plugins.atomic_build", "publishconf.py", "--content", str(content),
                        "--output", str(tmp_path / seed), "--cache", str(tmp_path / f"cache-{seed}"),
                        "--sources", str(output.parent / "sources")],
                       cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
    assert (tmp_path / "1" / "feeds" / "all.atom.xml").is_file()
    same_files(tmp_path / "1", tmp_path / "2")


def test_the_hosted_build_after_the_local_one_with_one_cache_equals_its_cold_build(site, tmp_path):
    """Pelican's cache keeps each document as made, from the settings (its URL, its date's
    format): a build with other settings (the hosted one: an address, feeds) sharing the
    cache folder must not take the local build's documents; each settings file keeps its
    cache, so building both in turn is no cold build each time."""
    output, content = site
    sources = output.parent / "sources"
    hosted = {"SITEURL": "https://gazette.example.org", "FEED_DOMAIN": "https://gazette.example.org",
              "FEED_ALL_ATOM": "feeds/all.atom.xml", "DEFAULT_DATE_FORMAT": "%Y年%m月%d日"}
    cache = tmp_path / "cache"
    build_site(content, tmp_path / "local", ROOT, cache, sources=sources)
    warm = build_site(content, tmp_path / "hosted", ROOT, cache, sources=sources, settings=hosted)
    cold = build_site(content, tmp_path / "hosted-cold", ROOT, tmp_path / "cache-cold", sources=sources, settings=hosted)
    assert (warm / "feeds" / "all.atom.xml").is_file()
    same_files(warm, cold)
    assert len([folder for folder in cache.iterdir() if folder.is_dir()]) == 2


def test_a_build_changes_nothing_a_document_held_when_it_was_read(site, tmp_path):
    """A page's fingerprint takes all a document held when it was read and made as a digest
    of its file (``read_inputs``, kept in Pelican's cache): were the archive or a template
    to change one of those attributes afterwards, a page could be reused stale.  Its text
    the build changes only by the links it makes in it (``link_numbers``,
    ``anchor_repeal_sentences``, ``link_attachment_notes``), each made of the text as read
    and of attributes the fingerprint takes: another change would go unseen too."""
    import copy

    from pelican import signals
    from plugins.archive.attachments import link_attachment_notes
    from plugins.archive.model import anchor_repeal_sentences
    from plugins.archive.numbers import link_numbers
    from plugins.page_reuse.fingerprint import digest_of_attributes

    output, content = site
    as_read, documents, archives = {}, [], []

    def read(generator):   # the articles made, before the archive takes them up
        for article in generator.articles:
            names = article.read_inputs[1] - {"read_inputs"}
            as_read[article.source_path] = (digest_of_attributes(article, names), article._content)

    def keep(generators):
        documents.extend(a for g in generators for a in getattr(g, "articles", []) if hasattr(a, "issue"))
        archives.extend(g.archive for g in generators if hasattr(g, "archive"))

    signals.article_generator_finalized.connect(read)
    signals.all_generators_finalized.connect(keep)
    try:   # pages written in this process: what rendering does to a document counts too
        build_site(content, tmp_path / "output", ROOT, sources=output.parent / "sources", settings={"WRITE_WORKERS": 1})
    finally:
        signals.article_generator_finalized.disconnect(read)
        signals.all_generators_finalized.disconnect(keep)
    assert len(documents) > 40 and len(as_read) == len(documents)
    names = documents[0].read_inputs[1]
    assert "outline" in names and "issue" not in names   # made when read; hung on it by the archive model
    assert [d.source_path for d in documents
            if digest_of_attributes(d, d.read_inputs[1] - {"read_inputs"}) != as_read[d.source_path][0]] == []
    archive = archives[0]
    relinked = []
    for document in documents:
        again = copy.copy(document)
        again._content = as_read[document.source_path][1]
        link_numbers(again, archive.by_number, archive.unheld)
        anchor_repeal_sentences(again)
        link_attachment_notes(again)
        if again._content != document._content:
            relinked.append(document.source_path)
    assert relinked == []
    assert any('class="docno"' in d._content for d in documents)   # links were made


def test_a_rebuild_links_an_older_text_to_a_new_document_holding_a_number_it_mentions(tmp_path):
    """An older document's text names a number no document held; a new issue brings the
    document holding it.  The older page is made again (a page's text is fingerprinted by
    where its numbers lead, not hashed), and the rebuild is the site a cold build gives."""
    sources = tmp_path / "sources" / "web"
    sources.mkdir(parents=True)
    citing = (ROOT / "tests/fixtures/site/web_single.txt").read_text(encoding="utf-8")
    assert "晋安发〔2020〕12号" in citing   # mentioned in its text, held by no document yet
    (sources / "web_single.txt").write_text(citing, encoding="utf-8")
    assert run_ingest(tmp_path / "sources", tmp_path / "content").returncode == 0
    cache = tmp_path / "cache"
    build_site(tmp_path / "content", tmp_path / "output", ROOT, cache, sources=tmp_path / "sources")
    page = next(p for p in (tmp_path / "output").rglob("*.html") if '<dd class="number">晋市政办〔2021〕3号</dd>' in
                p.read_text(encoding="utf-8"))
    before = page.read_text(encoding="utf-8")
    held = (citing.replace("晋市政办〔2021〕3号", "晋安发〔2020〕12号").replace("2021-01-28", "2020-06-10")
            .replace("2021年1月28日", "2020年6月10日").replace("2021-02-01", "2020-06-12")
            .replace("晋城市人民政府办公室关于做好2021年春节期间安全生产工作的通知", "晋城市安全生产委员会关于加强安全生产工作的意见")
            .replace("（晋安发〔2020〕12号）", "").replace("（晋市政办〔2020〕2号）同时废止", ""))
    (sources / "web_council.txt").write_text(held, encoding="utf-8")
    assert run_ingest(tmp_path / "sources", tmp_path / "content").returncode == 0
    build_site(tmp_path / "content", tmp_path / "output", ROOT, cache, sources=tmp_path / "sources")
    after = page.read_text(encoding="utf-8")
    unheld = '<a class="docno" href="../../../numbers/jinanfa202012hao.html">晋安发〔2020〕12号</a>'
    assert unheld in before and unheld not in after
    assert re.search(r'<a class="docno" href="\.\./\.\./\.\./[^"]+/jinanfa-2020-12\.html">晋安发〔2020〕12号</a>', after)
    assert run_ingest(tmp_path / "sources", tmp_path / "content-cold").returncode == 0
    cold = build_site(tmp_path / "content-cold", tmp_path / "output-cold", ROOT, tmp_path / "cache-cold",
                      sources=tmp_path / "sources")
    same_files(tmp_path / "output", cold)
