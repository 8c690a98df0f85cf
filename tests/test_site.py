"""The built site, checked for what a reader relies on."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, read_documents, run_ingest
from gazette.schema import ISSUE_RECORD, read_issue
from site_helpers import broken_links, build_site, parse, text_of  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures" / "site"


def pages_of(content: Path):
    for relative, document in read_documents(content).items():
        yield relative, document


def test_every_document_has_its_page(site):
    output, content = site
    for relative, document in pages_of(content):
        page = output / relative.replace(".md", ".html")
        assert page.is_file(), relative
        assert document["title"] in text_of(page)


def test_every_issue_page_links_all_its_documents(site):
    output, content = site
    for record_path in content.rglob(ISSUE_RECORD):
        record = read_issue(record_path.read_text(encoding="utf-8"))
        folder = record_path.parent.relative_to(content)
        page = output / folder / "index.html"
        targets = {(page.parent / link).resolve() for link in parse(page).links}
        for slug in record["documents"]:
            assert (output / folder / f"{slug}.html").resolve() in targets, (folder, slug)


def test_no_broken_absolute_or_directory_links(site):
    output, _ = site
    assert broken_links(output) == []


def test_output_paths_are_ascii(site):
    output, _ = site
    assert all(p.relative_to(output).as_posix().isascii() for p in output.rglob("*"))


def test_a_build_for_disk_has_a_sitemap_and_no_feeds(site):
    """Without the site's address a feed's links cannot be absolute nor its ids stable:
    such a build writes none and links none."""
    output, _ = site
    assert not (output / "feeds").exists()
    assert not [page for page in output.rglob("*.html") if "atom.xml" in page.read_text(encoding="utf-8")]
    urls = ET.parse(output / "sitemap.xml").getroot()
    assert len(urls) > 40


SITEURL = "https://gazette.example.org"


@pytest.fixture(scope="module")
def published(site, tmp_path_factory):
    """The same content built as for the hosted site (publishconf.py)."""
    from plugins.atomic_build import build

    output, content = site
    target = tmp_path_factory.mktemp("published") / "output"
    build(str(ROOT / "publishconf.py"), {"PATH": str(content), "OUTPUT_PATH": str(target), "SITEURL": SITEURL,
                                         "FEED_DOMAIN": SITEURL, "GAZETTE_SOURCES": str(output.parent / "sources"),
                                         "CACHE_PATH": str(target.with_name("cache")),
                                         "THEME": str(ROOT / "themes/gazette"), "PLUGIN_PATHS": [str(ROOT / "plugins")]})
    return target


def test_feeds_parse_and_every_entry_leads_to_its_page(published):
    """Each feed (all, per gazette, topic, organ, document type) is valid Atom to a feed
    parser; its links are absolute and lead to pages of the site; its ids come from the
    site's address, so they stay the same from build to build."""
    import feedparser

    feeds = sorted((published / "feeds").glob("*.atom.xml"))
    kinds = {path.name.split("-")[0] for path in feeds}
    assert {"all.atom.xml", "topic", "organ", "type"} <= kinds and len(feeds) > 10
    for path in feeds:
        assert "<script>alert" not in path.read_text(encoding="utf-8")   # escaped, as on the pages
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path.name, feed.get("bozo_exception"))
        assert feed.entries, path.name
        for entry in feed.entries:
            assert entry.link.startswith(SITEURL + "/"), entry.link
            assert (published / entry.link[len(SITEURL) + 1:]).is_file(), entry.link
            assert entry.id.startswith("tag:gazette.example.org,"), entry.id
    page = (published / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITEURL}/feeds/all.atom.xml"' in page


def test_repeal_is_linked_both_ways_with_validity(site):
    output, content = site
    documents = read_documents(content)
    repealed = next(p for p, d in documents.items() if d["doc_number"] == "晋市政办〔2020〕2号")
    repealing = next(p for p, d in documents.items() if d["doc_number"] == "晋市政办〔2021〕3号")
    repealed_page = output / repealed.replace(".md", ".html")
    assert "已废止" in text_of(repealed_page)
    repealing_name = Path(repealing).with_suffix(".html").name
    assert any(repealing_name in link and "#repeal-" in link for link in parse(repealed_page).links)
    assert "未见废止或失效" in text_of(output / repealing.replace(".md", ".html"))


def test_a_joint_document_is_listed_under_each_of_its_organs(site):
    """晋城市财政局 晋城市农业农村局关于…: each organ's page lists it, and its page links both."""
    output, content = site
    joint = next(p for p, d in read_documents(content).items() if d["doc_number"] == "晋市财农〔2021〕9号")
    name = Path(joint).with_suffix(".html").name
    headings = {re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)[1].strip(): page
                for page in (output / "organs").glob("*.html")}
    for organ in ("晋城市财政局", "晋城市农业农村局"):
        assert any(link.endswith(name) for link in parse(headings[organ]).links), organ
    document = parse(output / joint.replace(".md", ".html"))
    assert sum("/organs/" in link for link in document.links) >= 2


