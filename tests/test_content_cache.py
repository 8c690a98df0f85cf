"""Pelican's content cache kept a content folder a file (``plugins.archive.content_cache``):
a rebuild writes only the files of folders it read again, and the site it gives is the
one a cold build gives, whatever state the files are in."""
from __future__ import annotations

import logging
import shutil

from conftest import ROOT
from plugins.archive.content_cache import FOLDER, _Shared, file_name, load
from site_helpers import build_site
from test_build import same_files


def _cache_files(cache):
    return {path.name: path.stat().st_mtime_ns for path in cache.rglob(f"{FOLDER}/*.pickle")}


def _built(converted, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(converted, content)
    cache = tmp_path / "cache"
    build_site(content, tmp_path / "output", ROOT, cache)
    return content, cache


def test_a_rebuild_writes_the_cache_file_of_the_folder_it_read_again_only(converted, tmp_path):
    content, cache = _built(converted, tmp_path)
    before = _cache_files(cache)
    changed = sorted(content.rglob("*.md"))[0]
    assert file_name(changed.parent.relative_to(content).as_posix()) in before
    changed.write_text(changed.read_text(encoding="utf-8"), encoding="utf-8")   # read again: newer
    build_site(content, tmp_path / "output", ROOT, cache)
    after = _cache_files(cache)
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == \
        [file_name(changed.parent.relative_to(content).as_posix())]
    same_files(tmp_path / "output", build_site(content, tmp_path / "cold", ROOT, tmp_path / "cold-cache"))


def test_a_cache_file_that_cannot_be_read_has_its_documents_read_again_and_a_partial_one_goes(converted, tmp_path, caplog):
    content, cache = _built(converted, tmp_path)
    damaged = sorted(cache.rglob(f"{FOLDER}/*.pickle"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    left = damaged.with_suffix(".partial")   # as a build killed while writing leaves one
    left.write_bytes(b"half")
    with caplog.at_level(logging.WARNING):
        build_site(content, tmp_path / "output", ROOT, cache)
    assert any(damaged.name in record.getMessage() and "read again" in record.getMessage()
               for record in caplog.records)
    same_files(tmp_path / "output", build_site(content, tmp_path / "cold", ROOT, tmp_path / "cold-cache"))
    assert damaged.stat().st_size > 100   # written whole again
    assert not left.exists()


def test_a_document_gone_from_the_content_leaves_the_cache(converted, tmp_path):
    content, cache = _built(converted, tmp_path)
    documents = sorted(content.rglob("*.md"))
    gone = documents[0]
    gone.unlink()
    build_site(content, tmp_path / "output", ROOT, cache)
    folder = next(cache.rglob(FOLDER))
    kept = load(folder, _Shared({}, {}))
    assert sorted(kept) == sorted(path.relative_to(content).as_posix() for path in documents[1:])
