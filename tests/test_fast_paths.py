"""Each of the converter's fast paths gives what the plain definition it stands for gives.

The plain definitions (a lookbehind tried at every character, a pattern tried on every
clause or line) are written here as the specification; the converter's versions skip
the places where nothing can match.  Random strings over the characters that matter
reach every branch many times over.
"""
import html
import random
import re

import pytest

from gazette import docnumber, markdown_text, metadata, reader, rules, tables, text, validity
from gazette.reader import Line
from gazette.text import HAN, CJK_PUNCT

CJK = f"{HAN}{CJK_PUNCT}"
SPACE_IN_CJK = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")
SPACE_CJK_DIGIT = re.compile(rf"(?<=[{CJK}])[ \u3000]+(?=\d)|(?<=\d)[ \u3000]+(?=[{CJK}])")
SENTENCE_END = re.compile(r"(?<=[。；;！？])(?![”’」』])|(?<=[。；;！？][”’」』])")


def strings(alphabet, count=40_000, longest=14, seed=0):
    chance = random.Random(seed)
    pieces = list(alphabet)
    for _ in range(count):
        yield "".join(chance.choice(pieces) for _ in range(chance.randint(0, longest)))


def plain_despace(value: str) -> str:
    return SPACE_CJK_DIGIT.sub("", SPACE_IN_CJK.sub("", value))


def plain_clean_line(value: str) -> str:
    if "**" in value:
        value = text.BOLD.sub(r"\1", value)
    return text.MARKDOWN_MARKERS.sub("", value.strip()).strip()


def test_despace_removes_the_same_spaces_as_the_lookbehind_definition():
    for value in strings("中文 \t\u30001a，。x"):
        assert text.despace(value) == plain_despace(value), repr(value)


def test_folded_runs_are_the_runs_of_the_plain_class():
    plain = re.compile(reader._FOLDED + "+")
    for value in strings("０１ＡＺａｚ⺟⼀\u200b\ufeff中文 a1"):
        assert [m.span() for m in reader.FOLDED_RUN.finditer(value)] == [m.span() for m in plain.finditer(value)]


def test_a_body_line_reuses_its_plain_text_only_where_that_is_the_answer():
    for value in strings(["第一条", "第二章", "中", "文", " ", "\u3000", "\u3000\u3000", "   ", "1", "**", "#"]):
        line = Line(1, value)
        assert text.despace_body(line.clean, line.plain) == text.despace_body(line.clean), repr(value)


def test_clean_line_drops_the_same_markup_as_the_pattern_alone():
    for value in strings("# -*+文\u3000\t*", longest=10):
        assert text.clean_line(value) == plain_clean_line(value), repr(value)


def test_sentences_end_where_the_lookbehind_definition_ends_them():
    for value in strings("。；;！？”’」』文 a"):
        expected = [s for s in map(str.strip, SENTENCE_END.split(value)) if s]
        assert [s for s in map(str.strip, validity.SENTENCE.findall(value)) if s] == expected, repr(value)


@pytest.mark.parametrize("window", [2, 5, text.NEAR])
def test_the_sentences_around_matches_are_the_sentences_the_pattern_is_found_in(monkeypatch, window):
    monkeypatch.setattr(text, "NEAR", window)  # the stop found near the match, or before
    found = re.compile("施行")
    for value in strings(["。", "；", "！", "”", "施行", "施", "文", " "], count=20_000, longest=16):
        expected = [s for s in map(str.strip, validity.SENTENCE.findall(value)) if s and found.search(s)]
        assert validity._sentences_at(value, found) == expected, repr(value)


@pytest.mark.parametrize("seed, window", [(0, 3), (1, text.NEAR)])
def test_numbered_clauses_are_the_clauses_that_may_hold_a_number(monkeypatch, seed, window):
    monkeypatch.setattr(text, "NEAR", window)  # the mark found near the anchor, or before
    alphabet = ["，", "。", "；", "〔", "〕", "2019", "(", ")", "令", "第", " ", "文", "2"]
    for value in strings(alphabet, seed=seed):
        expected = list(filter(docnumber.may_hold, metadata.CLAUSE.split(value)))
        assert metadata.numbered_clauses(value) == expected, repr(value)


def test_a_line_with_no_wide_gap_has_no_aligned_cells():
    for value in strings(" \u3000\t文a", longest=9):
        cells = None if "\t" in value else text.WIDE_GAP.split(value.strip())
        expected = None if cells is None or len(cells) < tables.MIN_ALIGNED_CELLS \
            or any(len(c) > tables.ALIGNED_CELL_CHARS for c in cells) else cells
        assert tables._aligned_cells(value) == expected, repr(value)


