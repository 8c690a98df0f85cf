"""Inputs that break the usual shape: each gets a clear file:line message, the rest of
the archive is converted, nothing is lost or overwritten."""
from __future__ import annotations

import json

from conftest import SOURCES, read_documents, run_ingest
from gazette.schema import read_document

SAMPLE = SOURCES / "jincheng/004_30928d03cc894fbe.txt"


def problems_of(out):
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return [p for s in report["sources"] for p in s["problems"]] + report["problems"], report


def test_a_truncated_gazette_keeps_what_it_has_and_names_what_is_missing(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    (tmp_path / "src").mkdir()
    (tmp_path / "src/cut.txt").write_text("\n".join(lines[:1500]) + "\n", encoding="utf-8")
    assert run_ingest(tmp_path / "src", tmp_path / "out").returncode == 0
    problems, report = problems_of(tmp_path / "out")
    unmatched = [p for p in problems if p["code"] == "toc-unmatched"]
    assert unmatched and all(p["path"].endswith("cut.txt") and p["line"] > 0 for p in unmatched)
    assert 0 < len(read_documents(tmp_path / "out")) < 24
    (source,) = report["sources"]
    assert sum(source["lines"].values()) == 1500


def test_a_line_of_one_megabyte(tmp_path):
    (tmp_path / "src").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    long_line = "各级各部门要认真贯彻落实，" * (1_000_000 // 39)
    (tmp_path / "src/long-line.txt").write_text(text.replace("2020年是全面建成小康社会", long_line + "2020年是", 1),
                                                encoding="utf-8")
    assert run_ingest(tmp_path / "src", tmp_path / "out").returncode == 0
    _, report = problems_of(tmp_path / "out")
    assert report["sources"][0]["documents"] == 24
    assert any(long_line[:200] in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))


def test_a_large_input_is_converted_whole(tmp_path):
    """Twelve issues run together in one 6 MB file: every line still accounted for."""
    (tmp_path / "src").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "src/large.txt").write_text(text * 12, encoding="utf-8")
    assert run_ingest(tmp_path / "src", tmp_path / "out").returncode == 0
    _, report = problems_of(tmp_path / "out")
    (source,) = report["sources"]
    assert "unaccounted" not in source["lines"]
    assert sum(source["lines"].values()) == len((text * 12).splitlines())


def test_a_50_mb_input_is_converted_whole(tmp_path):
    """230 generated issues run together in one file of over 50 MB: every line accounted
    for and every document written (the converter has no step that grows faster than its
    input: this takes about as long as converting the issues one by one)."""
    from benchmark.generate import generate

    issues = generate(SOURCES, tmp_path / "issues", 2300)
    big = tmp_path / "src" / "many-issues.txt"
    big.parent.mkdir()
    with big.open("w", encoding="utf-8") as out:
        for issue in issues:
            out.write(issue.read_text(encoding="utf-8"))
    assert big.stat().st_size > 50_000_000
    assert run_ingest(tmp_path / "src", tmp_path / "out").returncode == 0
    _, report = problems_of(tmp_path / "out")
    (source,) = report["sources"]
    assert "unaccounted" not in source["lines"]
    assert sum(source["lines"].values()) == len(big.read_text(encoding="utf-8").splitlines())
    assert len(read_documents(tmp_path / "out")) == 2300


def test_script_and_img_in_a_source_never_become_markup(tmp_path):
    (tmp_path / "src").mkdir()
    text = SAMPLE.read_text(encoding="utf-8").replace("一、统一思想认识", "一、统一<script>alert(1)</script>思想<img src=x onerror=alert(2)>认识", 1)
    (tmp_path / "src/evil.txt").write_text(text, encoding="utf-8")
    assert run_ingest(tmp_path / "src", tmp_path / "out").returncode == 0
    bodies = " ".join(read_document(p.read_text(encoding="utf-8"))[1] for p in (tmp_path / "out").rglob("*.md"))
    assert "<script" not in bodies and "<img" not in bodies and "&lt;script&gt;" in bodies


def test_no_html_tag_from_the_input_reaches_a_body(converted):
    """003's table cells carry <p>…</p>: they become line breaks the converter writes."""
    import re

    for path in converted.rglob("*.md"):
        body = read_document(path.read_text(encoding="utf-8"))[1]
        assert set(re.findall(r"<\s*/?\s*([a-zA-Z]+)", body)) <= {"br"}, path
