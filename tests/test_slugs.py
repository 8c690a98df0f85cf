"""Slugs found by one run are kept for the next (``gazette.slugs.remembered``): a rebuild
that meets no new name never loads pypinyin, and the slugs stay those pypinyin gives."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import ROOT, SOURCES, run_ingest

SLUG_RUN = """
import sys
from pathlib import Path
from gazette import slugs
with slugs.remembered(Path(sys.argv[1]), sys.argv[2]):
    found = [slugs.ascii_slug(name) for name in sys.argv[3:]]
print(" ".join(found), "pypinyin" in sys.modules)
"""


def slug_run(kept, version: str, *names: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", SLUG_RUN, str(kept), version, *names],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_a_run_asking_for_the_names_the_last_one_asked_for_loads_no_pypinyin(tmp_path):
    kept = tmp_path / "cache" / "slugs.json"
    assert slug_run(kept, "v1", "盘锦市人民政府", "本政办发") == ["panjinshirenminzhengfu", "benzhengbanfa", "True"]
    assert slug_run(kept, "v1", "本政办发", "盘锦市人民政府") == ["benzhengbanfa", "panjinshirenminzhengfu", "False"]
    assert slug_run(kept, "v1", "本政办发", "铁政发") == ["benzhengbanfa", "tiezhengfa", "True"]   # a new name
    assert slug_run(kept, "v1", "铁政发") == ["tiezhengfa", "False"]
    # what a run asked is kept, no more: the same names give the same file, whatever came before
    assert slug_run(kept, "v1", "盘锦市人民政府") == ["panjinshirenminzhengfu", "True"]


def test_another_version_or_a_damaged_file_is_no_file(tmp_path):
    kept = tmp_path / "slugs.json"
    slug_run(kept, "v1", "盘锦")
    kept.write_text(json.dumps(["v1", {"盘锦": "wrong"}]), encoding="utf-8")
    assert slug_run(kept, "v1", "盘锦") == ["wrong", "False"]   # what is kept is what is answered
    assert slug_run(kept, "v2", "盘锦") == ["panjin", "True"]
    for damaged in (b"\xff not json", b'["v2", ["panjin"]]', b'["v2", {"\xe7\x9b\x98\xe9\x94\xa6": 1}]', b'"v2"'):
        kept.write_bytes(damaged)
        assert slug_run(kept, "v2", "盘锦") == ["panjin", "True"]


def test_an_ingest_of_one_more_gazette_of_known_places_loads_no_pypinyin(tmp_path):
    """Each stored conversion keeps the slugs it asked for (its place, its numbers'
    prefixes), so converting one more issue of a known gazette needs no pypinyin; its
    documents are named as an ingest from nothing names them."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    newest = sorted((sources / "panjin").glob("*.txt"))[-1]
    held = newest.rename(tmp_path / newest.name)
    assert run_ingest(sources, tmp_path / "content").returncode == 0
    held.rename(newest)
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "gazette", "ingest", str(sources),
                            str(tmp_path / "content"), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0 and "gazette.pipeline" in again.stderr   # it converted, and imports were shown
    assert "pypinyin" not in again.stderr
    assert run_ingest(sources, tmp_path / "cold").returncode == 0
    assert documents(tmp_path / "content") == documents(tmp_path / "cold")


def documents(content):
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*.md")}