def test_a_date_line_is_told_with_or_without_its_weekday():
    for value in ["2024年3月1日", "2024年3月1日（星期五）", "2024年3月1日(周五)", "2024年3月1日 （星期五）",
                  "2024年3月1日（星期八）", "周五", "2024年13月1日", "二〇二四年三月一日（星期五）"]:
        bare = rules.WEEKDAY.sub("", value)
        expected = bool(rules.DATE.fullmatch(bare)) and rules.parse_date(bare) is not None
        assert rules.is_date_line(value) is expected, value
    assert rules.is_date_line("2024年3月1日（星期五）") and not rules.is_date_line("2024年3月1日（星期八）")


def test_a_title_ratio_is_exact_wherever_it_can_beat_the_best_so_far():
    from difflib import SequenceMatcher
    from gazette.structure import _title_ratio
    chance = random.Random(5)
    titles = list(strings("关于印发通知办法的", count=3_000, longest=12, seed=6))
    for title, candidate in zip(titles, reversed(titles)):
        plain = SequenceMatcher(None, title, candidate, autojunk=False).ratio()
        contained = title in candidate or candidate in title
        expected = max(plain, 0.95) if contained else plain
        floor = chance.choice([0.0, 0.5, 0.8, 0.95, 0.97])
        matcher = SequenceMatcher(None, "", candidate, autojunk=False)
        matcher.set_seq1(title)
        found = _title_ratio(matcher, floor)
        if expected > floor:
            assert found == expected, (title, candidate, floor)
        else:
            assert found <= floor, (title, candidate, floor)


def plain_classify(title: str, body: str) -> list[str]:
    from gazette import topics
    config = topics.taxonomy()
    body = body[:topics.BODY_WINDOW]
    scores = []
    for position, topic in enumerate(config["topics"]):
        score = sum(topics.TITLE_WEIGHT * (keyword in title) + min(body.count(keyword), topics.BODY_CAP)
                    for keyword in topic["keywords"])
        if score >= config["threshold"]:
            scores.append((-score, position, topic["name"]))
    if not scores:
        return [next(t["name"] for t in config["topics"] if t["slug"] == config["fallback"])]
    return [name for _, _, name in sorted(scores)[:3]]


def test_topics_are_scored_as_the_sum_over_every_keyword_of_every_topic():
    from gazette import topics
    keywords = sorted({k for t in topics.taxonomy()["topics"] for k in t["keywords"]})
    chance = random.Random(7)
    for _ in range(600):
        pick = lambda n: "".join(chance.choice(keywords + ["的", "通知", "，"]) for _ in range(n))
        title, body = pick(chance.randint(0, 4)), pick(chance.randint(0, 40))
        assert topics.classify(title, body) == plain_classify(title, body), (title, body)


def test_each_artifact_rule_names_a_span_as_it_names_each_line_alone():
    """A rule reads a document's span in one pass: what it names there is what it names
    of each line alone, and the first rule naming a line gives its kind."""
    from gazette import artifacts
    from gazette.kinds import LineKind
    from gazette.reader import Line
    texts = ["盘锦市人民政府公报", "12", "", " ", "— 13 —", "正文第一段。", "2024年第1期　盘锦市人民政府公报　5",
             "内部资料　免费交流", "【字体：大 中 小】 打印本页", "\u3000", "盘锦市人民政府公报关于…的通知"]
    chance = random.Random(14)
    for _ in range(300):
        lines = [Line(n, chance.choice(texts), chance.choice([LineKind.UNCLASSIFIED] * 6 + [LineKind.SECTION_HEADING,
                                                                                         LineKind.PAGE_BREAK]))
                 for n in range(1, 9)]
        for publisher in (None, "盘锦市人民政府公报"):
            expected = {}
            for index in range(len(lines)):
                for rule in artifacts.ARTIFACT_RULES:
                    alone = list(rule(lines, range(index, index + 1), publisher))
                    if alone:
                        expected[index] = alone[0][1]
                        break
            assert artifacts.artifact_kinds(lines, 0, len(lines), publisher) == expected


