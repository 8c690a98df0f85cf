"""The cover and the TOC pages of a PDF, told by what stands on them (``pdf_page_roles``),
on printed lines made by hand: no 目录 line is printed in any of these."""
from __future__ import annotations

from types import SimpleNamespace

from gazette.kinds import LineKind
from gazette.pdf_page_roles import find_regions
from gazette.pdf_pages import PrintedLine

ENTRY, BODY, MASTHEAD = 14.0, 16.0, 40.0


def page(number: int, *rows: tuple[str, float]) -> SimpleNamespace:
    """A page of printed lines, top to bottom, each (text, type size), 24 points apart."""
    lines = [PrintedLine(number, [], text=text, size=size, top=100.0 + 24 * n) for n, (text, size) in enumerate(rows)]
    return SimpleNamespace(number=number, lines=lines)


def entries(first_page: int, count: int) -> list[tuple[str, float]]:
    return [(f"某市人民政府关于第{n}项工作的通知    {first_page + 3 * n}", ENTRY) for n in range(count)]


def body(count: int) -> list[tuple[str, float]]:
    return [("经市政府同意，现将有关事项通知如下，请认真贯彻执行。", BODY)] * count


def regions_by_text(pages) -> list[list[tuple[str, str | None]]]:
    found = find_regions(pages, {})
    return [[(line.text, found.get(id(line))) for line in p.lines] for p in pages]


def test_a_page_of_entries_after_the_cover_is_the_toc_and_the_cover_the_masthead():
    pages = [page(1, ("某市人民政府公报", MASTHEAD), ("2024年第5期", BODY)),
             page(2, *entries(1, 6)), page(3, *body(20))]
    cover, toc, text = regions_by_text(pages)
    assert {region for _, region in cover} == {LineKind.MASTHEAD}
    assert {region for _, region in toc} == {LineKind.TOC}
    assert {region for _, region in text} == {None}


def test_a_masthead_over_the_toc_on_one_page_stays_the_masthead():
    pages = [page(1, ("某市人民政府公报", MASTHEAD), ("2024年第5期（总第152期）", BODY), ("2024年7月", BODY),
                  ("市政府文件", BODY), *entries(1, 5)), page(2, *body(20))]
    first = regions_by_text(pages)[0]
    assert [region for _, region in first[:3]] == [LineKind.MASTHEAD] * 3   # larger type, or the masthead's facts
    assert [region for _, region in first[3:]] == [LineKind.TOC] * 6       # a section's heading opens the TOC


def test_the_toc_ends_halfway_down_a_page_where_the_first_document_begins():
    pages = [page(1, *entries(1, 4), ("某市人民政府关于第一项工作的通知", 22.0), *body(5))]
    [regions] = regions_by_text(pages)
    assert [region for _, region in regions] == [LineKind.TOC] * 4 + [None] * 6


def test_a_toc_goes_on_over_pages_until_a_page_opens_with_text():
    second = page(2, *entries(20, 5), ("大事记", BODY))    # a section's heading closes the page, its entries over it
    third = page(3, ("某市人民政府3月大事记    77", ENTRY), ("某市人民政府4月大事记    78", ENTRY))
    pages = [page(1, *entries(1, 6)), second, third, page(4, *body(3), ("表1    12", BODY))]
    found = regions_by_text(pages)
    assert all(region == LineKind.TOC for p in found[:3] for _, region in p)
    assert {region for _, region in found[3]} == {None}


def test_pages_whose_numbers_fall_or_whose_text_is_mostly_prose_are_no_toc():
    falling = page(1, *[(f"第{n}项    {90 - 7 * n}", ENTRY) for n in range(6)])
    prose = page(1, *body(4), ("合计    12", BODY), *body(4), ("其中    30", BODY), *body(4), ("另有    45", BODY))
    assert find_regions([falling, page(2, *body(3))], {}) == {}
    assert find_regions([prose, page(2, *body(3))], {}) == {}


def test_a_column_of_years_is_no_toc():
    """A work plan's unruled list, each task ending in its deadline: the numbers stand still."""
    plan = page(1, *[(f"第{n}项重点任务    2024", ENTRY) for n in range(8)])
    assert find_regions([plan, page(2, *body(3))], {}) == {}


def test_entries_past_the_issues_first_pages_make_no_toc():
    pages = [page(n, *body(20)) for n in range(1, 5)] + [page(5, *entries(1, 6))]
    assert find_regions(pages, {}) == {}
