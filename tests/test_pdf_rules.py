"""Rules of the PDF reader on printed lines made by hand: a header run into a split row's
rest, a list's next item after a line that left little room."""
from __future__ import annotations

from types import SimpleNamespace

from gazette.pdf_pages import PrintedLine
from gazette.pdf_paragraphs import _next_item
from gazette.pdf_table_pages import join_rows_over_pages
from gazette.pdf_tables import find_grids

HEADER = ["序号", "重点工作任务", "责任单位"]


def row(page: int, cells: list[str]) -> PrintedLine:
    line = PrintedLine(page, [], text="\t".join(cells), table_row=True)
    line.cells = list(cells)
    return line


def text(page: int, words: str) -> PrintedLine:
    return PrintedLine(page, [], text=words)


def pages_of(*lines: PrintedLine) -> list:
    numbers = sorted({line.page for line in lines})
    return [SimpleNamespace(number=n, lines=[line for line in lines if line.page == n]) for n in numbers]


def test_a_header_run_into_a_rows_rest_gives_the_rest_to_the_row_before():
    split = row(1, ["1", "加强土壤", "市生态"])
    glued = row(2, ["序号", "重点工作任务污染防治", "责任单位环境局"])
    join_rows_over_pages(pages_of(text(1, "附件"), row(1, HEADER), split, glued), {})
    assert split.cells == ["1", "加强土壤污染防治", "市生态环境局"] and split.text == "1\t加强土壤污染防治\t市生态环境局"
    assert glued.cells == HEADER        # the header again: dropped as such later


def test_a_row_split_over_three_pages_gathers_its_rest_from_each():
    split = row(1, ["1", "一", "甲"])
    second, third = row(2, ["序号", "重点工作任务二", "责任单位"]), row(3, ["序号", "重点工作任务三", "责任单位乙"])
    join_rows_over_pages(pages_of(row(1, HEADER), split, second, third), {})
    assert split.cells == ["1", "一二三", "甲乙"] and second.cells == third.cells == HEADER


def test_a_row_that_only_opens_like_the_header_on_the_same_page_is_kept():
    same_page = row(1, ["序号", "重点工作任务甲", "责任单位乙"])
    join_rows_over_pages(pages_of(row(1, HEADER), row(1, ["1", "一", "甲"]), same_page), {})
    assert same_page.cells == ["序号", "重点工作任务甲", "责任单位乙"]


def test_a_new_table_on_the_next_page_is_not_taken_for_a_continuation():
    first = row(1, ["1", "一", "甲"])
    other = row(2, ["序号", "重点工作任务", "责任单位丙"])
    join_rows_over_pages(pages_of(row(1, HEADER), first, text(2, "附件2"), row(2, HEADER), other), {})
    assert first.cells == ["1", "一", "甲"] and other.cells == ["序号", "重点工作任务", "责任单位丙"]


def test_a_list_items_next_number_starts_a_line_of_its_own():
    assert _next_item(text(1, "2.本溪市基层政务公开工作任务分工"), text(1, "3.________________领域政务公开事项"))
    assert not _next_item(text(1, "2.本溪市基层政务公开"), text(1, "2.5%的增长"))
    assert not _next_item(text(1, "2.本溪市基层政务公开"), text(1, "5.不是下一项"))
    assert not _next_item(text(1, "本溪市基层政务公开"), text(1, "3.领域"))


def test_a_rows_rest_at_the_top_of_the_next_page_goes_back_into_it():
    """A new row has its number (序号); the rest of a split row, which has none, is the row's."""
    split = row(1, ["1", "完成晋城福盛钢铁", "市工信局牵头，泽"])
    rest, after = row(2, ["", "有限公司东厂产能置换。", "州县人民政府负责落实"]), row(2, ["2", "推进", "市能源局"])
    pages = pages_of(row(1, HEADER), split, rest, after)
    join_rows_over_pages(pages, {})
    assert split.cells == ["1", "完成晋城福盛钢铁有限公司东厂产能置换。", "市工信局牵头，泽州县人民政府负责落实"]
    assert pages[1].lines == [after]


def test_a_row_without_a_number_stays_a_row_where_the_table_numbers_none():
    """工作目标 | 重点任务: the first column merged down the rows, no number column: a row
    opening the page without its first cell may be a new row of the same group."""
    first, second = row(1, ["（一）提升素质", "1.加强政治能力建设"]), row(2, ["", "2.建立常态化培训机制"])
    pages = pages_of(row(1, ["工作目标", "重点任务"]), first, second)
    join_rows_over_pages(pages, {})
    assert second.cells == ["", "2.建立常态化培训机制"] and pages[1].lines == [second]


def test_a_tables_left_border_drawn_before_its_top_is_still_its_own():
    """LibreOffice draws a table's left border first: the rules drawn after it join it."""
    rules = [(84.1, 218.5, 85.1, 711.5), (516.1, 218.5, 517.1, 711.5), (83.8, 218.8, 517.3, 219.8),
             (138.1, 219.0, 139.1, 711.0), (84.3, 268.2, 516.8, 269.2), (83.8, 710.2, 517.3, 711.2)]
    [grid] = find_grids(rules)
    assert [round(x) for x in grid.columns] == [85, 139, 517]
