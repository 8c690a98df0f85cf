"""Faults a maintainer can cause: odd file names, two builds at once, killed builds,
removed and moved sources, files that are not gazettes, full disks.  Each case failed
before the fix it tests (issue: maintainers' safety under faults)."""
from __future__ import annotations

import json
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES, run_ingest

FIXTURES = ROOT / "tests/fixtures"
SMALL = ("unnumbered_notice_gazette.txt", "site/web_single.txt")


def make_project(folder: Path) -> Path:
    """A project of its own (its code, the venv and node_modules linked) with two small
    gazettes in ``sources/``, in ``folder`` (whose path may hold spaces)."""
    folder.mkdir(parents=True)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py", "requirements.txt"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("gazette", "plugins", "themes"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in (".venv", "node_modules"):
        (folder / name).symlink_to(ROOT / name)
    (folder / "sources/tieling").mkdir(parents=True)
    for name in SMALL:
        shutil.copy(FIXTURES / name, folder / "sources/tieling" / Path(name).name)
    return folder


def invoke(project: Path, *arguments: str, **options) -> subprocess.CompletedProcess:
    # the project's own python, by a path inside the project (with its spaces)
    return subprocess.run([str(project / ".venv/bin/python"), "-m", "invoke", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=600, **options)


def build(project: Path, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "plugins.atomic_build", "pelicanconf.py"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def pages(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}


def assert_one_line_failures(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Built once: ``invoke build`` in a folder whose path holds a space and a quote."""
    project = make_project(tmp_path_factory.mktemp("faults") / "my project's $(archive)")
    result = invoke(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def test_invoke_add_runs_no_shell_and_takes_any_file_name(project, tmp_path):
    name = "x;touch PWNED;$(touch PWNED2) 'q' 公报\n.txt"
    new = tmp_path / name
    shutil.copy(FIXTURES / "appointments_gazette.txt", new)
    result = invoke(project, "add", str(new))
    assert result.returncode == 0, result.stderr
    assert not list(project.glob("PWNED*")) and not list(tmp_path.glob("PWNED*"))
    assert [p.name for p in project.glob("sources/*/*") if p.name == name] == [name]
    assert (project / "output/index.html").is_file()


def test_two_builds_at_once_take_turns_and_publish_a_whole_site(project):
    before = pages(project / "output")
    first, second = build(project), build(project)
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert first.returncode == second.returncode == 0, results
    assert "waits for it to finish" in results[0][1] + results[1][1]
    assert pages(project / "output") == before


def test_a_second_build_waits_while_the_lock_is_held(project):
    from gazette.lock import holding

    with holding(project / "output", "a test"):
        waiting = build(project)
        time.sleep(2)
        assert waiting.poll() is None  # still waiting: nothing built beside the holder
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0 and "a test (pid" in err, err


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_a_killed_build_leaves_the_site_whole_and_the_next_clears_its_folders(project, delay):
    before = pages(project / "output")
    victim = build(project)
    time.sleep(delay)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert pages(project / "output") == before  # killed at any point: the old site or the new, whole
    again = build(project)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    time.sleep(0.5)
    left = [p.name for p in project.iterdir() if re.match(r"output\.(build-|new|.*search-|.*trash)", p.name)]
    assert left == []
    assert pages(project / "output") == before


def test_swap_exchanges_two_folders_in_one_step(tmp_path):
    from plugins.atomic_build import swap

    (tmp_path / "new").mkdir()
    (tmp_path / "new/page").write_text("new")
    (tmp_path / "site").mkdir()
    (tmp_path / "site/page").write_text("old")
    swap(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site/page").read_text() == "new" and (tmp_path / "new/page").read_text() == "old"


def converted_project(tmp_path: Path, where: str = "a") -> tuple[Path, Path]:
    sources = tmp_path / where / "sources"
    shutil.copytree(SOURCES / "panjin", sources / "panjin")
    shutil.copytree(FIXTURES / "site", sources / "web")
    return sources, tmp_path / "content"


def test_a_removed_source_leaves_content_and_site_and_the_build_says_so(tmp_path):
    from site_helpers import build_site

    sources, content = converted_project(tmp_path)
    assert run_ingest(sources, content).returncode == 0
    build_site(content, tmp_path / "output", ROOT, sources=sources)
    gone = sources / "panjin/001_8ad141c6deb9acb4.txt"
    titles = [p for p in content.rglob("*.md") if "source: panjin/001_8ad141c6deb9acb4.txt" in p.read_text(encoding="utf-8")]
    assert titles
    gone.unlink()
    result = subprocess.run([sys.executable, "-m", "gazette", "ingest", str(sources), str(content)], cwd=ROOT,
                            capture_output=True, text=True)
    assert f"removed: {len(titles)} documents of panjin/001_8ad141c6deb9acb4.txt" in result.stdout
    assert not [p for p in content.rglob("*") if p.is_file() and "001_8ad141c6deb9acb4" in p.read_text("utf-8", "replace")
                and p.name != "report.json"]
    output = build_site(content, tmp_path / "output", ROOT, sources=sources)
    assert not list(output.glob("panjin/2024/5-6/*"))  # the issue 001 printed
    published = "\n".join(p.read_text(encoding="utf-8") for p in output.rglob("*") if p.is_file()
                          and p.suffix in (".html", ".xml", ".js", ".json", ".csv") and p.name not in ("qa.html", "qa.json", "qa.csv"))
    assert "panzhengfa-2024-4" not in published
    assert "本次移除的文件" in (output / "qa.html").read_text(encoding="utf-8")


def test_the_same_sources_anywhere_give_the_same_bytes_and_a_move_is_no_conflict(tmp_path):
    sources, content = converted_project(tmp_path, "a")
    assert run_ingest(sources, content).returncode == 0
    first = {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()
             and ".ingest-cache" not in p.parts}
    assert not [name for name, data in first.items() if str(tmp_path).encode() in data]
    moved = tmp_path / "elsewhere" / "sources"
    moved.parent.mkdir()
    sources.rename(moved)
    (moved / "web/web_single.txt").write_text((FIXTURES / "site/web_single.txt").read_text(encoding="utf-8")
                                              .replace("加强值班值守", "加强值班值守工作"), encoding="utf-8")
    result = run_ingest(moved, content)
    assert result.returncode == 0 and "path-conflict" not in result.stderr, result.stderr
    assert "加强值班值守工作" in "".join(p.read_text(encoding="utf-8") for p in content.rglob("*.md"))


def test_a_renamed_source_moves_its_documents_without_a_conflict(tmp_path):
    sources, content = converted_project(tmp_path)
    assert run_ingest(sources, content).returncode == 0
    before = sorted(p.relative_to(content) for p in content.rglob("*.md"))
    (sources / "panjin/000_41c40d7667f95473.txt").rename(sources / "panjin/2024-1.txt")
    result = run_ingest(sources, content)
    assert result.returncode == 0 and "path-conflict" not in result.stderr, result.stderr
    assert sorted(p.relative_to(content) for p in content.rglob("*.md")) == before
    assert "source: panjin/2024-1.txt" in "".join(p.read_text(encoding="utf-8") for p in content.rglob("*.md"))


def test_every_file_not_converted_is_named_with_its_reason(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "site", sources / "web")
    (sources / "issue.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (sources / "data.bin").write_bytes(bytes(range(256)) * 4)
    (sources / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "secret.txt").write_text("盘锦市人民政府公报", encoding="utf-8")
    (sources / "outside.txt").symlink_to(tmp_path / "secret.txt")
    result = run_ingest(sources, tmp_path / "content")
    report = json.loads((tmp_path / "content/report.json").read_text(encoding="utf-8"))
    named = {s["source"]: s["problems"][0]["code"] for s in report["sources"] if not s["documents"]}
    assert named == {"issue.pdf": "unreadable", "data.bin": "binary-file", "gone.txt": "dangling-link",
                     "outside.txt": "link-outside-sources"}
    for name in named:
        assert re.search(rf"/sources/{re.escape(name)}:1: error: ", result.stderr), result.stderr
    assert run_ingest(sources, tmp_path / "content", "--strict").returncode == 1


@pytest.mark.parametrize("codec, encoding", [("utf-16", "utf-16-le"), ("utf-16-le", "utf-16-le"),
                                             ("utf-16-be", "utf-16-be")])
def test_utf16_sources_are_read(tmp_path, codec, encoding):
    (tmp_path / "sources").mkdir()
    text = (FIXTURES / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    (tmp_path / "sources/a.txt").write_bytes(text.encode(codec))
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain/a.txt").write_text(text, encoding="utf-8")
    assert run_ingest(tmp_path / "sources", tmp_path / "content").returncode == 0
    assert run_ingest(tmp_path / "plain", tmp_path / "content-plain").returncode == 0
    report = json.loads((tmp_path / "content/report.json").read_text(encoding="utf-8"))
    assert report["sources"][0]["encoding"] == encoding
    documents = sorted(p.relative_to(tmp_path / "content") for p in (tmp_path / "content").rglob("*.md"))
    assert documents and documents == sorted(p.relative_to(tmp_path / "content-plain")
                                             for p in (tmp_path / "content-plain").rglob("*.md"))


def test_a_very_long_title_is_kept_and_named(tmp_path):
    text = (FIXTURES / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    title = "铁岭市人民政府关于加强森林防火工作的通知"
    long = "铁岭市人民政府关于" + "进一步加强和改进全市森林草原防灭火工作切实保障人民群众生命财产安全" * 6 + "的通知"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources/a.txt").write_text(text.replace(title, long, 1), encoding="utf-8")
    result = run_ingest(tmp_path / "sources", tmp_path / "content")
    assert result.returncode == 0 and "long-title" in result.stderr
    assert f"title: {long}\n" in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "content").rglob("*.md"))


def test_text_like_a_tag_in_a_table_cell_is_kept(tmp_path):
    text = (FIXTURES / "unnumbered_notice_gazette.txt").read_text(encoding="utf-8")
    table = "\n序号\t单位\t备注\n1\t<b>市林业局</b>\t<script>alert(1)</script>\n2\t市应急局\t负责\n"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources/a.txt").write_text(text.replace("一、落实防火责任。\n", "一、落实防火责任。\n" + table, 1),
                                            encoding="utf-8")
    assert run_ingest(tmp_path / "sources", tmp_path / "content").returncode == 0
    body = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "content").rglob("*.md"))
    assert "| 1 | &lt;b&gt;市林业局&lt;/b&gt; | &lt;script&gt;alert(1)&lt;/script&gt; |" in body


def test_a_file_name_with_a_newline_keeps_its_message_on_one_line(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources/bad\nname.txt").write_bytes(b"")
    shutil.copy(FIXTURES / "site/web_single.txt", tmp_path / "sources/good.txt")
    result = run_ingest(tmp_path / "sources", tmp_path / "content")
    line = next(line for line in result.stderr.splitlines() if "empty-file" in line)
    assert line.startswith(str(tmp_path / "sources") + "/bad\\nname.txt:1: error: empty-file")


def test_a_full_disk_ends_in_one_line_naming_the_file(tmp_path):
    (tmp_path / "sources").mkdir()
    shutil.copy(FIXTURES / "site/web_single.txt", tmp_path / "sources/good.txt")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/report.json.tmp").symlink_to("/dev/full")  # every write there: ENOSPC
    result = run_ingest(tmp_path / "sources", tmp_path / "content")
    assert result.returncode == 1
    assert_one_line_failures(result.stderr)
    assert f"{tmp_path}/content/report.json: No space left on device — the disk is full" in result.stderr
    (tmp_path / "content/report.json.tmp").symlink_to("/dev/full")
    debug = run_ingest(tmp_path / "sources", tmp_path / "content", "--debug")
    assert "Traceback" in debug.stderr  # asked for


def _small_files():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_build_that_cannot_write_ends_in_one_line_and_keeps_the_site(project):
    before = pages(project / "output")
    failing = build(project, preexec_fn=_small_files)
    _, err = failing.communicate(timeout=600)
    assert failing.returncode == 1, err
    assert_one_line_failures(err)
    assert re.search(r"File too large — ", err), err
    assert pages(project / "output") == before


def test_serve_listens_on_loopback_and_lists_no_folders(project):
    server = subprocess.Popen([sys.executable, "-m", "plugins.serve", "output", "--port", "0"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        address = re.search(r"http://([\d.]+):(\d+)/", server.stdout.readline())
        assert address.group(1) == "127.0.0.1"
        base = f"http://127.0.0.1:{address.group(2)}"
        assert urllib.request.urlopen(base + "/index.html").status == 200
        with pytest.raises(urllib.error.HTTPError) as listing:
            urllib.request.urlopen(base + "/theme/")
        assert listing.value.code == 404
    finally:
        server.terminate()
        server.wait()
