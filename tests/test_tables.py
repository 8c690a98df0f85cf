"""A table's CSV download holds what its page shows, cell by cell."""
import csv
import io
import random

import lxml.html

from gazette.markdown_text import cell_markdown, table
from plugins.archive.tables import csv_text
from plugins.archive_reader import CommonMark, render

SITE = CommonMark()
PIECES = list("甲乙丙12ab \t\u3000\"'&<>\\`*_{}[]|~#+-=.!():;，。“”（）—\u00a0") + [
    "&amp;", "&nbsp;", "&#x41;", "<br>", "<b>", "**", "**粗**", "`码`", "=SUM(A1)", "@x", "+1"]


def lxml_rows(table_html: str) -> list[list[str]]:
    """The cells as lxml's HTML parser reads them (the reading the download stands for)."""
    parsed = lxml.html.fragment_fromstring(table_html.replace("<br>", "\n").replace("<br />", "\n"))
    return [[cell.text_content().strip() for cell in row.xpath("./th|./td")] for row in parsed.iter("tr")]


def test_a_tables_csv_holds_the_cells_a_parser_reads_from_its_page():
    chance = random.Random(3)
    for _ in range(3000):
        rows = [[cell_markdown(["".join(chance.choice(PIECES) for _ in range(chance.randint(0, 6))).strip()
                                for _ in range(chance.randint(0, 2))])
                 for _ in range(chance.randint(1, 4))] for _ in range(chance.randint(1, 4))]
        page = render(SITE, table(rows))
        expected = lxml_rows(page)
        assert list(csv.reader(io.StringIO(csv_text(page)))) == [
            [f"'{cell}" if cell.startswith(("=", "+", "@")) else cell for cell in row] for row in expected], page


def test_a_cells_lines_and_characters_come_out_as_printed():
    rows = [["名称", "说明"], [cell_markdown(["市林业局", "市应急局"]), cell_markdown(['A&B <c> *重点* "引"'])],
            [cell_markdown(["=1+1"]), ""]]
    assert csv_text(render(SITE, table(rows))) == '名称,说明\n"市林业局\n市应急局","A&B <c> *重点* ""引"""\n\'=1+1,\n'


def test_a_hand_written_tables_markup_comes_out_as_its_text():
    """A document written by hand may mark a cell up: its text is what the CSV holds."""
    chance = random.Random(4)
    marked = ["**粗**", "*斜*", "`A&B`", "甲", "&amp;", "1", "[链接](a.html)", " "]
    for _ in range(500):
        rows = [["".join(chance.choice(marked) for _ in range(chance.randint(1, 4))) for _ in range(2)]
                for _ in range(chance.randint(1, 3))]
        page = render(SITE, table(rows))
        assert list(csv.reader(io.StringIO(csv_text(page)))) == lxml_rows(page), page