def test_escape_changes_what_the_full_escape_changes():
    import html
    from gazette import markdown_text

    def full(value):
        value = html.escape(html.unescape(value) if "&" in value and ";" in value else value, quote=False)
        for char in markdown_text._MD_SPECIAL:
            value = value.replace(char, "\\" + char)
        value = re.sub(r"(?<=[ \t])(#+)$", r"\\\1", value)   # a heading's closing #s, kept as text
        return markdown_text._LINE_START.sub(
            lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), value)
    for value in strings("&<>\\`*_{}[]|~#+-=.)1２ \u2003文;a", count=60_000, longest=6):
        assert markdown_text.escape(value) == full(value), repr(value)


def test_a_signature_with_its_date_is_read_only_from_a_line_ending_with_the_date():
    for value in ["抚顺市人民政府　　2024年4月1日", "抚顺市人民政府　2024年4月1日印发", "抚顺市人民政府2024年4月1日 ",
                  "自2024年4月1日起施行", "2024年4月1日", "2024年4月1日（星期一）", "2024年4月1日起"]:
        match = rules.SIGNED_WITH_DATE.fullmatch(value)
        expected = match["organ"] if match and rules.is_organ_name(match["organ"]) else None
        assert rules.signed_with_date(value) == expected, value
        bare = rules.WEEKDAY.sub("", value)
        assert rules.is_date_line(value) is (bool(rules.DATE.fullmatch(bare)) and rules.parse_date(bare) is not None)


def test_a_number_is_parsed_only_from_text_ending_with_hao():
    def plain_parse(value):
        value = value.strip()
        for pattern in (docnumber.DOC_NUMBER, docnumber.ORDER_NUMBER, docnumber.BARE_NUMBER):
            match = pattern.fullmatch(value)
            if match:
                return docnumber._from_match(match)
        return None
    pieces = ["盘政发", "〔", "2024", "〕", "6", "号", " ", "令", "第", "年", "（", "）", "文", "\u3000"]
    for value in strings(pieces, count=30_000, longest=8, seed=3):
        assert docnumber.parse(value) == plain_parse(value), repr(value)


def test_an_anchor_is_either_anchor_where_it_is_found():
    either = re.compile(f"{docnumber._YEAR_BRACKET.pattern}|{docnumber._ORDER_WORD.pattern}")
    pieces = ["〔", "(", "（", "[", "令", "第", " ", "\u3000", "2019", "19", "20", "1", "文"]
    for value in strings(pieces, count=40_000, longest=10, seed=4):
        found = [m.span() for m in docnumber._ANY_ANCHOR.finditer(value)]
        assert found == [m.span() for m in either.finditer(value)], repr(value)


def plain_numbers_near_anchors(pattern, anchor, value):
    """The search ``docnumber.find_all`` stands for: near each anchor, from as far back as a
    number may begin (``_REACH``) or the end of the last number found."""
    position, found = 0, []
    for hit in anchor.finditer(value):
        if hit.start() < position:
            continue
        match = pattern.search(value, max(position, hit.start() - docnumber._REACH), hit.end() + docnumber._REACH)
        if match and match.start() >= position:
            found.append(match)
            position = match.end()
    return found


def test_a_number_is_searched_for_from_where_its_prefix_may_begin():
    """``_prefix_begins`` starts the search where the bracket's prefix may begin: the same
    numbers as a search from as far back as a number may begin."""
    pieces = ["国务院办公厅关于印发", "市人民政府", "晋市政办发", "盘政发", "Ab", "按照", "，", "\n", " ", "  ", "\u3000",
              "\t", "〔2024〕", "〔 2023 〕", "(1999)", "（2023）", "[2024]", "【2024】", "﹝2023﹞", "［2024］", "〔20",
              "24〕", "12号", "第3号", " 6 号", "号", "令", "年", "（", "）"]
    for value in strings(pieces, count=30_000, longest=16, seed=5):
        expected = plain_numbers_near_anchors(docnumber.DOC_NUMBER, docnumber._YEAR_BRACKET, value)
        found = list(docnumber._finditer(docnumber.DOC_NUMBER, docnumber._YEAR_BRACKET, value, docnumber._prefix_begins))
        assert [m.span() for m in found] == [m.span() for m in expected], repr(value)


def test_a_text_line_gets_what_the_whole_rule_table_gives(monkeypatch):
    """``body.TEXT_RULES`` skips the rules that pass a plain text line on: the samples'
    bodies are the same through the whole table."""
    from pathlib import Path
    from gazette import body
    from gazette.pipeline import convert_file
    samples = sorted((Path(__file__).parent.parent / "sources").rglob("*.txt"))[:5]
    assert samples
    fast = [[d.body for d in convert_file(path, path.name).documents] for path in samples]
    monkeypatch.setattr(body, "TEXT_RULES", body.BLOCK_RULES)
    assert [[d.body for d in convert_file(path, path.name).documents] for path in samples] == fast


