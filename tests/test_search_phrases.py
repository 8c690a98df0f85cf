"""The bigram contexts the index stores (plugins/search_index/phrases.py), which the browser
reads to put the documents holding a query's exact phrase first."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from collections import Counter, defaultdict

import pytest

from conftest import ROOT, SOURCES
from plugins.search_index.codec import FREQUENCY, FREQUENCY_BITS
from plugins.search_index.phrases import ANY, accepts, contexts, indexed_terms, neighbour_mask
from plugins.search_index.tokenizer import han_runs, index_text, term_counts

SEARCH_JS = ROOT / "themes/gazette/static/js/search.js"
ALPHABET = "理工院管作化学食品安全应急预案 \u3000\n，。0123abc\U00020000\U0002a6d6"


def sample_texts() -> list[str]:
    generator = random.Random(3)
    texts = [path.read_text(encoding="utf-8") for path in sorted(SOURCES.rglob("*.txt"))[:3]]
    texts += ["".join(generator.choice(ALPHABET) for _ in range(generator.randint(0, 60))) for _ in range(400)]
    return texts


def spelled_out(text: str) -> tuple[dict, dict]:
    """Each bigram's neighbours found place by place (the specification): the mask of
    its followers and of its preceders, or ANY for a bigram standing three or more times."""
    han = han_runs(index_text(text))
    places, after, before = Counter(), defaultdict(set), defaultdict(set)
    for i in range(len(han) - 1):
        bigram = han[i:i + 2]
        if " " in bigram:
            continue
        places[bigram] += 1
        if i + 2 < len(han) and han[i + 2] != " ":
            after[bigram].add(han[i + 2])
        if i > 0 and han[i - 1] != " ":
            before[bigram].add(han[i - 1])
    def masks(neighbours):
        return {b: ANY if places[b] > 2 else neighbour_mask(neighbours[b]) for b in places}
    return masks(after), masks(before)


def test_contexts_are_those_found_place_by_place():
    for text in sample_texts():
        assert contexts(text) == spelled_out(text), repr(text[:60])


def test_a_mask_accepts_every_neighbour_the_text_has():
    """No document holding a phrase may be missed: every trigram ABC of a text is accepted
    by AB's followers and BC's preceders."""
    for text in sample_texts():
        followers, preceders = contexts(text)
        han = han_runs(index_text(text))
        for i in range(len(han) - 2):
            a, b, c = han[i:i + 3]
            if " " not in (a, b, c):
                assert accepts(followers[a + b], c) and accepts(preceders[b + c], a), han[i:i + 3]


def test_indexed_terms_pack_counts_and_contexts():
    for text in sample_texts():
        terms, values = indexed_terms(text)
        followers, preceders = contexts(text)
        counts = term_counts(text)
        assert terms == list(counts)
        assert list(values) == [min(counts[t], FREQUENCY) | followers.get(t, 0) << FREQUENCY_BITS
                                | preceders.get(t, 0) << FREQUENCY_BITS + 12 for t in terms]


def test_a_mask_tells_most_other_characters_apart():
    one, two = neighbour_mask({"院"}), neighbour_mask({"院", "作"})
    others = [chr(code) for code in range(0x4E00, 0x9FA6)]
    assert sum(accepts(one, c) for c in others) < len(others) / 1000
    assert sum(accepts(two, c) for c in others) < len(others) / 10


ACCEPTS_RUNNER = """
const search = require(process.argv[1]).GazetteSearch;
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([mask, code]) => search.accepts(mask, code))));
"""


def test_the_browser_reads_a_mask_as_the_build_writes_it():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run search.js")
    generator = random.Random(5)
    masks = [0, ANY] + [neighbour_mask({chr(generator.randint(0x4E00, 0x9FA5)) for _ in range(generator.randint(1, 4))})
                        for _ in range(200)]
    chars = [chr(generator.randint(0x4E00, 0x9FA5)) for _ in range(50)] + ["\U00020000", "院"]
    cases = [(mask, char) for mask in masks for char in chars]
    result = subprocess.run([node, "-e", ACCEPTS_RUNNER, str(SEARCH_JS)],
                            input=json.dumps([(mask, ord(char)) for mask, char in cases]),
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [accepts(mask, char) for mask, char in cases]
