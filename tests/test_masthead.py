"""The masthead as gazettes print it: the issue label, serial number and date are read
from each layout, and the issue is filed under its year and number."""
from __future__ import annotations

from pathlib import Path

import pytest

from gazette.pipeline import convert_file

BODY = (Path(__file__).parent / "fixtures" / "colophon_gazette.txt").read_text(encoding="utf-8").split("\n", 2)[2]


@pytest.mark.parametrize("masthead, serial, date", [
    ("大连市人民政府公报　2021年第4期（总第512期）", 512, None),
    ("大连市人民政府公报\n2021年 第4期 总第512期", 512, None),
    ("总第512期\n大连市人民政府公报\n2021年第4期", 512, None),
    ("2021年第4期\n大连市人民政府公报", None, None),             # a left-hand page's order
    ("大连市人民政府公报\n2021\n第4期", None, None),              # the year on a line of its own
    ("大连市人民政府公报\n（2021年第4期）", None, None),
    ("大连市人民政府公报\n2021年第4期（半月刊）", None, None),
    ("大连市人民政府公报\nISSN 1234-5678\nCN 21-1234/D\n2021年第4期", None, None),
    ("大连市人民政府公报\n第4期\n大连市人民政府办公室编　2021年4月30日出版", None, "2021-04-30"),
    ("大连市人民政府公报\n2021年4月30日　第4期", None, "2021-04-30"),  # the label in the date's line
    ("大连市人民政府公报（月刊）\n2021年第4期", None, None),
    ("《大连市人民政府公报》\n2021年第4期", None, None),
    ("大 连 市 人 民 政 府 公 报\n2021年第4期", None, None),     # letter-spaced
    ("大连市人民政府公报（半月刊）　2021年第4期", None, None),
    ("大连市人民政府公报　二〇二一年第四期", None, None),            # the label in Chinese numerals beside the name
    # a blurb of sentences, no document's: no warning of text before the first document
    ("大连市人民政府公报\n2021年第4期\n本刊是大连市人民政府办公室主办的政府出版物，及时刊登市政府规章和文件。", None, None),
])
def test_each_masthead_layout_gives_the_issue(tmp_path, masthead, serial, date):
    source = tmp_path / "issue.txt"
    source.write_text(f"{masthead}\n\n{BODY}", encoding="utf-8")
    conversion = convert_file(source, source.name)
    issue = conversion.issue
    assert (issue["issue_label"], issue["issue_number"], issue["issue_date"]) == ("2021年第4期", serial, date)
    assert conversion.folder == "dalian/2021/4" and len(conversion.documents) == 9
    assert conversion.documents[0].meta["title"] == "大连市人民政府关于进一步加强城市管理工作的意见"
    assert "text-before-first-document" not in {problem.code for problem in conversion.problems}