def test_despace_body_joins_a_numbered_head_and_its_text_as_the_plain_join_does():
    def plain(value):
        gap = text.NUMBERED_GAP.match(value)
        head, value = (gap[1], value[gap.end():]) if gap else ("", value)
        if "\u3000\u3000" in value or "   " in value:
            return None   # columns: not this path
        return "\u3000".join(filter(None, [head, text.despace(value)]))
    for value in strings(["第一条", "第2章", " ", "\u3000", "为了", "a", "1"], count=20_000, longest=6, seed=8):
        expected = plain(value)
        if expected is not None:
            assert text.despace_body(value) == expected, repr(value)


def test_a_folded_start_is_the_start_of_the_whole_text_folded():
    # combining marks, ligatures and squared words NFKC expands, Hangul jamo it joins,
    # full-width forms, punctuation and spaces fold drops
    pieces = ["e", "\u0301", "\u0323", "ﬀ", "㍿", "\u1100", "\u1161", "\u11a8", "Ａ", "１", "，", " ", "（", "关", "于",
              "\u3000", "·", "ⅻ", "²"]
    for value in strings(pieces, count=40_000, longest=16, seed=12):
        for count in (1, 4):
            assert text.folded_start(value, count) == text.fold(value)[:count], repr(value)


def test_a_rows_cells_are_split_and_written_as_cell_by_cell():
    from gazette import markdown_text as md
    pieces = ["\t", " ", "\u3000", "<br>", "<p>", "文", "1", ".", "#", "-", "and", "etc", "$x$", "&", "*", "\u00a0", "(", ")",
              "an", "d", "e", "tc", "年", "2"]
    for value in strings(pieces, count=30_000, longest=10, seed=13):
        cells = [md.cell_parts(cell) for cell in value.split("\t")]
        assert md.row_parts(value) == cells, repr(value)
        assert md.row_markdown(cells) == [md.cell_markdown(cell) for cell in cells], repr(value)


def test_a_cell_names_the_column_whose_folded_name_its_text_folds_to():
    from gazette import table_repair
    header = [["序号"], ["名称"], ["实施主体"], ["备", "注"], ["1"]]
    pieces = ["序号", "名称", "实施", "主体", "备注", " ", "\u3000", "（", "１", "a", "文" * 30, "ﬀ"]
    labels = table_repair._labels(header)
    for value in strings(pieces, count=20_000, longest=5, seed=15):
        assert table_repair._label([value], labels) == labels.get(text.fold(text.despace(value))), repr(value)


def test_fields_are_read_from_a_line_only_when_one_opens_it():
    from gazette import webheader

    def plain(value):
        matches = list(webheader.FIELD.finditer(value))
        if not matches or value[: matches[0].start()].strip():
            return {}
        return {webheader._key(m): value[m.end():(n.start() if n else len(value))].strip()
                for m, n in zip(matches, matches[1:] + [None])}
    pieces = ["索引号", "发布机构", "来源", "：", ":", " ", "\u3000", "【", "】", "文", "2024", "索 引 号"]
    for value in strings(pieces, count=20_000, longest=8, seed=17):
        assert webheader.fields_of(value) == plain(value), repr(value)


def plain_to_plain(markdown: str) -> str:
    """The text of a body, a line at a time: the definition ``markdown_text.to_plain`` stands for."""
    lines = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line or re.match(r"^\{[#.][^{}]*\}$", line) or re.match(r"^\|(?:-+\|)+$", line):
            continue
        line = re.sub(r"^#{1,6}\s+|^-\s+|\*\*", "", line)
        if line.startswith("|") and line.endswith("|"):
            line = "\t".join(cell.strip() for cell in line[1:-1].split(" | "))
        lines.append(html.unescape(re.sub(r"\\([\\`*_{}\[\]|~#>+\-=.!()])", r"\1", line.replace("<br>", " "))))
    return "\n".join(lines)


def test_a_bodys_plain_text_is_its_lines_plain_text():
    alphabet = ["|", " | ", "-", "- ", "---", "|---|", "#", "## ", "**", "*", "{", "}", "{.a}", "{#b}", ".", "\n",
                "\n", " ", "\u3000", "\t", "\r", "\x85", "\\", "\\*", "&amp;", "&lt;", "<br>", "a", "中"]
    for value in strings(alphabet, count=60_000, longest=30, seed=11):
        assert markdown_text.to_plain(value) == plain_to_plain(value), repr(value)
