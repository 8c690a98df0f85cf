"""Heading levels from a document's own numbering (gazette.headings)."""
import pytest

from gazette.headings import Outline, is_decimal_document, scheme_of, spaced


def levels(lines, decimal=False, base=2):
    outline = Outline(base)
    return [outline.level(scheme_of(line, decimal)) for line in lines]


@pytest.mark.parametrize("line, scheme", [
    ("一、总体要求", "cn"), ("（一）指导思想", "cn-paren"), ("1.推广应用智能制造", "arabic"),
    ("（1）级别降低", "arabic-paren"), ("第一章 总则", "chapter"), ("第二节 监测", "section"),
    ("1.1 编制目的", "decimal-2"), ("2.3.1 预警级别", "decimal-3"), ("3 预防、监测及预警", None),
    ("（一）指导思想。以习近平新时代中国特色社会主义思想为指导", None),
    ("为贯彻落实党中央决策部署，按照要求", None),
])
def test_a_short_numbered_line_has_its_scheme(line, scheme):
    # 3 预防、监测及预警 has a 、 inside: still a heading by its gap, but only in a decimal document
    expected = "decimal-1" if line.startswith("3 ") else scheme
    assert scheme_of(line, decimal_document=line.startswith("3 ")) == expected


def test_a_bare_number_is_a_chapter_only_in_a_decimal_document():
    assert scheme_of("1总则") is None
    assert scheme_of("1总则", decimal_document=True) == "decimal-1"
    # a count or a month opening a line is not a chapter number
    assert scheme_of("3月大事记", decimal_document=True) is None
    assert scheme_of("5个工作日内", decimal_document=True) is None


def test_the_official_numbering_gives_levels_two_to_five():
    assert levels(["一、总体要求", "（一）指导思想", "1.推广应用", "（1）级别降低"]) == [2, 3, 4, 5]


def test_decimal_chapters_are_larger_than_their_sections():
    lines = ["1 总则", "1.1 编制目的", "1.1.1 依据", "1.2 适用范围", "2 组织指挥体系", "2.1 指挥部"]
    assert levels(lines, decimal=True) == [2, 3, 4, 3, 2, 3]


def test_no_level_is_skipped_when_a_document_starts_inside_the_scheme():
    # a notice numbered （一） then 1. with no 一、 above: h2 and h3, not h3 and h4
    assert levels(["（一）工作目标", "1.完善制度", "（二）保障措施"]) == [2, 3, 2]


def test_an_outer_heading_closes_the_inner_ones():
    assert levels(["1.完善制度", "2.加强监督", "一、保障措施", "（一）组织领导"]) == [2, 2, 2, 3]


def test_a_restarted_outline_counts_from_its_base():
    outline = Outline()
    outline.level("cn")
    outline.level("cn-paren")
    outline.restart(3)   # an attachment's own heading is h2; its numbering starts under it
    assert outline.level("decimal-1") == 3
    assert outline.level("decimal-2") == 4


def test_a_run_in_paragraph_puts_what_follows_inside_it_without_skipping_a_level():
    outline = Outline()
    outline.level("cn")
    outline.enter("cn-paren")   # （一）指导思想。以…为指导… : a paragraph, numbered
    assert outline.level("arabic") == 3       # inside it, but h3 under the h2: no h4 after an h2
    assert outline.level("cn-paren") == 3     # （二）as a heading closes the 1. items
    assert outline.level("arabic") == 4


def test_a_line_with_a_comma_or_a_full_stop_is_a_paragraph():
    # a text dump breaks a paragraph where its width ends: （二）国有股股利、股息，即… goes on
    assert scheme_of("（二）国有股股利、股息，即国有控股、参股企业国有") is None
    assert scheme_of("（一）加强领导。各地要高度重视") is None


def test_a_decimal_document_has_two_numbered_sections():
    assert is_decimal_document(["1 总则", "1.1 编制目的", "1.2 适用范围"])
    assert not is_decimal_document(["一、总体要求", "1.1 编制目的"])


def test_a_decimal_number_is_set_apart_from_its_heading():
    assert spaced("1.1编制目的", "decimal-2") == "1.1 编制目的"
    assert spaced("1总则", "decimal-1") == "1 总则"
    assert spaced("（一）指导思想", "cn-paren") == "（一）指导思想"
