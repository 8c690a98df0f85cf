"""The two tokenizer implementations (Python for the build, JS for the browser) agree."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import numpy
import pytest

from conftest import ROOT, SOURCES
from plugins.search_index.patterns import patterns_script
from plugins.search_index.scoring import partition_of
from plugins.search_index.terms import count_terms, term_counts
from plugins.search_index.tokenizer import query_words, tokens

TOKENIZER_JS = ROOT / "themes/gazette/static/js/tokenizer.js"
RUNNER = """
const t = require(process.argv[1]);
const inputs = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(inputs.map(s => [t.tokens(s), t.queryWords(s), t.tokens(s).map(x => t.partitionOf(x, 4096))])));
"""
ALPHABET = ("盘政办发〔〕[]【】（）()第号 \u3000\t\n0123456789０１２ABCabc食品安全应急预案令年月日"
            "\U00020000\U0002a6d6\ufeff\u00a0·—…、，。；：《》-_.%&<>'\"\\")


@pytest.fixture(scope="module")
def tokenizer_js(tmp_path_factory) -> Path:
    """tokenizer.js beside the patterns.js a build writes, as a site serves them."""
    folder = tmp_path_factory.mktemp("js")
    (folder / "patterns.js").write_text(patterns_script(), encoding="utf-8")
    shutil.copyfile(TOKENIZER_JS, folder / "tokenizer.js")
    return folder / "tokenizer.js"


def js(tokenizer: Path, inputs: list[str]) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the browser tokenizer")
    result = subprocess.run([node, "-e", RUNNER, str(tokenizer)], input=json.dumps(inputs),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def python(inputs: list[str]) -> list:
    return [[tokens(s), query_words(s), [partition_of(x, 4096) for x in tokens(s)]] for s in inputs]


def test_same_tokens_on_the_sample_texts(tokenizer_js):
    lines = []
    for path in sorted(SOURCES.rglob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    chunks = ["\n".join(lines[i:i + 40]) for i in range(0, len(lines), 40)]
    assert js(tokenizer_js, chunks) == python(chunks)


def test_same_tokens_on_random_strings(tokenizer_js):
    generator = random.Random(20261122)
    inputs = ["".join(generator.choice(ALPHABET) for _ in range(generator.randint(0, 40))) for _ in range(2000)]
    assert js(tokenizer_js, inputs) == python(inputs)


def test_bulk_term_counts_equal_the_token_list():
    """The build counts terms in bulk (term_counts): a short text in Python, a longer one on
    its code points with numpy (NFKC and the spaces between Han characters too); the
    specification is the token list.  Random texts of both lengths, with characters NFKC
    changes alone (，　Ａ), into several (Ⅳ ③ ㎏) or with their neighbours (e + ◌́)."""
    generator = random.Random(7)
    alphabet = ALPHABET + "e\u0301\u0323\u0340\uf900\u3131\u314f“”‘’ⅣⅠ③℃³㎏ﬁ\u2002Å\u212bＡｂ"
    texts = [path.read_text(encoding="utf-8") for path in sorted(SOURCES.rglob("*.txt"))]
    texts += ["".join(generator.choice(alphabet) for _ in range(generator.randint(0, length)))
              for length in (40, 300) for _ in range(3000)]
    for text in texts:
        assert term_counts(text) == Counter(tokens(text)), repr(text[:80])
        terms = count_terms(text)
        assert terms.keys.dtype == numpy.uint64 and terms.counts.dtype == numpy.int64
        assert (terms.keys[1:] > terms.keys[:-1]).all()   # sorted, each once


def test_same_tokens_for_numbers_typed_without_brackets(tokenizer_js):
    """A query word that is a number without brackets is that number (both sides alike),
    not a gazette's issue label (…公报2020年5号) nor digits alone."""
    generator = random.Random(5)

    def word() -> str:
        return "".join(generator.choice(choices) for choices in (
            ["盘政办发", "按照盘政办发", "本溪市人民政府公报", "大连政报", "发", "食品", ""], ["", " ", "〔"],
            ["2024", "1999", "12024", ""], ["年", "", "第", "年第"], ["1", "001", "123456", ""], ["号", "", "号文"]))

    inputs = [" ".join(word() for _ in range(generator.randint(1, 3))) for _ in range(2000)]
    inputs += ["盘政办发2024年1号", "本溪市人民政府公报2020年5号 食品"]
    assert js(tokenizer_js, inputs) == python(inputs)
    numbers = [word[0] for text, row in zip(inputs, python(inputs)) if "〔" not in text for word in row[1]
               if len(word) == 1 and "〔" in word[0]]
    assert len(numbers) >= 10  # the mix holds such numbers, and none is an issue label
    assert not [number for number in numbers if "报〔" in number]


@pytest.mark.parametrize("query", ["盘政办发[2024]1号", "盘政办发〔2024〕 1 号", "盘政办发【2024】第1号", "盘政办发〔2024〕01号",
                                   "盘政办发2024年1号"])
def test_document_number_variants_are_one_token(query):
    assert query_words(query) == [["盘政办发〔2024〕1号"]]


def test_query_words_are_bigrams_and_a_single_character_stays():
    assert query_words("食品安全 应急预案") == [["食品", "品安", "安全"], ["应急", "急预", "预案"]]
    assert query_words("粮") == [["粮"]]
    assert tokens("第四次 全国") == ["第四", "四次", "次全", "全国", "第", "四", "次", "全", "国"]


def test_the_browser_tokenizer_copies_no_pattern():
    """tokenizer.js builds every pattern from patterns.js (written from the Python ones):
    no regular expression of its own holds a Han character, a bracket of a number or a
    character range."""
    import re

    source = re.sub(r"/\*.*?\*/|^\s*//.*$|\s//\s.*$", "", TOKENIZER_JS.read_text(encoding="utf-8"), flags=re.S | re.M)
    constructed = re.findall(r"new RegExp\((.*?)\);?$", source, re.M)
    assert constructed and all("P." in arguments or "words" in arguments for arguments in constructed), constructed
    literals = re.findall(r"(?<![\w)\]])/((?:\\.|[^/\n])+)/[gimsuy]*", source)
    assert [literal for literal in literals if re.search(r"[\u3000-\u9fff〔〕（）]|\\u|-", literal)] == []
