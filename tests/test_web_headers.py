"""A web page's metadata header, in the layouts other sites print it, gives the same
document: each field on its own line, each label above its value (bulleted, some left
empty), a table's cells split by tabs or bars or one per line, the page's title and a
breadcrumb above the header."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from gazette.pipeline import convert_file

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = [FIXTURES / "web_single.txt", FIXTURES / "lawdb_single.txt"]
FIELD = re.compile(r"【(?P<bracketed>[^】]+)】\s*|(?P<key>[^\s:：][^:：]*?)\s*[:：]\s*")
FIELDS = ("title", "doc_number", "date", "issuer", "addressees")


def header(text: str) -> tuple[list[tuple[str, str]], str]:
    """The page's header fields as the fixture prints them (``key: value`` pairs, or
    ``【key】value``), and the rest of the page."""
    lines, pairs = text.split("\n"), []
    for count, line in enumerate(lines):
        matches = list(FIELD.finditer(line))
        if not matches or matches[0].start() > 0:
            return pairs, "\n".join(lines[count:])
        for match, following in zip(matches, matches[1:] + [None]):
            value = line[match.end(): following.start() if following else len(line)].strip()
            pairs.append(((match["key"] or match["bracketed"]).replace(" ", ""), value))
    raise AssertionError("a page without a body")


def title(pairs):
    return dict(pairs)["标题"]


LAYOUTS = {
    "one field a line": lambda pairs: "\n".join(f"{k}：{v}" for k, v in pairs),
    "label above value, bulleted": lambda pairs: "\n".join(f"  • {k}:\n\n    {v}" for k, v in pairs),
    "empty fields among them": lambda pairs: "\n".join(
        ["  • 主题分类:", "  • 有效性:"] + [f"  • {k}:\n\n    {v}" for k, v in pairs] + ["  • 内容概述:"]),
    "table rows, tabs": lambda pairs: "\n".join(
        "\t".join(f"{k}\t{v}" for k, v in pairs[i:i + 2]) for i in range(0, len(pairs), 2)),
    "table rows, bars": lambda pairs: "\n".join(
        "| " + " | ".join(f"{k} | {v}" for k, v in pairs[i:i + 2]) + " |" for i in range(0, len(pairs), 2)),
    "table cells a line": lambda pairs: "\n\n".join(f"{k}\n\n{v}" for k, v in pairs),
    "title and breadcrumb above": lambda pairs: "\n\n".join(
        ["首页 > 政府信息公开 > 政策文件", title(pairs)] + [f"{k}：{v}" for k, v in pairs]),
}


def documents(path):
    conversion = convert_file(path, path.name)
    assert not [p for p in conversion.problems if p.severity == "error"], conversion.problems
    assert not [p for p in conversion.problems if p.code == "unaccounted-line"], conversion.problems
    return [({f: d.meta.get(f) for f in FIELDS}, d.body) for d in conversion.documents]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_web_header_printed_otherwise_gives_the_same_document(tmp_path, page, layout):
    text = page.read_text(encoding="utf-8")
    pairs, rest = header(text)
    assert len(pairs) >= 5
    copy = tmp_path / page.name
    copy.write_text(LAYOUTS[layout](pairs) + "\n" + rest, encoding="utf-8")
    expected, got = documents(page), documents(copy)
    assert len(got) == 1 and got[0][0] == expected[0][0]
    assert untitled(got[0]) == untitled(expected[0])  # a title printed above the header is the body's heading


def untitled(document) -> str:
    meta, body = document
    return body.removeprefix(f"# {meta['title']}\n\n")


def test_the_header_is_not_the_body(tmp_path):
    """Labels above their values: the document's number and title are the header's, and no
    label or value is left in the body."""
    pairs, rest = header((FIXTURES / "web_single.txt").read_text(encoding="utf-8"))
    page = tmp_path / "page.txt"
    page.write_text(LAYOUTS["label above value, bulleted"](pairs) + "\n" + rest, encoding="utf-8")
    [(meta, body)] = documents(page)
    assert meta["doc_number"] == "晋市政办〔2021〕3号" and meta["date"] == "2021-01-28"
    assert "索引号" not in body and "发布日期" not in body and "11140500012345678X" not in body


def test_attachments_listed_as_files_to_download_are_named_without_their_suffix(tmp_path):
    """A web page lists its attachments as files: 附件：1.清单.docx / 2.分工.pdf."""
    text = (FIXTURES / "web_single.txt").read_text(encoding="utf-8").replace(
        "（此件公开发布）", "附件：1.晋城市春节安全生产检查清单.docx\n      2.晋城市春节值班表.pdf\n\n（此件公开发布）")
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    conversion = convert_file(page, page.name)
    [document] = conversion.documents
    assert document.meta["attachments"] == ["晋城市春节安全生产检查清单", "晋城市春节值班表"]


def test_a_web_pages_chrome_and_footer_are_not_the_documents_text(tmp_path):
    """A font-size switch under the title, and below the text the page's print buttons,
    its neighbours' titles and its owner's licence: none of it in the body, every line
    accounted for as web chrome."""
    text = (FIXTURES / "web_single.txt").read_text(encoding="utf-8").replace(
        "晋市政办〔2021〕3号\n\n各县", "晋市政办〔2021〕3号\n\n发布时间：2021-02-01  【字体：大 中 小】 【打印】\n\n各县")
    text += ("\n【打印本页】 【关闭窗口】\n\n扫一扫在手机打开当前页\n\n上一篇：晋城市人民政府办公室关于做好2021年元旦期间工作的通知\n\n"
             "下一篇：晋城市人民政府关于2021年春季植树造林的通知\n\n主办：晋城市人民政府办公室  网站标识码：1405000001  晋ICP备05001234号\n")
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    conversion = convert_file(page, page.name)
    [document] = conversion.documents
    assert document.meta["note"] == "（此件公开发布）" and document.meta["addressees"]
    for printed in ("字体", "打印", "扫一扫", "上一篇", "下一篇", "ICP备"):
        assert printed not in document.body, printed
    assert conversion.line_kinds["web_chrome"] >= 6 and not conversion.line_kinds["unaccounted"]


def test_an_issue_saved_page_by_page_has_a_header_on_each_page():
    """An issue scraped page by page (a breadcrumb, the title, 发布时间：…　来源：… on one
    line, the page's chrome, the number): each document keeps its title, above its page's
    header, and every header line is counted as web metadata."""
    fixture = Path(__file__).parent / "fixtures" / "web_pages_issue.txt"
    conversion = convert_file(fixture, fixture.name)
    assert [d.meta["title"] for d in conversion.documents] == [
        "锦州市人民政府关于印发锦州市空气质量持续改善行动实施方案的通知", "锦州市人民政府办公室关于做好2024年防汛工作的通知"]
    assert conversion.line_kinds["web_meta"] == 2 and "unaccounted" not in conversion.line_kinds
