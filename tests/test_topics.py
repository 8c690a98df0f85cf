"""Topic keywords are counted in one scan, exactly as ``str.count`` counts each."""
from __future__ import annotations

import pytest

from conftest import SOURCES
from gazette import topics


def test_each_keyword_is_counted_as_str_count_counts_it_in_every_sample():
    keywords = {k for topic in topics.taxonomy()["topics"] for k in topic["keywords"]}
    checked = 0
    for sample in sorted(SOURCES.rglob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        for start in range(0, len(text), topics.BODY_WINDOW):
            window = text[start:start + topics.BODY_WINDOW]
            counts = topics.keyword_counts(window)
            assert {k: counts.get(k, 0) for k in keywords} == {k: window.count(k) for k in keywords}
            checked += sum(counts.values())
    assert checked > 1000


@pytest.fixture
def nested_keywords(monkeypatch):
    """Keywords that overlap themselves and each other: 哈, 哈哈, 哈哈哈, 哈哈笑."""
    taxonomy = {"topics": [{"name": "笑", "slug": "xiao", "keywords": ["哈", "哈哈", "哈哈哈", "哈哈笑"]}],
                "threshold": 1, "fallback": "xiao"}
    monkeypatch.setattr(topics, "taxonomy", lambda: taxonomy)
    topics._keyword_automaton.cache_clear()
    yield
    topics._keyword_automaton.cache_clear()


@pytest.mark.parametrize("text", ["哈哈哈哈哈", "哈哈笑哈哈哈笑", "笑哈笑哈哈", ""])
def test_keywords_that_overlap_are_counted_without_overlapping_themselves(nested_keywords, text):
    counts = topics.keyword_counts(text)
    assert {k: counts.get(k, 0) for k in ("哈", "哈哈", "哈哈哈", "哈哈笑")} == \
        {k: text.count(k) for k in ("哈", "哈哈", "哈哈哈", "哈哈笑")}


def test_random_texts_of_overlapping_keywords_are_counted_as_str_count_counts(nested_keywords):
    import random
    chance = random.Random(16)
    for _ in range(3000):
        text = "".join(chance.choice("哈笑文") for _ in range(chance.randint(0, 12)))
        counts = topics.keyword_counts(text)
        assert {k: counts.get(k, 0) for k in ("哈", "哈哈", "哈哈哈", "哈哈笑")} == \
            {k: text.count(k) for k in ("哈", "哈哈", "哈哈哈", "哈哈笑")}, text
