"""The converter end to end on the sample gazettes and on broken inputs."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES, read_documents, run_ingest
from gazette import cache
from gazette.schema import ISSUE_RECORD, read_issue

# Documents per sample, counted by hand from each gazette's printed TOC.
EXPECTED_DOCUMENTS = {
    "panjin/000_41c40d7667f95473.txt": 3,
    "panjin/001_8ad141c6deb9acb4.txt": 4,
    "benxi/002_bb9f6a3a2884a059.txt": 7,
    "panjin/003_031e74033fabc59f.txt": 5,
    "jincheng/004_30928d03cc894fbe.txt": 24,  # 22 documents and two 大事记
}


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_every_sample_line_is_accounted_for(converted):
    for source in report(converted)["sources"]:
        path = Path(source["source"])
        total = len((SOURCES / path).read_text(encoding="utf-8").splitlines())
        assert sum(source["lines"].values()) == total, source["source"]
        assert "unaccounted" not in source["lines"], source["source"]
        assert source["lines"]["document"] > 0


def test_every_toc_entry_has_its_document(converted):
    by_source = {s["source"]: s for s in report(converted)["sources"]}
    for name, count in EXPECTED_DOCUMENTS.items():
        source = by_source[name]
        assert source["documents"] == count, name
        codes = {p["code"] for p in source["problems"]}
        assert not codes & {"toc-unmatched", "not-in-toc", "unaccounted-line"}, (name, source["problems"])


def test_issues_with_the_same_serial_number_are_both_kept(converted):
    folders = {s["folder"] for s in report(converted)["sources"]}
    assert {"panjin/2024/1-2", "panjin/2023/11-12"} <= folders
    problems = [p for s in report(converted)["sources"] for p in s["problems"]] + report(converted)["problems"]
    assert any(p["code"] == "conflicting-issue-number" and "149" in p["message"] for p in problems)


def test_paths_are_ascii(converted):
    for path in converted.rglob("*"):
        assert path.relative_to(converted).as_posix().isascii(), path


@pytest.mark.parametrize("number, title", [
    # the web scrape prints only the title's last line; the TOC gives it whole
    ("本政办发〔2020〕24号", "本溪市人民政府办公室关于印发《本溪市简化优化电网工程项目行政审批流程实施方案》的通知"),
    ("本政办发〔2020〕27号", "本溪市人民政府办公室关于调整部分市政府领导同志工作分工的通知"),
    # issuer printed on a line of its own above 关于…
    ("晋市政发〔2020〕4号", "晋城市人民政府关于落实2020年省《政府工作报告》重点工作任务的通知"),
    # stray spaces inside the title removed
    ("盘政发〔2024〕1号", "盘锦市人民政府关于做好第四次全国文物普查工作的通知"),
])
def test_titles_are_whole(converted, number, title):
    documents = [d for d in read_documents(converted).values() if d["doc_number"] == number]
    assert [d["title"] for d in documents] == [title]


def test_front_matter_of_one_document(converted):
    document = read_documents(converted)["panjin/2024/1-2/panzhengfa-2024-1.md"]
    assert document["issuer"] == "盘锦市人民政府"
    assert document["date"] == "2024-02-29"
    assert document["note"] == "（此件公开发布）"
    assert document["attachments"] == ["盘锦市第四次全国文物普查领导小组成员名单"]
    assert document["cites"] == ["国发〔2023〕18号", "辽政发〔2023〕19号"]
    assert document["addressees"][0] == "各县、区人民政府"
    assert document["issue_label"] == "2024年第1—2月号" and document["issue_number"] == 149
    assert document["toc_page"] == 1 and document["section"] == "市政府文件"
    assert document["topics"]


def test_ascii_brackets_and_repeals(converted):
    documents = read_documents(converted)
    assert documents["jincheng/2020/2/jinshizhengban-2020-15.md"]["doc_number_raw"] == "晋市政办[2020]15号"
    assert documents["jincheng/2020/2/jinshizhengban-2020-24.md"]["repeals"] == ["晋市政办〔2015〕66号"]


def test_chronicles_are_their_own_kind(converted):
    chronicles = [d for d in read_documents(converted).values() if d["kind"] == "chronicle"]
    assert sorted(d["title"] for d in chronicles) == ["晋城市人民政府3月大事记", "晋城市人民政府4月大事记"]


def test_same_sources_give_byte_identical_output(converted, tmp_path):
    """All but the ingest's stamps, which hold where and when it wrote each file."""
    assert run_ingest(SOURCES, tmp_path).returncode == 0
    stamps = Path(cache.FOLDER, cache.Stamps.NAME)
    first = {p.relative_to(converted): p.read_bytes() for p in converted.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert first.pop(stamps) and second.pop(stamps)
    assert first == second


def test_gb18030_copy_gives_the_same_documents(tmp_path):
    sample = SOURCES / "panjin/000_41c40d7667f95473.txt"
    for encoding, folder in (("utf-8", "a"), ("gb18030", "b")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "gazette.txt").write_bytes(sample.read_text(encoding="utf-8").encode(encoding))
        assert run_ingest(tmp_path / folder, tmp_path / f"out-{folder}").returncode == 0
    strip = lambda docs: {k: {**v, "source": None} for k, v in docs.items()}
    assert strip(read_documents(tmp_path / "out-a")) == strip(read_documents(tmp_path / "out-b"))


def test_the_same_gazette_twice_is_an_error_naming_both_and_nothing_is_overwritten(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    sample = SOURCES / "panjin/001_8ad141c6deb9acb4.txt"
    shutil.copy(sample, sources / "a.txt")
    shutil.copy(sample, sources / "b.txt")
    result = run_ingest(sources, tmp_path / "out")
    assert "path-conflict" in result.stderr and "a.txt" in result.stderr and "b.txt" in result.stderr
    documents = read_documents(tmp_path / "out")
    assert len(documents) == 4 and {d["source"].rsplit("/", 1)[-1] for d in documents.values()} == {"a.txt"}


def test_bad_inputs_are_named_and_the_rest_is_converted(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "empty.txt").write_bytes(b"")
    (sources / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    (sources / "latin1.txt").write_bytes("Grüße aus Köln".encode("latin-1"))
    (sources / "prose.txt").write_text("这只是一段普通的文字。\n没有任何公文。\n", encoding="utf-8")
    shutil.copy(SOURCES / "panjin/001_8ad141c6deb9acb4.txt", sources / "good.txt")
    result = run_ingest(sources, tmp_path / "out", "--strict")
    assert result.returncode == 1
    for name, code in (("empty", "empty-file"), ("binary", "binary-file"), ("latin1", "unknown-encoding"),
                       ("prose", "no-document")):
        assert f"{name}.txt:1: error: {code}" in result.stderr
    assert len(read_documents(tmp_path / "out")) >= 4


def test_a_single_web_page_document(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "web_single.txt"
    assert run_ingest(fixture, tmp_path).returncode == 0
    (document,) = read_documents(tmp_path).values()
    assert document["title"] == "晋城市人民政府办公室关于做好2021年春节期间安全生产工作的通知"
    assert document["doc_number"] == "晋市政办〔2021〕3号"
    assert document["date"] == "2021-01-28"
    assert document["issuer"] == "晋城市人民政府办公室"
    assert document["cites"] == ["晋安发〔2020〕12号", "晋市政办〔2020〕2号"]
    assert document["repeals"] == ["晋市政办〔2020〕2号"]
    assert document["note"] == "（此件公开发布）"


def test_a_joint_document_names_each_organ(tmp_path):
    """Two organs head the title and sign apart (晋城市财政局   晋城市农业农村局): each is an
    issuer, and the title keeps them a space apart as printed."""
    fixture = Path(__file__).parent / "fixtures" / "site" / "web_joint.txt"
    assert run_ingest(fixture, tmp_path).returncode == 0
    (document,) = read_documents(tmp_path).values()
    assert document["issuers"] == ["晋城市财政局", "晋城市农业农村局"]
    assert document["issuer"] == "晋城市财政局、晋城市农业农村局"
    assert document["title"] == "晋城市财政局 晋城市农业农村局关于做好2021年农业保险保费补贴工作的通知"
    assert document["doc_number"] == "晋市财农〔2021〕9号" and document["date"] == "2021-03-15"


def test_two_web_pages_of_one_organ_in_one_year_are_both_written(tmp_path):
    """Web pages are filed under their organ and year, each in its own folder: the second
    page of the year is no path conflict; the same page twice still is."""
    sources = tmp_path / "sources"
    sources.mkdir()
    page = (Path(__file__).parent / "fixtures" / "web_single.txt").read_text(encoding="utf-8")
    (sources / "a.txt").write_text(page, encoding="utf-8")
    (sources / "b.txt").write_text(page.replace("〔2021〕3号", "〔2021〕4号").replace("春节", "清明"), encoding="utf-8")
    result = run_ingest(sources, tmp_path / "out")
    assert result.returncode == 0 and "path-conflict" not in result.stderr, result.stderr
    assert len(read_documents(tmp_path / "out")) == 2
    (sources / "c.txt").write_text(page, encoding="utf-8")
    assert "path-conflict" in run_ingest(sources, tmp_path / "again").stderr


def test_a_later_run_never_overwrites_what_another_source_wrote(tmp_path):
    sample = SOURCES / "panjin/001_8ad141c6deb9acb4.txt"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(sample, tmp_path / "a/first.txt")
    shutil.copy(sample, tmp_path / "b/second.txt")
    assert run_ingest(tmp_path / "a/first.txt", tmp_path / "out").returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")}
    result = run_ingest(tmp_path / "b/second.txt", tmp_path / "out")
    assert "path-conflict" in result.stderr and "first.txt" in result.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")} == before


def test_a_gazette_with_an_order_and_numbers_after_titles(tmp_path):
    """A shape not among the samples: 【section】 TOC, numbers printed after the titles,
    a 政府令 whose number stands on its own line, page numbers as — 2 —."""
    fixture = Path(__file__).parent / "fixtures" / "gazette_order.txt"
    result = run_ingest(fixture, tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    documents = {d["doc_number"]: d for d in read_documents(tmp_path).values()}
    order = documents["大连市人民政府令第12号"]
    assert (order["title"], order["doc_type"], order["issuer"]) == ("大连市城市供热管理办法", "令", "大连市人民政府")
    assert order["repeals"] == ["大连市人民政府令第120号"] and order["section"] == "市政府令"
    opinion = documents["大政发〔2021〕5号"]
    assert opinion["title"] == "大连市人民政府关于进一步加强安全生产工作的意见" and opinion["toc_page"] == 6
    notice = documents["大政办发〔2021〕8号"]
    assert notice["attachments"] == ["2021年市政府重点民生实事项目表", "2021年市政府重点民生实事责任分工"]
    bodies = " ".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.md"))
    assert "— 2 —" not in bodies and "公报 2021年第3期" not in bodies.split("---")[-1]


def test_a_gazette_with_bracketed_sections_a_joint_document_and_appointments(tmp_path):
    """Another shape: a TOC headed 本期目录 with 【section】 headings (one longer than a
    title's first words) and ······ leaders; an order signed by the mayor; a decision with
    tables as attachments; a joint document of two bureaus; appointments without a number."""
    fixture = Path(__file__).parent / "fixtures" / "sections_joint_gazette.txt"
    result = run_ingest(fixture, tmp_path)
    assert result.returncode == 0, result.stderr
    documents = {d["title"]: d for d in read_documents(tmp_path).values()}
    assert len(documents) == 6 and not any("【" in title for title in documents)
    office = documents["鞍山市人民政府办公室关于印发鞍山市2023年深化“放管服”改革优化营商环境工作要点的通知"]
    assert (office["section"], office["doc_number"], office["toc_page"]) == ("市政府办公室文件", "鞍政办发〔2023〕7号", 10)
    joint = documents["鞍山市财政局 鞍山市农业农村局关于做好2023年农业保险保费补贴工作的通知"]
    assert joint["issuers"] == ["鞍山市财政局", "鞍山市农业农村局"] and joint["section"] == "部门文件"
    order = documents["鞍山市城市绿化管理办法"]
    assert (order["doc_number"], order["doc_type"], order["date"]) == ("鞍山市人民政府令第312号", "令", "2023-03-28")
    assert (order["issue_label"], order["issue_number"], order["issue_date"]) == ("2023年第4期", 300, "2023-04-30")
    decision = documents["鞍山市人民政府关于废止和修改部分市政府规章的决定"]
    assert decision["attachments"] == ["废止的市政府规章目录", "修改的市政府规章目录"]
    assert decision["repeals"] == ["鞍山市人民政府令第101号"]
    appointments = documents["鞍山市人民政府关于张三等同志职务任免的通知"]
    assert appointments["doc_number"] is None and appointments["section"] == "人事任免"
    assert "sections_joint_gazette.txt:181: warning: no-doc-number" in result.stderr
    body = next(tmp_path.rglob("*ling-312.md")).read_text(encoding="utf-8")
    assert "{.signature}\n市长\u3000李四" in body and "第一条\u3000为了促进城市绿化事业的发展" in body


def test_a_colophon_stays_with_its_document_and_the_red_header_opens_the_next(tmp_path):
    """Each document ends with its colophon (抄送…, …印发); the next opens with its organ's
    header (…文件), its number, then its title on two lines; another prints its number in
    parentheses under its title; a decision, unsigned, the date it was adopted (题注)
    between its title and its number; a joint document signed on two lines; a notice
    forwarding another organ's opinion; attachments headed 附件1： and 附件2 with its title
    beside it; a 公告 numbered 第3号 on the line under it; appointments printed without a
    number (the gazette has no TOC to name them)."""
    fixture = Path(__file__).parent / "fixtures" / "colophon_gazette.txt"
    assert run_ingest(fixture, tmp_path).returncode == 0
    bodies = {d["doc_number"]: (d, p) for p, d in read_documents(tmp_path).items()}
    first, path = bodies["大政发〔2021〕9号"]
    assert first["title"] == "大连市人民政府关于进一步加强城市管理工作的意见" and first["date"] == "2021-04-01"
    text = (tmp_path / path).read_text(encoding="utf-8")
    assert "2021年4月2日印发" in text and "办公室文件" not in text
    second, _ = bodies["大政办发〔2021〕12号"]
    assert second["title"] == "大连市人民政府办公室关于印发大连市2021年为民办实事项目的通知"
    assert second["date"] == "2021-04-06" and second["addressees"] == ["各区市县人民政府", "市政府各委办局"]
    third, _ = bodies["大政〔2021〕15号"]
    assert (third["title"], third["addressees"]) == ("大连市人民政府关于同意大连市2021年度土地利用计划的批复", ["市自然资源局"])
    decision, path = bodies["大政发〔2021〕20号"]
    assert (decision["title"], decision["date"]) == ("大连市人民政府关于修改《大连市城市市容管理规定》的决定", "2021-04-20")
    text = (tmp_path / path).read_text(encoding="utf-8")
    assert "{.title-note}\n（2021年4月20日大连市人民政府第32次常务会议审议通过）" in text
    joint, _ = bodies["大委办发〔2021〕3号"]  # signed on two lines
    assert joint["issuers"] == ["中共大连市委办公室", "大连市人民政府办公室"]
    forwarded, path = bodies["大政办发〔2021〕30号"]  # 大连市人民政府办公室转发市财政局关于…
    assert forwarded["issuer"] == "大连市人民政府办公室"
    assert "市财政局关于加强政府采购管理的意见" in (tmp_path / path).read_text(encoding="utf-8")  # what it forwards
    appointments, _ = bodies[None]
    assert (appointments["title"], appointments["date"]) == ("大连市人民政府关于张三等同志职务任免的通知", "2021-11-05")
    notice, _ = bodies["大连市人民政府公告第3号"]
    assert (notice["title"], notice["doc_type"], notice["date"]) == ("大连市人民政府公告", "公告", "2021-09-25")
    listing, path = bodies["大政办发〔2021〕40号"]
    assert listing["attachments"] == ["大连市2021年重点项目清单", "大连市2021年重点项目责任分工"]
    text = (tmp_path / path).read_text(encoding="utf-8")
    assert "{#attachment-1 .attachment}" in text and "{#attachment-2 .attachment}\n## 附件2\n\n大连市2021年重点项目责任分工" in text


def test_appointments_titled_without_about_or_a_document_type(tmp_path):
    """广州市人民政府任免国家工作人员 over its number: the title (neither 关于 nor a document
    type ends it), not a document of its own; every TOC entry finds its document."""
    fixture = Path(__file__).parent / "fixtures" / "appointments_gazette.txt"
    result = run_ingest(fixture, tmp_path)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    bodies = {d["doc_number"]: d for d in read_documents(tmp_path).values()}
    assert len(bodies) == 5
    appointments = bodies["穗府人〔2023〕15号"]
    assert (appointments["title"], appointments["date"]) == ("广州市人民政府任免国家工作人员", "2023-06-15")


def test_columns_in_a_line_keep_a_gap(tmp_path):
    """A list of members (组　长：张　三　　市长) keeps one gap between a name and a post, and
    a colophon between its office and its date; the space inside a letter-spaced name goes."""
    fixture = Path(__file__).parent / "fixtures" / "member_list_gazette.txt"
    assert run_ingest(fixture, tmp_path).returncode == 0
    texts = {d["doc_number"]: (tmp_path / p).read_text(encoding="utf-8") for p, d in read_documents(tmp_path).items()}
    members = texts["深府办函〔2023〕88号"]
    assert "组长：张三\u3000市长" in members and "赵六\u3000市工业和信息化局局长" in members
    assert "深圳市人民政府办公厅秘书处\u30002023年8月16日印发" in texts["深府规〔2023〕3号"]


def test_an_unnumbered_notice_without_addressees_is_its_own_document(tmp_path):
    """In a gazette without a TOC, a 通告 printed without a number (its text follows its
    title: a 通告 has no addressees) after the end of a document is a document of its own;
    a 决定 that a notice issues and names in its title stays part of that notice; a 大事记
    titled with its month in parentheses is a chronicle."""
    fixture = Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt"
    assert run_ingest(fixture, tmp_path).returncode == 0
    documents = {d["title"]: d for d in read_documents(tmp_path).values()}
    assert len(documents) == 5
    notice = documents["铁岭市人民政府关于禁止野外用火的通告"]
    assert (notice["doc_type"], notice["date"], notice["doc_number"]) == ("通告", "2024-03-05", None)
    assert documents["铁岭市人民政府关于加强森林防火工作的通知"]["date"] == "2024-03-01"
    issuing = documents["铁岭市人民政府关于印发《关于表彰2023年度森林防火先进单位的决定》的通知"]
    assert issuing["source_lines"][1] == 63  # the 决定 it issues included, up to the chronicle
    assert documents["市政府大事记（2024年3月）"]["kind"] == "chronicle"  # its month in parentheses


def test_a_number_printed_with_its_date_in_parentheses(tmp_path):
    """（铁政发〔2024〕6号　2024年3月1日） under a title, or the date first: the number, and
    the date where no signature gives one; the page keeps a gap between them."""
    text = (Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    text = text.replace("\n铁政发〔2024〕6号\n", "\n（铁政发〔2024〕6号　2024年3月1日）\n")
    text = text.replace("\n铁政办发〔2024〕3号\n", "\n（2024年3月10日　铁政办发〔2024〕3号）\n")
    text = text.replace("铁岭市人民政府办公室\n\n2024年3月10日\n", "")  # unsigned
    source = tmp_path / "issue.txt"
    source.write_text(text, encoding="utf-8")
    result = run_ingest(source, tmp_path / "out")
    assert result.returncode == 0 and "text-before-first-document" not in result.stderr, result.stderr
    documents = {d["doc_number"]: (d, p) for p, d in read_documents(tmp_path / "out").items()}
    first, path = documents["铁政发〔2024〕6号"]
    assert (first["title"], first["date"]) == ("铁岭市人民政府关于加强森林防火工作的通知", "2024-03-01")
    assert "（铁政发〔2024〕6号\u30002024年3月1日）" in (tmp_path / "out" / path).read_text(encoding="utf-8")
    assert documents["铁政办发〔2024〕3号"][0]["date"] == "2024-03-10" and len(read_documents(tmp_path / "out")) == 5


def test_text_before_the_first_document_is_named(tmp_path):
    """A first document whose head is not recognised (no number, no 关于) is not taken for
    masthead lines in silence: a warning names its line."""
    text = (Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    text = text.replace("铁岭市人民政府关于加强森林防火工作的通知\n\n铁政发〔2024〕6号\n", "森林防火工作要求\n")
    source = tmp_path / "issue.txt"
    source.write_text(text, encoding="utf-8")
    result = run_ingest(source, tmp_path / "out")
    assert "issue.txt:7: warning: text-before-first-document" in result.stderr, result.stderr


def test_a_toc_does_not_swallow_a_document_it_names_otherwise(tmp_path):
    """A TOC whose entry names the first document otherwise (森林防火 for 加强森林防火工作),
    that document's number unrecognised (铁政发〔二〇二四〕六号): its lines are not the TOC's
    but text before the first document, named by a warning."""
    text = (Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    toc = "目　录\n\n铁岭市人民政府关于森林防火的通知……1\n\n铁岭市人民政府办公室关于做好春季植树工作的通知（铁政办发〔2024〕3号）……5\n\n"
    text = text.replace("2024年第3期\n\n", "2024年第3期\n\n" + toc, 1).replace("\n铁政发〔2024〕6号\n", "\n铁政发〔二〇二四〕六号\n")
    source = tmp_path / "issue.txt"
    source.write_text(text, encoding="utf-8")
    result = run_ingest(source, tmp_path / "out")
    assert "issue.txt:15: warning: text-before-first-document" in result.stderr, result.stderr
    lines = report(tmp_path / "out")["sources"][0]["lines"]
    assert lines["toc"] == 3 and lines["preface_text"] == 4


def test_a_table_aligned_with_spaces_is_a_table(tmp_path):
    """A PDF's text aligns a table's columns with spaces (序号    事项名称    实施机关): its
    rows are the table's rows, as when a scrape separates cells by tabs."""
    text = (Path(__file__).parent / "fixtures" / "appointments_gazette.txt").read_text(encoding="utf-8")
    source = tmp_path / "issue.txt"
    source.write_text(text.replace("\t", "    "), encoding="utf-8")
    assert run_ingest(source, tmp_path / "out").returncode == 0
    body = next((tmp_path / "out" / p).read_text(encoding="utf-8")
                for p, d in read_documents(tmp_path / "out").items() if d["doc_number"] == "穗府〔2023〕12号")
    assert "| 序号 | 事项名称 | 实施机关 |\n|---|---|---|\n| 1 | 临时占用城市绿地审批 | 市林业园林局 |" in body


def test_a_toc_entry_for_the_text_a_notice_issues_is_part_of_the_notice(tmp_path):
    """A TOC that lists, under ……印发抚顺市优化营商环境行动方案的通知, the 方案 it issues: the
    方案 stays inside the notice's document (no document of its own, without number or
    date), and both entries lead to the notice."""
    fixture = Path(__file__).parent / "fixtures" / "toc_enclosure_gazette.txt"
    result = run_ingest(fixture, tmp_path)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    documents = read_documents(tmp_path)
    assert sorted(d["doc_number"] for d in documents.values()) == ["抚政办发〔2024〕12号", "抚政发〔2024〕7号"]
    record = read_issue(next(tmp_path.rglob(ISSUE_RECORD)).read_text(encoding="utf-8"))
    assert [entry["document"] for entry in record["toc"]] == ["fuzhengfa-2024-7", "fuzhengfa-2024-7", "fuzhengbanfa-2024-12"]


def test_a_number_printed_only_in_the_toc_numbers_the_document(tmp_path):
    """A body that prints no number lines (a web text of the issue): the TOC's entry gives
    each document its number, and its file its name."""
    text = (Path(__file__).parent / "fixtures" / "toc_enclosure_gazette.txt").read_text(encoding="utf-8")
    source = tmp_path / "issue.txt"
    source.write_text(text.replace("\n抚政发〔2024〕7号\n", "\n").replace("\n抚政办发〔2024〕12号\n", "\n"), encoding="utf-8")
    result = run_ingest(source, tmp_path / "out")
    assert result.returncode == 0 and "no-doc-number" not in result.stderr, result.stderr
    numbers = {path.rsplit("/", 1)[1]: d["doc_number"] for path, d in read_documents(tmp_path / "out").items()}
    assert numbers == {"fuzhengfa-2024-7.md": "抚政发〔2024〕7号", "fuzhengbanfa-2024-12.md": "抚政办发〔2024〕12号"}


def test_a_signature_with_its_date_on_one_line_ends_its_document(tmp_path):
    """铁岭市人民政府　　2024年3月1日 on one line: the document's signer and date, and its
    end, so the unnumbered 通告 after it is a document of its own."""
    text = (Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    source = tmp_path / "issue.txt"
    source.write_text(text.replace("铁岭市人民政府\n\n2024年3月1日", "铁岭市人民政府　　2024年3月1日"), encoding="utf-8")
    assert run_ingest(source, tmp_path / "out").returncode == 0
    documents = {d["title"]: d for d in read_documents(tmp_path / "out").values()}
    first = documents["铁岭市人民政府关于加强森林防火工作的通知"]
    assert (first["date"], first["issuer"]) == ("2024-03-01", "铁岭市人民政府")
    assert documents["铁岭市人民政府关于禁止野外用火的通告"]["date"] == "2024-03-05"


def test_an_attachment_note_headed_fu_lists_the_attachment(tmp_path):
    """附：铁岭市森林防火重点区域名单 (附 for 附件, as some documents print it) is the
    attachment note: the document lists the attachment."""
    text = (Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    source = tmp_path / "issue.txt"
    source.write_text(text.replace("一、落实防火责任。\n", "一、落实防火责任。\n\n附：铁岭市森林防火重点区域名单\n", 1),
                      encoding="utf-8")
    assert run_ingest(source, tmp_path / "out").returncode == 0
    first = next(d for d in read_documents(tmp_path / "out").values() if d["doc_number"] == "铁政发〔2024〕6号")
    assert first["attachments"] == ["铁岭市森林防火重点区域名单"]


def test_a_toc_entry_wrapped_inside_its_number(tmp_path):
    """A TOC line a PDF wrapped inside the number (…的通知（大政办发〔20 / 21〕50号）……3):
    the digits that end the first line are no page number; the entry is whole."""
    text = (Path(__file__).parent / "fixtures" / "toc_sections_in_body.txt").read_text(encoding="utf-8")
    wrapped = text.replace("的通知（大政办发〔2021〕50号）……3", "的通知（大政办发〔20\n21〕50号）……3", 1)
    assert wrapped != text
    source = tmp_path / "issue.txt"
    source.write_text(wrapped, encoding="utf-8")
    result = run_ingest(source, tmp_path / "out")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    titles = sorted(d["title"] for d in read_documents(tmp_path / "out").values())
    assert titles == ["大连市人民政府关于加强城市绿化工作的意见", "大连市人民政府办公室关于做好防汛工作的通知"]


def test_an_unnumbered_notice_whose_text_opens_with_a_short_wrapped_line(tmp_path):
    """The 通告's first sentence wrapped short (…现就禁止野外用 / 火有关事项通告如下：), so
    its first line looks like a title's: the title still ends at 通告, and the 通告 is a
    document of its own."""
    text = (Path(__file__).parent / "fixtures" / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    wrapped = text.replace("现就禁止野外用火有关事项通告如下：", "现就禁止野外用\n火有关事项通告如下：", 1)
    source = tmp_path / "issue.txt"
    source.write_text(wrapped, encoding="utf-8")
    assert run_ingest(source, tmp_path / "out").returncode == 0
    documents = {d["title"]: d for d in read_documents(tmp_path / "out").values()}
    assert documents["铁岭市人民政府关于禁止野外用火的通告"]["date"] == "2024-03-05"


def test_issues_printed_without_a_label_stay_apart_by_date(tmp_path):
    """Two issues of a gazette that prints only its month (2021年3月, 2021年4月): each its own
    folder, no path conflict."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for month, number in ((3, 5), (4, 9)):
        (sources / f"{month}.txt").write_text(
            f"大连市人民政府公报\n\n2021年{month}月\n\n大连市人民政府关于第{number}项工作的通知\n\n大政发〔2021〕{number}号\n\n"
            f"各区市县人民政府：\n\n现将有关事项通知如下。\n\n大连市人民政府\n2021年{month}月1日\n", encoding="utf-8")
    result = run_ingest(sources, tmp_path / "out")
    assert result.returncode == 0 and "path-conflict" not in result.stderr, result.stderr
    assert len({path.rsplit("/", 1)[0] for path in read_documents(tmp_path / "out")}) == 2


def test_section_headings_printed_again_in_the_body_belong_to_no_document(tmp_path):
    """The TOC's 【市政府办公室文件】 printed again before the section's first document: not
    the end of the document before it, and counted as a section heading."""
    fixture = Path(__file__).parent / "fixtures" / "toc_sections_in_body.txt"
    result = run_ingest(fixture, tmp_path)
    assert result.returncode == 0, result.stderr
    bodies = [path.read_text(encoding="utf-8") for path in tmp_path.rglob("*.md")]
    assert len(bodies) == 2 and not any("【市政府办公室文件】" in body for body in bodies)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["sources"][0]["lines"]["section_heading"] == 1


def test_a_law_database_export(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "lawdb_single.txt"
    assert run_ingest(fixture, tmp_path).returncode == 0
    (document,) = read_documents(tmp_path).values()
    assert document["title"] == "营口市人民政府办公室关于印发营口市农村人居环境整治提升五年行动实施方案的通知"
    assert document["doc_number"] == "营政办发〔2022〕7号"
    assert document["date"] == "2022-03-28" and document["issuer"] == "营口市人民政府办公室"
    assert document["addressees"] == ["各县（市）区人民政府", "市政府各部门"]


def test_unchanged_sources_are_not_converted_again_and_the_cache_keeps_only_current_ones(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    first = run_ingest(sources, tmp_path / "out")
    files = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*.md")}
    again = subprocess.run([sys.executable, "-m", "gazette", "ingest", str(sources), str(tmp_path / "out")],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == again.returncode == 0
    assert f"({len(EXPECTED_DOCUMENTS)} unchanged, not converted again)" in again.stdout
    assert {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*.md")} == files
    entries = list((tmp_path / "out" / ".ingest-cache").glob("*.pickle"))
    assert len(entries) == len(EXPECTED_DOCUMENTS)
    removed = next(iter(EXPECTED_DOCUMENTS))
    (sources / removed).unlink()
    assert run_ingest(sources, tmp_path / "out").returncode == 0
    assert len(list((tmp_path / "out" / ".ingest-cache").glob("*.pickle"))) == len(EXPECTED_DOCUMENTS) - 1


@pytest.mark.parametrize("ingests", [1, 2])
def test_a_file_changed_to_the_same_size_after_its_digest_was_kept_is_read_again(tmp_path, ingests):
    """Digests are taken again only where a file's size or modification time changed
    (``cache.Stamps``): a document, or a source, changed in place to the same size after
    an ingest that wrote it, or one that checked it, is still told changed."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    out = tmp_path / "out"
    for _ in range(ingests):   # the first writes every file and keeps its stamp; a second checks them
        assert run_ingest(sources, out).returncode == 0
    written = {p: p.read_bytes() for p in out.rglob("*.md")}
    document = sorted(written)[0]
    document.write_bytes(written[document].replace(b"title: ", b"title:\t", 1))   # as long
    source = next(p for p in sorted(sources.rglob("*.txt"))   # another source than the document's
                  if p.relative_to(sources).as_posix().encode() not in written[document])
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("人民政府", "人民攻府", 1), encoding="utf-8")   # as long, in UTF-8
    assert len(source.read_bytes()) == len(text.encode("utf-8"))
    again = subprocess.run([sys.executable, "-m", "gazette", "ingest", str(sources), str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    assert f"({len(EXPECTED_DOCUMENTS) - 2} unchanged, not converted again)" in again.stdout
    assert document.read_bytes() == written[document]
    assert any("人民攻府" in p.read_text(encoding="utf-8") for p in out.rglob("*.md"))


def test_an_ingest_keeps_the_stamp_and_true_digest_of_every_file_it_writes(tmp_path):
    """The digests the converting processes took of the files written stand in the stamps
    (so the next ingest need not read them to know them unchanged): each must be the file's."""
    out = tmp_path / "out"
    assert run_ingest(SOURCES, out).returncode == 0
    stamps = cache.Stamps(out)
    written = sorted(out.rglob("*.md")) + sorted(out.rglob("*.yaml"))
    assert written
    for path in written:
        stat = path.stat()
        assert stamps.taken[os.path.abspath(path)] == ((stat.st_size, stat.st_mtime_ns), "",
                                                       hashlib.sha256(path.read_bytes()).hexdigest())


def test_a_document_edited_or_removed_by_hand_is_written_again_from_its_source(tmp_path):
    """The cache keeps each file's digest, not its text: a document changed in the content
    folder has its source converted again, and is written back as the converter makes it."""
    assert run_ingest(SOURCES, tmp_path / "out").returncode == 0
    written = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")}
    edited, removed = sorted(written)[0], sorted(written)[-1]
    edited.write_bytes(written[edited].replace(b"title:", b"title: edited", 1))
    removed.unlink()
    again = subprocess.run([sys.executable, "-m", "gazette", "ingest", str(SOURCES), str(tmp_path / "out")],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    assert f"({len(EXPECTED_DOCUMENTS) - 2} unchanged, not converted again)" in again.stdout
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")} == written
    cached = sum(p.stat().st_size for p in (tmp_path / "out" / ".ingest-cache").iterdir())
    assert cached < sum(map(len, written.values())) / 4  # the texts are kept once, in the content
