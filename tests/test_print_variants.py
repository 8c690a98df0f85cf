"""The same gazette as other conversions print it gives the same documents.

Each sample is rewritten the way another PDF or web conversion of the same issue prints
it: page-break lines anywhere (even between a title and its number), tabs or no-break
spaces for indentation, full-width digits, document numbers with round or square brackets
or spaces inside, dates in Chinese numerals, Markdown headings, CRLF line ends.  Every
rewrite must give the documents the sample gives: the same titles, numbers, dates,
issuers and addressees; where the words are unchanged, the same bodies.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conftest import SOURCES
from gazette.text import visual_width
from gazette.pipeline import convert_file

# the five samples, and the test fixtures' other kinds: a gazette with an order (政府令), a
# web page, a law-database export (pages of a gazette only: a web page has no page breaks)
SAMPLES = sorted(SOURCES.rglob("*.txt")) + sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
PUBLISHER = re.compile(r"[\u4e00-\u9fff]{2,4}(?:市人民政府公报|政报)")
FIELDS = ("title", "doc_number", "date", "issuer", "addressees", "issue_label")
DIGITS = "〇一二三四五六七八九"


def _publisher(text: str) -> str:
    return PUBLISHER.search(text).group()


def page_breaks(period: int, offset: int, printed: str = "— {page} —\n\n{name}"):
    """A page number and the running header every ``period`` lines, wherever that falls:
    inside the TOC, between a title and its number, before the last slogan."""
    def rewrite(text: str) -> str:
        lines, out, name = text.split("\n"), [], _publisher(text)
        for n, line in enumerate(lines, start=1):
            out.append(line)
            if (n + offset) % period == 0:
                out += ["", printed.format(page=n // period, name=name), ""]
        return "\n".join(out)
    return rewrite


def _chinese(number: str) -> str:
    tens, ones = divmod(int(number), 10)
    if not tens:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def _written(m: re.Match) -> str:
    """A date matched in figures (its groups: before, year, month, day) in Chinese numerals."""
    year = "".join(DIGITS[int(d)] for d in m["year"])
    return f"{m['before']}{year}年{_chinese(m['month'])}月{_chinese(m['day'])}日"


def chinese_dates(text: str) -> str:
    """Signing dates on a line of their own as 二〇二四年五月二十日."""
    return re.sub(r"^(?P<before>\s*)(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*$",
                  _written, text, flags=re.M)


def chinese_title_note_dates(text: str) -> str:
    """The date of a 题注 in Chinese numerals: （二〇二一年四月二十日…审议通过）."""
    return re.sub(r"^(?P<before>\s*[（(])(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?=[^\n]*[)）]\s*$)",
                  _written, text, flags=re.M)


def numbered_toc(text: str) -> str:
    """TOC entries numbered 1．, 2．… (a TOC entry: a title with 关于, then its page)."""
    count = iter(range(1, 1000))
    return re.sub(r"^(?P<indent>[ \t\u3000]*(?:-[ \t]*)?)(?=\S*关于\S*(?:[(（]\S*号[)）])?\s*(?:[.．…·]{2,}|\s)\s*[(（]?\d{1,3}[)）]?\s*$)",
                  lambda m: f"{m['indent']}{next(count)}．", text, flags=re.M)


TOC_PAGE = re.compile(r"(?<=\S)(?:[ \t\u3000]*[.．·…]{2,}[ \t\u3000]*|[ \t\u3000]+|(?<=[)）号]))[(（]?\d{1,3}[)）]?[ \t]*$", re.M)


def toc_without_pages(text: str) -> str:
    """A TOC that prints no page numbers, as an issue's web page lists its documents: the
    page dropped from every line of the TOC that ends in one (the 150 lines after 目录)."""
    heading = re.search(r"^[ \t#]*(?:本期)?目\s*[录次][ \t]*$", text, re.M)
    if heading is None:
        return text
    end = heading.end()
    for _ in range(150):
        end = text.find("\n", end + 1) if text.find("\n", end + 1) >= 0 else len(text)
    region = "\n".join(line if re.search("[\u4e00-\u9fff]", line) is None else TOC_PAGE.sub("", line)
                       for line in text[heading.end():end].split("\n"))
    return text[:heading.end()] + region + text[end:]


def chinese_issue_label(text: str) -> str:
    """The issue label in Chinese numerals: 二〇二〇年第五期."""
    return re.sub(r"((?:19|20)\d{2})\s*年\s*第\s*(\d{1,2})\s*期",
                  lambda m: "".join(DIGITS[int(d)] for d in m[1]) + f"年第{_chinese(m[2])}期", text)


REWRITES = {
    **{f"page breaks {period}+{offset}": page_breaks(period, offset) for period, offset in ((37, 0), (23, 0), (23, 8), (11, 3))},
    # bare page numbers (a table's cells are bare numbers too): above or below the header
    "page breaks, bare number above": page_breaks(29, 0, "{page}\n\n{name} 2024年第1期"),
    "page breaks, bare number below": page_breaks(19, 5, "{name}\n\n{page}"),
    "page breaks, issue label before the name": page_breaks(23, 4, "— {page} —\n\n2024年第1期　　　　{name}"),
    "page breaks, pdftotext's form feed": page_breaks(27, 6, "\f— {page} —\n\n{name}"),
    "page breaks, 第N页 共M页 footer": page_breaks(31, 2, "第 {page} 页 共 99 页\n\n{name}"),
    "page breaks, ～N～": page_breaks(17, 9, "～{page}～\n\n{name}"),
    # the page's number in the header line, after the name or before it
    "page breaks, header with the number": page_breaks(23, 3, "{name}　2024年第1期　·{page}·"),
    "page breaks, number then the name": page_breaks(23, 3, "·{page}·　　{name}"),
    "page breaks, label, name and number": page_breaks(19, 2, "2024年第1期          {name}          {page}"),
    "page breaks, number, name and label": page_breaks(29, 7, "{page}          {name}          2024年第1期"),
    "tab indents": lambda t: re.sub(r"^[ \u3000]+", "\t", t, flags=re.M),
    "no-break space indents": lambda t: re.sub(r"^[ \u3000]+", lambda m: "\u00a0" * len(m[0]), t, flags=re.M),
    "full-width digits": lambda t: t.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "round brackets": lambda t: re.sub(r"〔(\d{4})〕", r"(\1)", t),
    "square brackets": lambda t: re.sub(r"〔(\d{4})〕", r"[\1]", t),
    "spaced numbers": lambda t: re.sub(r"〔(\d{4})〕\s*(\d+)\s*号", r" 〔 \1 〕 \2 号", t),
    "letter-spaced number lines": lambda t: re.sub(r"^([\u4e00-\u9fff]{2,8})〔(\d{4})〕(\d+)号$",
                                                  lambda m: " ".join(m[1]) + f" 〔{m[2]}〕 {m[3]} 号", t, flags=re.M),
    "numbers in parentheses": lambda t: re.sub(r"^(\s*)([\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号)\s*$", r"\1（\2）", t, flags=re.M),
    "small brackets ﹝﹞": lambda t: re.sub(r"〔(\d{4})〕", r"﹝\1﹞", t),
    "chinese-numeral dates": chinese_dates,
    "issue label in chinese numerals": chinese_issue_label,
    "题注 dates in chinese numerals": chinese_title_note_dates,
    "issue label with its month": lambda t: re.sub(r"((?:19|20)\d{2})\s*年\s*第\s*(\d{1,2})\s*期", r"\1年\2月 第\2期", t),
    "chinese-numeral dates, OCR zeros": lambda t: chinese_dates(t).replace("〇", "0"),  # 二0二四年
    "markdown headings": lambda t: re.sub(r"^(\s*)(\S*关于\S*)$", r"\1## \2", t, flags=re.M),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    # what some PDFs' text gives for common characters: Kangxi radicals (⼈⺠政府)
    # a web page's zero-width spaces and word joiners, inside words and numbers
    "zero-width spaces": lambda t: re.sub(r"(人民|〔20|发布)", lambda m: m[0][0] + "\u200b" + m[0][1:], t),
    # a web scrape that left HTML entities: &nbsp; indents, &ldquo;quotes&rdquo;
    "html entities": lambda t: re.sub(r"^[ \u3000]+", lambda m: "&nbsp;" * len(m[0]), t, flags=re.M)
    .replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;"),
    # many cities call their gazette 政报: 盘锦政报, its running header too
    "page breaks, gazette named 政报": lambda t: page_breaks(23, 5)(re.sub(r"([\u4e00-\u9fff]{2,4})市人民政府公报", r"\1政报", t)),
    "kangxi radicals": lambda t: t.translate(str.maketrans("人一大工文目民长门见", "⼈⼀⼤⼯⽂⽬⺠⻓⻔⻅")),
    "sections in 【】": lambda t: re.sub(r"^(\s*#*\s*)[○●]\s*(\S+)$", r"\1【\2】", t, flags=re.M),
    "toc entries numbered": numbered_toc,
    "toc heading 本期目录": lambda t: re.sub(r"^(\s*#*\s*)目\s*录\s*$", r"\1本期目录", t, count=1, flags=re.M),
    "toc heading 本期要目": lambda t: re.sub(r"^(\s*#*\s*)目\s*录\s*$", r"\1本期要目", t, count=1, flags=re.M),
    "toc without page numbers": toc_without_pages,
    "toc leaders of middle dots": lambda t: re.sub(r"\s*\.*\s*[(（](\d{1,3})[)）][ \t]*$", r"······\1", t, flags=re.M),
    "toc leaders of full-width dots": lambda t: re.sub(r"\s*\.*\s*[(（](\d{1,3})[)）][ \t]*$", r"．．．．\1", t, flags=re.M),
    # a web page's heading: 关于…的通知（盘政发〔2024〕1号）, the number on the title's line
    "title and number on one line": lambda t: re.sub(
        r"^(\S*(?:通知|意见|决定|办法|方案|批复|通报|报告))\s*\n\s*\n\s*([\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号)\s*$",
        r"\1（\2）", t, flags=re.M),
    # a PDF's text aligns a table's columns with spaces, not tabs
    "tables aligned with spaces": lambda t: re.sub(r"(?<=\S)\t+(?=\S)", "    ", t),
    # the number first, the title after a gap: 盘政发〔2024〕1号　盘锦市人民政府关于…的通知
    "number before the title on one line": lambda t: re.sub(
        r"^\s*(\S*(?:通知|意见|决定|办法|方案|批复|通报|报告))\s*\n\s*\n\s*([\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号)\s*$",
        r"\2　\1", t, flags=re.M),
}
# two at once, as one conversion may print them together
REWRITES["page breaks, labels in chinese numerals"] = lambda t: chinese_issue_label(
    REWRITES["page breaks, number, name and label"](t))
REWRITES["page breaks, numbers before titles"] = lambda t: REWRITES["page breaks 23+8"](
    REWRITES["number before the title on one line"](t))
SAME_WORDS = {"tab indents", "no-break space indents", "crlf", "kangxi radicals", "title and number on one line",
              "number before the title on one line", *[name for name in REWRITES if name.startswith("page breaks")]}


def documents(path):
    conversion = convert_file(path, path.name)
    assert not [p for p in conversion.problems if p.severity == "error"], conversion.problems
    return [({f: d.meta.get(f) for f in FIELDS}, d.body) for d in conversion.documents]


@pytest.fixture(scope="module")
def originals():
    return {sample: documents(sample) for sample in SAMPLES}


DECORATED_PAGE_NUMBER = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$", re.M)


def _fits(sample: Path, rewrite: str) -> bool:
    """Page breaks only in a gazette's pages; bare page numbers only where the gazette does
    not print them already (— 6 —: a page prints its number once), and only over pages
    enough to run in sequence (one bare number can't be told from a table's cell)."""
    text = sample.read_text(encoding="utf-8")
    if not rewrite.startswith("page breaks"):
        return True
    bare_fits = not DECORATED_PAGE_NUMBER.search(text) and text.count("\n") >= 60
    return bool(PUBLISHER.search(text)) and ("bare number" not in rewrite or bare_fits)


CASES = [pytest.param(sample, rewrite, id=f"{sample.parent.name}/{sample.name[:3]}-{rewrite}")
         for sample in SAMPLES for rewrite in REWRITES if _fits(sample, rewrite)]


@pytest.mark.parametrize("sample, rewrite", CASES)
def test_a_gazette_printed_differently_gives_the_same_documents(originals, tmp_path, sample, rewrite):
    copy = tmp_path / sample.name
    copy.write_text(REWRITES[rewrite](sample.read_text(encoding="utf-8")), encoding="utf-8")
    got, expected = documents(copy), originals[sample]
    assert [meta for meta, _ in got] == [meta for meta, _ in expected]
    if rewrite in SAME_WORDS:
        assert [body for _, body in got] == [body for _, body in expected]


def _wrapped(paragraph: str, width: int) -> list[str]:
    """A paragraph as a PDF conversion prints it: lines of ``width`` (Latin half as wide),
    the first indented by two ideographic spaces."""
    lines, line = [], "\u3000\u3000"
    for char in paragraph:
        if visual_width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line]


@pytest.mark.parametrize("width", [20, 23, 26])
def test_a_pdf_conversion_that_wraps_lines_gives_the_same_paragraphs(tmp_path, width):
    """Paragraphs of a sample, printed one line each and then hard-wrapped with indented
    first lines: the same body.  Some lines end with 。 where the paragraph goes on, and
    some numbered lines fill the width (they are not headings)."""
    sample = SOURCES / "panjin/001_8ad141c6deb9acb4.txt"
    paragraphs = [line.strip() for line in sample.read_text(encoding="utf-8").split("\n")
                  if len(line.strip()) >= 60 and line.strip().endswith("。") and "|" not in line][:40]
    head = ["盘锦市人民政府公报", "2024年第5—6月号（总第152期）", "盘锦市人民政府关于开展测试工作的通知", "盘政发〔2024〕99号",
            "各县、区人民政府，辽滨沿海经济技术开发区、高新技术产业开发区管委会，市政府各部门、直属机构："]
    tail = ["盘锦市人民政府", "2024年5月20日", "（此件公开发布）"]
    wrapped = [line for paragraph in paragraphs for line in _wrapped(paragraph, width)]
    assert sum(line.endswith("。") for line in wrapped) > len(paragraphs)  # a sentence ends inside a paragraph
    bodies = []
    for name, lines in (("one-line.txt", paragraphs), ("wrapped.txt", wrapped)):
        (tmp_path / name).write_text("\n\n".join(head + lines + tail), encoding="utf-8")
        bodies.append(documents(tmp_path / name))
    assert len(bodies[0]) == 1 and bodies[0][0][1].count("\n\n") >= len(paragraphs)
    assert bodies[1] == bodies[0]


TOC_HEADING = re.compile(r"^\s*#*\s*(?:本期)?目\s*[录次]\s*$")


@pytest.mark.parametrize("pages", ["with pages", "without pages"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: f"{sample.parent.name}/{sample.name[:3]}")
def test_a_toc_printed_at_the_end_gives_the_same_documents(originals, tmp_path, sample, pages):
    """Some gazettes print the TOC after the documents: the TOC (from its heading to the
    first document) moved to the end gives the same documents, and its entries still name
    them; with its page numbers or without."""
    text = sample.read_text(encoding="utf-8")
    source = tmp_path / "source" / sample.name
    source.parent.mkdir()
    source.write_text(toc_without_pages(text) if pages == "without pages" else text, encoding="utf-8")
    conversion = convert_file(source, sample.name)
    if not conversion.issue["toc"]:
        pytest.skip("no TOC")
    lines = source.read_text(encoding="utf-8").split("\n")
    first_entry, first_document = conversion.issue["toc"][0]["line"], conversion.documents[0].meta["source_lines"][0]
    heading = max(n for n in range(first_entry) if TOC_HEADING.match(lines[n]))
    moved = lines[:heading] + lines[first_document - 1:] + [""] + lines[heading:first_document - 1]
    copy = tmp_path / sample.name
    copy.write_text("\n".join(moved), encoding="utf-8")
    got = convert_file(copy, copy.name)
    expected = originals[sample] if pages == "with pages" else [(meta, None) for meta, _ in originals[sample]]
    # (dropping pages may touch a body's lines near the top: bodies compared with pages only)
    assert [({f: d.meta.get(f) for f in FIELDS}, d.body if pages == "with pages" else None)
            for d in got.documents] == expected
    assert [entry["document"] for entry in got.issue["toc"]] == [entry["document"] for entry in conversion.issue["toc"]]
    assert "unaccounted" not in got.line_kinds


def _combinations(count: int = 3, seed: int = 2026):
    """For each gazette, ``count`` sets of three rewrites at once, drawn with a fixed seed:
    one conversion may print several of these ways together."""
    rng = random.Random(seed)
    names = sorted(REWRITES)
    for sample in SAMPLES:
        drawn = 0
        while drawn < count:
            combo = rng.sample(names, 3)
            breaks = [name for name in combo if name.startswith("page breaks")]
            if len(breaks) > 1 or not all(_fits(sample, name) for name in combo):
                continue
            drawn += 1
            yield pytest.param(sample, breaks + [n for n in combo if n not in breaks],  # page breaks need the name first
                               id=f"{sample.parent.name}/{sample.name[:3]}-{'+'.join(combo)}")


@pytest.mark.parametrize("sample, combo", list(_combinations()))
def test_several_rewrites_at_once_give_the_same_documents(originals, tmp_path, sample, combo):
    text = sample.read_text(encoding="utf-8")
    for name in combo:
        text = REWRITES[name](text)
    copy = tmp_path / sample.name
    copy.write_text(text, encoding="utf-8")
    assert [meta for meta, _ in documents(copy)] == [meta for meta, _ in originals[sample]]