def test_text_from_sources_is_escaped(site):
    output, _ = site
    pages = [p for p in output.rglob("*.html") if "onerror" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_a_title_with_angle_brackets_shows_as_written(site, tmp_path):
    """Web-page dumps may write 《》 as <>, and a title is text from a source: on every page
    that shows it, it is escaped, never markup (the browser would hide <…> as a tag)."""
    _, content = site
    work = tmp_path / "content"
    shutil.copytree(content, work, ignore=shutil.ignore_patterns(".ingest-cache"))
    path = work / "panjin/2024/1-2/panzhengbanfa-2024-1.md"
    text = path.read_text(encoding="utf-8")
    title = "关于印发<盘锦市测试办法>的通知<script>alert(1)</script>"
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: '{title}'", text, count=1), encoding="utf-8")
    output = build_site(work, tmp_path / "output", ROOT)
    pages = [page for page in output.rglob("*.html") if "盘锦市测试办法" in page.read_text(encoding="utf-8")]
    assert len(pages) >= 4  # the document, its issue, its neighbour, the listings
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<盘锦市测试办法>" not in html and "<script>alert(1)" not in html, page
        assert "&lt;盘锦市测试办法&gt;" in html, page
    assert title in text_of(output / "panjin/2024/1-2/panzhengbanfa-2024-1.html")


def test_an_issue_without_a_toc_lists_its_documents_without_naming_the_issue_again(tmp_path):
    """An issue's page lists the documents of a gazette that prints no TOC; each row names
    its number and date, not the issue the page is about; a listing by type names it."""
    fixture = Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt"
    assert run_ingest(fixture, tmp_path / "content").returncode == 0
    output = build_site(tmp_path / "content", tmp_path / "output", ROOT)
    page = (output / "tieling/2024/3/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"(?s)<li>.*?</li>", page[page.index('<ol class="doclist">'):])
    assert len(rows) == 5 and "铁政发〔2024〕6号" in rows[0] and "2024-03-01" in rows[0]
    assert not any("2024年第3期" in row for row in rows)
    assert "铁岭市人民政府公报 2024年第3期" in text_of(output / "types/tongzhi.html")


def test_data_dumps_list_every_document(site):
    output, content = site
    import csv
    import json

    rows = json.loads((output / "data/documents.json").read_text(encoding="utf-8"))
    assert len(rows) == len(read_documents(content))
    with (output / "data/documents.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == len(rows)


def test_qa_report_lists_issues_gaps_and_conflicts(site):
    import json

    output, content = site
    qa = json.loads((output / "data/qa.json").read_text(encoding="utf-8"))
    assert len(qa["issues"]) == len(list(content.rglob(ISSUE_RECORD)))
    panjin = next(g for g in qa["gaps"] if g["publisher"] == "盘锦市人民政府公报")
    # the samples hold 总第149期 twice (000 and 003) and 总第152期 (001)
    assert panjin["missing"] == [150, 151] and panjin["conflicting"] == [149]
    benxi = next(i for i in qa["issues"] if i["source"].endswith("002_bb9f6a3a2884a059.txt"))
    assert benxi["toc_entries"] == benxi["toc_matched"] == 7
    assert any(p["code"] == "no-date" and p["line"] == 871 for p in benxi["problems"])
    assert sum(benxi["lines"].values()) == 1478
    assert "benxi/002_bb9f6a3a2884a059.txt:871" in text_of(output / "qa.html")


def test_no_markdown_escapes_show_on_pages(site):
    """Escaping is for Markdown only: a reader never sees a backslash the source did not print."""
    output, content = site
    for relative, document in read_documents(content).items():
        body = text_of(output / relative.replace(".md", ".html")).split("下载：")[0]
        source = output.parent / "sources" / document["source"]
        printed = source.read_text(encoding="utf-8").count("\\")
        assert body.count("\\") <= printed, relative


def test_no_conversion_markup_shows_on_pages(site):
    """A Markdown conversion's bold (**第一条** 为…, **邢鹏**:主持…) is markup, not text: no
    page shows its asterisks."""
    output, content = site
    for relative in read_documents(content):
        assert "**" not in text_of(output / relative.replace(".md", ".html")), relative


def test_no_page_shows_a_missing_value_as_none(site):
    """A document without a gazette masthead (a web page) stands under its issuing organ,
    its issue labelled as such: no page prints Python's None for what the source lacks."""
    output, _ = site
    shown = [path.relative_to(output).as_posix() for path in output.rglob("*.html")
             if re.search(r"(?<![A-Za-z])None(?![A-Za-z])", text_of(path))]
    assert shown == []
    single = text_of(next(output.rglob("jinshizhengban-2021-3.html")))
    assert "晋城市人民政府办公室 未标公报期次" in single
    # the organ's page lists its web pages by their titles, not as a row of 未标公报期次
    organ = parse(output / "jinchengshirenminzhengfubangongshi/index.html")
    assert any(link.endswith("jinshizhengban-2021-3.html") for link in organ.links)
    assert "晋城市人民政府办公室关于做好2021年春节期间安全生产工作的通知" in text_of(output / "jinchengshirenminzhengfubangongshi/index.html")


def _headings(page: Path) -> list[tuple[int, str, str]]:
    """(level, id, text) of the headings in a document page's body."""
    import lxml.html

    tree = lxml.html.parse(str(page))
    return [(int(h.tag[1]), h.get("id") or "", h.text_content().strip())
            for h in tree.xpath("//div[@class='body']//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")]


def test_heading_levels_follow_the_numbering(site):
    """The outer numbering is the larger heading and no level is skipped: a decimal
    section 2.1 sits one level under its chapter 2, as （一） under 一、."""
    output, content = site
    chapters_seen = 0
    for relative in read_documents(content):
        headings = _headings(output / relative.replace(".md", ".html"))
        previous, chapter = 1, {}
        for level, _, text in headings:
            assert level <= previous + 1, (relative, text)
            previous = level
            number = re.match(r"^(\d{1,2})(\.\d{1,2})?\s", text)
            if number and not number.group(2):
                chapter[number.group(1)] = level
                chapters_seen += 1
            elif number and number.group(1) in chapter:
                assert level == chapter[number.group(1)] + 1, (relative, text)
    assert chapters_seen, "no document numbered 1 / 1.1 in the samples"


def test_a_long_document_has_a_table_of_its_headings(site):
    """Five headings or more: a contents list at the top, each entry leading to its heading."""
    import lxml.html

    output, content = site
    with_outline = 0
    for relative in read_documents(content):
        page = output / relative.replace(".md", ".html")
        headings = [h for h in _headings(page) if h[0] <= 4]
        entries = lxml.html.parse(str(page)).xpath("//nav[@class='outline']//a/@href")
        if len(headings) < 5:
            assert entries == [], relative
            continue
        with_outline += 1
        assert entries == [f"#{anchor}" for _, anchor, _ in headings], relative
    assert with_outline


def test_every_table_has_one_header_and_rows_of_its_width(site):
    """A table as printed: every row as wide as its header, the header not repeated as data."""
    import lxml.html

    output, content = site
    tables = 0
    for relative in read_documents(content):
        tree = lxml.html.parse(str(output / relative.replace(".md", ".html")))
        for table in tree.xpath("//div[@class='body']//table"):
            tables += 1
            header = [th.text_content().strip() for th in table.xpath(".//thead//th")]
            for row in table.xpath(".//tbody/tr"):
                cells = [td.text_content().strip() for td in row.xpath("./td")]
                assert len(cells) == len(header), (relative, cells[:3])
                assert cells != header, (relative, "header repeated")
                assert any(cells), (relative, "an empty row")
            assert table.getparent().get("tabindex") == "0", relative
    assert tables


def test_each_table_says_its_rows_and_its_csv_holds_them(site):
    """表N（K行） counts the table's rows below its header, and the CSV it links to holds
    the header and those rows, cell for cell."""
    import csv
    import io

    import lxml.html

    output, content = site
    figures = 0
    for relative in read_documents(content):
        page = output / relative.replace(".md", ".html")
        for figure in lxml.html.parse(str(page)).xpath("//figure[@class='table']"):
            figures += 1
            caption = figure.xpath("./figcaption")[0]
            said = int(re.search(r"（(\d+)行）", caption.text_content())[1])
            rows = [[cell.text_content().strip() for cell in row.xpath("./th|./td")] for row in figure.iter("tr")]
            text = (page.parent / caption.xpath(".//a/@href")[0]).read_text(encoding="utf-8-sig")
            held = [[cell.removeprefix("'") for cell in row] for row in csv.reader(io.StringIO(text))]
            assert said == len(rows) - 1 == len(held) - 1, relative
            assert [["".join(cell.split()) for cell in row] for row in held] == \
                [["".join(cell.split()) for cell in row] for row in rows], relative  # a <br> is a line break in the CSV
    assert figures


def test_attachments_link_from_the_note_and_the_list_to_their_sections(site):
    """附件：1.… in the text and the 附件 list under it lead to the attachment's section, and
    the bulk data gives each attachment with its address."""
    import json

    import lxml.html

    output, content = site
    data = {row["url"]: row for row in json.loads((output / "data/documents.json").read_text(encoding="utf-8"))}
    linked = 0
    for relative, document in read_documents(content).items():
        url = relative.replace(".md", ".html")
        tree = lxml.html.parse(str(output / url))
        ids = set(tree.xpath("//@id"))
        anchors = document.get("attachment_anchors") or []
        assert len(anchors) == len(document.get("attachments") or []), relative
        listed = tree.xpath("//section[@class='attachments']/ol/li/a/@href")
        noted = tree.xpath("//p[@class='attachment-note']/a/@href")
        assert listed == [f"#{anchor}" for anchor in anchors if anchor], relative
        for href in listed + noted:
            assert href[1:] in ids, (relative, href)
        assert data[url]["attachment_links"] == [f"{url}#{a}" if a else "" for a in anchors]
        linked += bool(noted)
    assert linked
