"""``python -m gazette add``: a new gazette goes under its publisher and is converted."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES


def gazette(*args, cwd):
    return subprocess.run([sys.executable, "-m", "gazette", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)


def test_add_files_a_gazette_under_its_publisher_and_reports_new_documents(tmp_path):
    (tmp_path / "sources/panjin").mkdir(parents=True)
    shutil.copy(SOURCES / "panjin/000_41c40d7667f95473.txt", tmp_path / "sources/panjin/")
    assert gazette("ingest", "sources", "content", "--quiet", cwd=tmp_path).returncode == 0
    new = tmp_path / "new-issue.txt"
    shutil.copy(SOURCES / "panjin/001_8ad141c6deb9acb4.txt", new)
    result = gazette("add", str(new), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sources/panjin/new-issue.txt").is_file()
    assert "4 new documents" in result.stdout and "panjin/2024/5-6/panzhengfa-2024-4.md" in result.stdout
    assert "(1 unchanged, not converted again)" in result.stdout


def test_add_refuses_the_same_gazette_twice_and_never_overwrites(tmp_path):
    (tmp_path / "sources/panjin").mkdir(parents=True)
    shutil.copy(SOURCES / "panjin/001_8ad141c6deb9acb4.txt", tmp_path / "sources/panjin/a.txt")
    copy = tmp_path / "b.txt"
    shutil.copy(SOURCES / "panjin/001_8ad141c6deb9acb4.txt", copy)
    result = gazette("add", str(copy), cwd=tmp_path)
    assert result.returncode == 1 and "already in sources" in result.stderr
    different = tmp_path / "a.txt"
    shutil.copy(SOURCES / "panjin/000_41c40d7667f95473.txt", different)
    result = gazette("add", str(different), cwd=tmp_path)
    assert result.returncode == 1 and "not overwritten" in result.stderr
    assert (tmp_path / "sources/panjin/a.txt").read_bytes() == (SOURCES / "panjin/001_8ad141c6deb9acb4.txt").read_bytes()


@pytest.mark.parametrize("page", sorted((Path(__file__).parent / "fixtures" / "web").glob("*.html")), ids=lambda p: p.stem)
def test_add_takes_a_web_page_as_it_takes_a_text(tmp_path, page):
    (tmp_path / "sources").mkdir()
    new = tmp_path / page.name
    shutil.copy(page, new)
    result = gazette("add", str(new), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 new documents" in result.stdout
    assert len(list((tmp_path / "sources").rglob(page.name))) == 1
