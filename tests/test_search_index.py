"""The partitioned index scores exactly as one lunr.py index over the whole archive."""
from __future__ import annotations

import random
from array import array

from lunr.builder import Builder
from lunr.index import Index

from plugins.search_index.builder import PartitionedIndex
from plugins.search_index.scoring import expand, field_scores, partition_of
from plugins.search_index.codec import decode_postings, encode_postings, encode_postings_many, pack
from plugins.search_index.tokenizer import tokens

DOCUMENTS = {
    "0": {"title": "盘锦市食品安全事故应急预案", "body": "食品安全事故应急处置。食品安全。"},
    "1": {"title": "关于做好第四次全国文物普查工作的通知", "body": "文物普查 食品 安全 5G 盘政发〔2024〕1号"},
    "2": {"title": "道路交通安全应急预案", "body": "道路交通安全事故的应急处置，应急预案。" * 3},
}
FIELDS = {"title": 10, "body": 1}


def lunr_reference():
    """One index built by lunr.py itself, with our tokens and no pipeline."""
    builder = Builder()
    builder.ref("id")
    for field, boost in FIELDS.items():
        builder.field(field, boost=boost, extractor=lambda doc, field=field: tokens(doc[field]))
    for ref, document in DOCUMENTS.items():
        builder.add({"id": ref, **document})
    return builder.build()


def _index(tmp_path, groups=32):
    index = PartitionedIndex(FIELDS, tmp_path, groups=groups)
    index.add_all(list(DOCUMENTS.values()), lambda document: (document, None))
    return index


def test_scores_equal_lunr_py_single_index(tmp_path):
    reference = lunr_reference()
    term_of = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
    expected = {}
    for field_ref, vector in reference.field_vectors.items():
        field, ref = field_ref.split("/")
        for position, score in zip(vector.elements[::2], vector.elements[1::2]):
            expected[(term_of[position], field, ref)] = score
    index = _index(tmp_path)
    ours = {}
    for term, postings in index.postings():
        for field, scored in zip(FIELDS, field_scores(postings, index.stats())):
            ours.update({(term, field, str(document)): score for document, score in scored})
    assert ours == expected


def test_each_part_is_a_lunr_index_holding_only_its_terms(tmp_path):
    index = _index(tmp_path, groups=4)
    parts = dict(part for group in range(4) for part in index.group_parts(group, 8))
    assert sorted(parts) == list(range(8))
    seen = set()
    for number, part in parts.items():
        loaded = Index.load(expand(part, index.stats()))
        terms = [term for term, *_ in part]
        assert all(partition_of(term, 8) == number for term in terms)
        seen.update(terms)
        if terms:
            query = loaded.create_query()
            query.term(terms[0], use_pipeline=False)
            assert loaded.query(query), f"part {number} does not answer its own term"
    assert seen == {t for d in DOCUMENTS.values() for f in FIELDS for t in tokens(d[f])}


def test_postings_survive_the_compact_encoding(tmp_path):
    index = _index(tmp_path)
    decoded = {term: postings for term, postings in index.postings()}
    bodies = [tokens(DOCUMENTS[ref]["body"]) for ref in "012"]
    assert decoded["应急"][1] == [(0, 1), (2, 6)] == [(n, b.count("应急")) for n, b in enumerate(bodies) if "应急" in b]
    assert decoded["食品"][0] == [(0, 1)]


def test_compact_postings_round_trip_any_documents_and_frequencies():
    generator = random.Random(5)
    for _ in range(300):
        documents = sorted(generator.sample(range(100000), generator.randint(1, 40)))
        postings = [(d, generator.choice([1, 1, 1, 2, 3, 31, 32, 1000, 70000])) for d in documents]
        text = encode_postings([pack(d, f) for d, f in postings])
        assert '"' not in text and "\\" not in text
        assert decode_postings(text) == postings


def test_many_posting_lists_encoded_at_once_are_each_as_encoded_alone():
    """A part's terms are encoded together (numpy); each must read back as its own list."""
    generator = random.Random(8)
    lists = []
    for _ in range(2000):
        documents = sorted(generator.sample(range(10 ** 6), generator.choice([0, 1, 1, 2, 5, 300])))
        lists.append(array("q", [pack(d, generator.choice([1, 1, 2, 31, 32, 1000, 70000])) for d in documents]))
    encoded = encode_postings_many(lists)
    assert encoded == [encode_postings(postings) for postings in lists]
    assert [decode_postings(text) for text in encoded] == [[(p >> 32, p & 0xFFFFFFFF) for p in ps] for ps in lists]
    assert encode_postings_many([]) == []
