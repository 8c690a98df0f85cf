"""What the tests of each format ask of a sample read from another edition (its PDF, its
web page, its Word file): the same documents, fields and Han text as its text gives."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

# what the issue measures: a field the edition gives otherwise than the text is a miss
FIELDS = ("title", "doc_number", "issuer", "issuers", "date", "doc_type", "attachments", "repeals", "cites",
          "addressees", "kind", "publisher", "issue_label", "issue_number", "year", "issue_date", "section", "toc_page")
HAN = re.compile(r"[\u4e00-\u9fff]")


def key(document) -> str:
    return document.meta["doc_number"] or document.meta["title"]


def field_misses(text, edition) -> list[tuple]:
    """The fields each document of ``edition`` gives otherwise than ``text``'s (the two
    conversions hold the same documents)."""
    assert [key(d) for d in edition.documents] == [key(d) for d in text.documents]
    return [(key(a), field, a.meta[field], b.meta[field]) for a, b in zip(text.documents, edition.documents)
            for field in FIELDS if a.meta[field] != b.meta[field]]


def misses_in_editions(samples, editions: dict, convert) -> tuple[list[tuple], int]:
    """Every field each sample's edition (``editions``: by the sample's name) gives
    otherwise than its text, and how many fields were compared."""
    misses, fields = [], 0
    for sample in samples:
        text = convert(sample, sample.name)
        misses += field_misses(text, convert(editions[sample.name], sample.name))
        fields += len(FIELDS) * len(text.documents)
    return misses, fields


def han_not_kept(text, edition, share: float = 0.995) -> list[tuple]:
    """The documents of ``edition`` that keep less than ``share`` of their Han text, in order."""
    short = []
    for a, b in zip(text.documents, edition.documents):
        want, got = "".join(HAN.findall(a.body)), "".join(HAN.findall(b.body))
        kept = sum(block.size for block in SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks())
        if kept < share * len(want):
            short.append((key(a), kept, len(want)))
    return short
