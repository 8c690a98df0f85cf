"""A rebuild's search data equals a cold build's, whether it appends a new issue to the
previous index or has to build it anew."""
from __future__ import annotations

import os
import random
import shutil

from plugins.search_index import writer
from plugins.search_index.codec import (append_postings, decode_postings, encode_postings, last_document, pack,
                                          truncate_postings)
from plugins.search_index.writer import _issue_date, write_search_files


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def issues_by_date(content):
    dates = {}
    return sorted({path.parent for path in content.rglob("*.md")}, key=lambda folder: (_issue_date(folder, dates), folder))


def without(content, issue, target):
    """A copy of ``content`` without one issue's folder."""
    shutil.copytree(content, target)
    shutil.rmtree(target / issue.relative_to(content))
    return target


def test_appended_postings_equal_postings_encoded_whole():
    generator = random.Random(11)
    for _ in range(500):
        documents = sorted(generator.sample(range(generator.choice([50, 100000])), generator.randint(1, 40)))
        packed = [pack(d, generator.choice([1, 1, 1, 2, 31, 32, 1000])) for d in documents]
        cut = generator.randint(1, len(packed))
        whole = encode_postings(packed)
        assert last_document(whole) == documents[-1]
        if cut < len(packed):
            assert append_postings(encode_postings(packed[:cut]), packed[cut:]) == whole
        assert decode_postings(whole) == [(p >> 32, p & 0xFFFFFFFF) for p in packed]
        below = generator.randint(0, documents[-1] + 1)
        kept = [p for p in packed if p >> 32 < below]
        assert truncate_postings(whole, below) == (encode_postings(kept) if kept else "")


def test_a_new_newest_issue_is_appended_and_equals_a_cold_build(converted, tmp_path):
    newest = issues_by_date(converted)[-1]
    before = without(converted, newest, tmp_path / "before")
    cache = tmp_path / "cache"
    first = write_search_files(before, tmp_path / "first", cache=cache)
    assert first["appended"] is None  # nothing to continue
    kept = files(tmp_path / "first")
    again = write_search_files(converted, tmp_path / "again", cache=cache, previous=tmp_path / "first")
    assert again["appended"] == len(list(newest.glob("*.md"))) > 0
    cold = write_search_files(converted, tmp_path / "cold")
    assert cold["appended"] is None
    assert files(tmp_path / "again") == files(tmp_path / "cold")
    assert files(tmp_path / "first") == kept  # linked from, never written through
    unchanged = write_search_files(converted, tmp_path / "unchanged", cache=cache, previous=tmp_path / "again")
    assert unchanged["appended"] == 0
    assert files(tmp_path / "unchanged") == files(tmp_path / "cold")


def test_an_older_issue_added_late_rebuilds_the_index_equal_to_a_cold_build(converted, tmp_path):
    oldest = issues_by_date(converted)[0]
    before = without(converted, oldest, tmp_path / "before")
    cache = tmp_path / "cache"
    write_search_files(before, tmp_path / "first", cache=cache)
    kept = files(tmp_path / "first")
    again = write_search_files(converted, tmp_path / "again", cache=cache, previous=tmp_path / "first")
    assert again["appended"] is None  # every document after it has a new number
    write_search_files(converted, tmp_path / "cold")
    assert files(tmp_path / "again") == files(tmp_path / "cold")
    assert files(tmp_path / "first") == kept  # the previous site is untouched


def test_an_issue_dated_among_the_last_cuts_and_appends_and_equals_a_cold_build(converted, tmp_path, monkeypatch):
    """A new issue that sorts before the newest: the documents after it get new numbers,
    so the previous parts are cut before it and it and those documents are appended."""
    monkeypatch.setattr(writer, "CONTINUE_SHARE", 1.0)  # the samples are few: any share
    issues = issues_by_date(converted)
    added = issues[-2]
    before = without(converted, added, tmp_path / "before")
    cache = tmp_path / "cache"
    write_search_files(before, tmp_path / "first", cache=cache)
    kept = files(tmp_path / "first")
    again = write_search_files(converted, tmp_path / "again", cache=cache, previous=tmp_path / "first")
    after = len(list(issues[-1].glob("*.md")))
    assert again["cut"] == after > 0
    assert again["appended"] == after + len(list(added.glob("*.md")))
    write_search_files(converted, tmp_path / "cold")
    assert files(tmp_path / "again") == files(tmp_path / "cold")
    assert files(tmp_path / "first") == kept
    # and back: the issue taken out again leaves what a cold build without it gives
    gone = write_search_files(before, tmp_path / "gone", cache=cache, previous=tmp_path / "again")
    assert gone["cut"] == after + len(list(added.glob("*.md")))
    assert files(tmp_path / "gone") == kept


def test_a_document_edited_in_place_to_the_same_size_is_indexed_again(converted, tmp_path):
    """A document's key is taken again only when its file's size or time changed:
    an edit in place that keeps the size (a word for a word) is still seen."""
    content = tmp_path / "content"
    shutil.copytree(converted, content)
    cache = tmp_path / "cache"
    write_search_files(content, tmp_path / "first", cache=cache)
    edited = issues_by_date(content)[-1] / sorted(p.name for p in issues_by_date(content)[-1].glob("*.md"))[0]
    text = edited.read_text(encoding="utf-8")
    word = next(char for char in reversed(text) if "\u4e00" <= char <= "\u9fff")
    replacement = "鑫" if word != "鑫" else "淼"
    before = edited.stat()
    with edited.open("r+", encoding="utf-8") as handle:   # the same file, the same size
        handle.write(text[:text.rindex(word)] + replacement + text[text.rindex(word) + 1:])
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))   # edited a millisecond later
    assert (edited.stat().st_size, edited.stat().st_ino) == (before.st_size, before.st_ino)
    write_search_files(content, tmp_path / "again", cache=cache, previous=tmp_path / "first")
    write_search_files(content, tmp_path / "cold")
    assert files(tmp_path / "again") == files(tmp_path / "cold") != files(tmp_path / "first")
