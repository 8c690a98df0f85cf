"""A front matter read directly for its common forms is what PyYAML reads, types and all."""
import random

import pytest
import yaml

from gazette import yaml_reader
from gazette.schema import FRONT_MATTER_KEYS, dump_yaml, load_yaml, pyyaml_load
from test_yaml_writer import TRICKY, WORDS, random_value


def typed(value):
    """A value with the type of each part spelled out: True and 1, 2024 and '2024' differ."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, value)


def read_both(text: str):
    """What PyYAML reads (or the error it raises) and what load_yaml reads (or raises)."""
    results = []
    for load in (pyyaml_load, load_yaml):
        try:
            results.append(typed(load(text)))
        except yaml.YAMLError as error:
            results.append(("error", type(error).__name__))
    return results


def test_random_front_matters_read_as_pyyaml_reads_them():
    chance = random.Random(5)
    direct = 0
    for _ in range(20_000):
        data = {key: random_value(chance) for key in chance.sample(FRONT_MATTER_KEYS, 6)}
        data["topics"] = [chance.choice(WORDS)]
        text = dump_yaml(data)
        direct += yaml_reader.load_mapping(text, lambda _: None) is not None
        assert typed(load_yaml(text)) == typed(pyyaml_load(text)) == typed(data), text
    assert direct > 3_000, direct   # the direct path was taken, not only the fallback


def test_texts_changed_by_hand_read_as_pyyaml_reads_them():
    """A character YAML treats apart put anywhere in a front matter: the text still reads
    as PyYAML reads it, or fails as PyYAML fails."""
    chance = random.Random(8)
    marks = TRICKY + [": ", "- ", "'", "''", "[", "]", ", ", "# x", "\n", "\n  ", "yes", "0x1F", "-1", "00", "1.0"]
    base = dump_yaml({"title": "关于印发方案的通知", "year": 2024, "date": "2024-03-01", "topics": ["交通", "科技"],
                      "cites": [], "effective": None, "draft": False, "note": "（此件公开发布）"})
    for _ in range(20_000):
        at = chance.randrange(len(base) + 1)
        text = base[:at] + chance.choice(marks) + base[at:]
        if chance.random() < 0.3:
            at = chance.randrange(len(text))
            text = text[:at] + text[at + 1:]
        pyyaml, direct = read_both(text)
        assert direct == pyyaml, repr(text)


@pytest.mark.parametrize("text, value", [
    ("year: 2024\n", 2024), ("year: -3\n", -3), ("year: '2024'\n", "2024"), ("year: 0x1F\n", 31),
    ("year: 1_000\n", 1000), ("year: yes\n", True), ("year: null\n", None), ("year: ~\n", None),
    ("year: 2024-03-01\n", __import__("datetime").date(2024, 3, 1)), ("year: 1.5\n", 1.5),
    ("year: [a, 'b', 3, null]\n", ["a", "b", 3, None]), ("year: []\n", []),
    ("year: 盘政发〔2024〕6号\n", "盘政发〔2024〕6号"), ("year: a,b\n", "a,b"),
])
def test_each_form_reads_as_yaml_has_it(text, value):
    assert typed(load_yaml(text)) == typed(pyyaml_load(text)) == typed({"year": value})


def test_what_is_not_a_flat_mapping_is_pyyamls():
    assert load_yaml("") is None
    assert load_yaml("- a\n- b\n") == ["a", "b"]
    assert load_yaml("toc:\n- {title: 甲, page: 3}\n") == {"toc": [{"title": "甲", "page": 3}]}
    assert load_yaml("yes: 1\n") == {True: 1}


@pytest.mark.parametrize("text", ["title: -\n", "title: ,a\n", "title: a\n  b: c\n", "title: [a, b\n", "title: 'a\n"])
def test_what_pyyaml_refuses_is_refused(text):
    pyyaml, direct = read_both(text)
    assert direct == pyyaml and pyyaml[0] == "error"
