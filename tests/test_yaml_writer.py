"""The front matter's YAML, written directly for its common values, is PyYAML's text."""
import random

from gazette.schema import FRONT_MATTER_KEYS, dump_yaml, pyyaml_dump, load_yaml
from gazette.yaml_writer import dump_mapping

# characters YAML treats apart: indicators, quotes, spaces, breaks, escapes, and text
# characters YAML treats apart: indicators, quotes, spaces, breaks, escapes
TRICKY = list("-.:#,[]{}&*!|>'\"%@`?~ \t\n=+") + ["\u00a0", "\u0085", "\ufeff", "\u2028", "\u3000", "\ufffe",
                                                "\U00020000", "---", "...", "<<", "12:30", ""]
# words the resolver reads as something else (null, bool, numbers, dates), and text
WORDS = ["null", "Null", "yes", "No", "on", "true", "1", "0x1F", "1e3", "1.5", "1_000", "2024-03-01", "2024-3-1",
         "2024", "盘政发〔2024〕6号", "关于印发方案的通知", "zhangzhi/2006-03.txt", "panjin-2024-6", "（此件公开发布）",
         "a-b", "_x", ",", "施行,有效期", "é", "〔", "（", "，", "：", "第", "中", "A", "9", "-", ".", "_", "/", "(", ")"]


def random_value(chance: random.Random):
    roll = chance.random()
    if roll < 0.1:
        return chance.choice([None, True, False, 0, 7, -3, 2024])
    if roll < 0.3:
        return [random_string(chance) for _ in range(chance.randint(0, 4))]
    if roll < 0.31:
        return {"nested": random_string(chance)}
    if roll < 0.4:   # an issue's TOC: flat mappings, now and then one holding a list
        return [{key: [] if chance.random() < 0.03 else random_scalar(chance) for key in chance.sample(["title", "page", "doc_number", "section", "line"], 3)}
                for _ in range(chance.randint(0, 3))]
    return random_string(chance)


def random_scalar(chance: random.Random):
    return chance.choice([None, True, 7, 2024]) if chance.random() < 0.3 else random_string(chance)


def random_string(chance: random.Random) -> str:
    """Mostly what a front matter holds, a character YAML treats apart now and then."""
    pieces = [chance.choice(TRICKY if chance.random() < 0.03 else WORDS) for _ in range(chance.randint(1, 3))]
    return "".join(pieces)


def test_random_mappings_are_written_as_pyyaml_writes_them():
    chance = random.Random(11)
    direct = 0
    for _ in range(20_000):
        data = {key: random_value(chance) for key in chance.sample(FRONT_MATTER_KEYS, 5)}
        data["topics"] = [random_string(chance)]   # a front matter always holds lists
        written = dump_mapping(data, lambda _: None)
        expected = pyyaml_dump(data)
        if written is not None:
            direct += 1
            assert written == expected, data
        assert dump_yaml(data) == expected, data
    assert direct > 3_000, direct   # the direct path was taken, not only the fallback


def test_long_lists_and_odd_keys_are_left_to_pyyaml():
    numbers = [f"盘政发〔2024〕{n}号" for n in range(200)]
    assert dump_mapping({"cites": numbers}, lambda _: None) is None
    assert dump_yaml({"cites": numbers}) == pyyaml_dump({"cites": numbers})
    assert load_yaml(dump_yaml({"cites": numbers}))["cites"] == numbers
    for key in ("yes", "on", "null", "a b"):
        assert dump_mapping({key: "x"}, lambda _: None) is None


def test_a_front_matter_reads_back_as_written():
    data = {"title": "关于印发《方案（2020—2022年）》的通知", "date": "2024-03-01", "year": 2024,
            "addressees": ["各县、区人民政府", "市政府各部门"], "section": None, "attachments": []}
    assert load_yaml(dump_mapping(data, lambda _: None)) == data
