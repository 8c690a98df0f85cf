"""The site renders the converter's Markdown as CommonMark with tables, in markdown-it's HTML.

The archive's reader renders with pulldown-cmark (pyromark) and lays its tables out as
markdown-it does; the cases below were written by hand from the CommonMark spec and GFM's
tables.  Random bodies, written with the converter's own escaping and tables, are checked
against markdown-it-py, the reference Python implementation of markdown-it.
"""
import random

from markdown_it import MarkdownIt

from gazette.markdown_text import cell_markdown, escape, table
from plugins.archive_reader import ArchiveReader, CommonMark, render

SITE = CommonMark()


def test_a_table_has_a_line_for_each_row_and_cell():
    markdown = table([["序号", "名称"], ["1", cell_markdown(["市林业局", "市应急局"])]])
    assert render(SITE, markdown) == (
        "<table>\n<thead>\n<tr>\n<th>序号</th>\n<th>名称</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>1</td>\n<td>市林业局<br>市应急局</td>\n</tr>\n</tbody>\n</table>\n")


def test_a_table_of_one_row_has_no_body():
    assert render(SITE, table([["序号", "名称"]])) == (
        "<table>\n<thead>\n<tr>\n<th>序号</th>\n<th>名称</th>\n</tr>\n</thead>\n</table>\n")


def test_tables_among_paragraphs_keep_the_paragraphs_as_they_are():
    markdown = "\n\n".join([escape("前言。"), table([["甲"], ["1"]]), escape("中间"), table([["乙"]]), escape("结语")])
    assert render(SITE, markdown) == (
        "<p>前言。</p>\n<table>\n<thead>\n<tr>\n<th>甲</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n"
        "</tbody>\n</table>\n<p>中间</p>\n<table>\n<thead>\n<tr>\n<th>乙</th>\n</tr>\n</thead>\n</table>\n<p>结语</p>\n")


def test_a_quote_in_text_is_an_entity_and_an_attributes_quotes_stay():
    assert render(SITE, "{.signature}\n" + escape('他说"好"')) == '<p class="signature">他说&quot;好&quot;</p>\n'
    assert render(SITE, table([['乙 "丙"']])) == "<table>\n<thead>\n<tr>\n<th>乙 &quot;丙&quot;</th>\n</tr>\n</thead>\n</table>\n"


def test_an_ideographic_space_opening_a_cell_is_kept():
    assert "<th>\u3000甲</th>" in render(SITE, table([["\u3000甲"]]))


def test_a_heading_keeps_a_hash_that_ends_its_text():
    # a closing sequence of #s after a space or a tab is not text (CommonMark), so the
    # converter escapes one that ends the source's text
    assert render(SITE, "## " + escape("总则 #")) == "<h2>总则 #</h2>\n"
    assert render(SITE, "## " + escape("总则\t##")) == "<h2>总则\t##</h2>\n"
    assert render(SITE, "## " + escape("C#")) == "<h2>C#</h2>\n"


# Unicode spaces are left out: markdown-it-py strips them from a table cell's edges (Python's
# str.strip), where markdown-it and pulldown-cmark strip only ASCII ones.
PIECES = list("甲乙丙丁abc123 \t\"'&<>\\`*_{}[]|~#>+-=.!():;，。“”（）—") + [
    "&amp;", "&#x41;", "<br>", "<b>", "1.", "- ", "# ", "**", "    "]


def _text(chance: random.Random, longest: int) -> str:
    return "".join(chance.choice(PIECES) for _ in range(chance.randint(0, longest)))


def _block(chance: random.Random) -> str:
    """A block as the converter writes one: a table, a marked paragraph, an attachment's
    heading, a numbered heading or a paragraph, its text escaped."""
    roll = chance.random()
    if roll < 0.3:
        return table([[cell_markdown([_text(chance, 5).strip() for _ in range(chance.randint(0, 2))])
                        for _ in range(chance.randint(1, 4))] for _ in range(chance.randint(1, 5))])
    line = escape(_text(chance, 30).strip() or "文")
    if roll < 0.4:
        return "{." + chance.choice(["signature", "note", "addressees"]) + "}\n" + line
    if roll < 0.5:
        return "{#attachment-1 .attachment}\n## 附件1"
    if roll < 0.6:
        return "#" * chance.randint(2, 4) + " " + line
    return line


def test_random_bodies_render_as_markdown_it_renders_them():
    chance, reference = random.Random(0), MarkdownIt("commonmark").enable("table")
    for _ in range(3000):
        body = "\n\n".join(_block(chance) for _ in range(chance.randint(1, 6))) + "\n"
        assert render(SITE, body) == render(reference, body), repr(body)


def test_a_documents_date_is_the_one_pelican_reads():
    from pelican.plugins.markdown_it_reader.markdown_it_reader import MDITReader
    from pelican.settings import DEFAULT_CONFIG
    ours, pelicans = ArchiveReader(DEFAULT_CONFIG), MDITReader(DEFAULT_CONFIG)
    for front in ({"title": "甲", "date": "2024-03-01", "year": 2024}, {"date": "2024-3-1"}, {"date": "2024-03-01 10:30"},
                  {"date": None}, {"title": "乙"}):
        read = ours._parse_yaml_metadata(front)
        assert read == pelicans._parse_yaml_metadata(front)
        assert {name: type(value) for name, value in read.items()} == {
            name: type(value) for name, value in pelicans._parse_yaml_metadata(front).items()}
    for wrong in ("2024-13-01", "2024-02-30"):
        errors = []
        for reader in (ours, pelicans):
            try:
                reader._parse_yaml_metadata({"date": wrong})
            except ValueError as error:
                errors.append(str(error))
        assert len(errors) == 2 and errors[0] == errors[1]
