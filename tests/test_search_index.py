"""The partitioned index scores exactly as one lunr.py index over the whole archive."""
from __future__ import annotations

from lunr.builder import Builder
from lunr.index import Index

from plugins.search_index.builder import PartitionedIndex, expand, partition_of
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


def test_scores_equal_lunr_py_single_index(tmp_path):
    reference = lunr_reference()
    term_of = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
    expected = {}
    for field_ref, vector in reference.field_vectors.items():
        field, ref = field_ref.split("/")
        for position, score in zip(vector.elements[::2], vector.elements[1::2]):
            expected[(term_of[position], field, ref)] = score
    index = PartitionedIndex(FIELDS, tmp_path)
    for ref, document in DOCUMENTS.items():
        index.add(ref, {field: tokens(document[field]) for field in FIELDS})
    ours = {(term, field, ref): score for term, field, ref, score in index.scores()}
    assert ours == expected


def test_each_part_is_a_lunr_index_holding_only_its_terms(tmp_path):
    index = PartitionedIndex(FIELDS, tmp_path, groups=4)
    for ref, document in DOCUMENTS.items():
        index.add(ref, {field: tokens(document[field]) for field in FIELDS})
    parts = dict(index.build(8))
    assert sorted(parts) == list(range(8))
    seen = set()
    for number, part in parts.items():
        loaded = Index.load(expand(part))
        terms = [term for term, _ in part["terms"]]
        assert all(partition_of(term, 8) == number for term in terms)
        seen.update(terms)
        if terms:
            query = loaded.create_query()
            query.term(terms[0], use_pipeline=False)
            assert loaded.query(query), f"part {number} does not answer its own term"
    assert seen == {t for d in DOCUMENTS.values() for f in FIELDS for t in tokens(d[f])}
