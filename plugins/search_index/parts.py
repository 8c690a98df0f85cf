"""A part of the index as written: each term with its columns (its postings in each field,
then its positions in the positioned field); and a part of the previous build cut to the
documents kept, with the postings of those added after them."""
from __future__ import annotations

from array import array

from .codec import (append_postings, decode_postings, encode_numbers, encode_postings_many, first_numbers,
                    truncate_postings)
from .scoring import js_order

_NONE = array("q")  # a field without the term


def encoded_terms(terms: list[list], fields: int) -> list[list[str]]:
    """Terms' columns as a part holds them: each term's postings in each field, then its
    positions (see ``positions_kept``); each field's postings of all the terms encoded at once."""
    if not terms:
        return []
    postings = [encode_postings_many([columns[field] or _NONE for columns in terms]) for field in range(fields)]
    return [positions_kept([*encoded, *(encode_numbers(flat) if flat else "" for flat in columns[fields:])], fields)
            for encoded, columns in zip(zip(*postings), terms)]


def positions_kept(encoded: list[str], fields: int) -> list[str]:
    """A term that stands nowhere in the positioned field (or is not a bigram) has no
    positions column."""
    return encoded if encoded[fields:] and encoded[fields] else encoded[:fields]


def appended_part(part: list, added: dict[str, list], kept: int, cut_terms: set[str], index) -> list:
    """A part without the postings of documents from ``kept`` on (only ``cut_terms`` have
    any) and with the postings ``added`` (term → per column packed postings or None)."""
    entries, fields = [], len(index.fields)
    for term, *encoded in part:
        encoded += [""] * (index.columns - len(encoded))
        if term in cut_terms:
            encoded = cut_columns(encoded, kept, index)
        columns = added.pop(term, None)
        if columns is not None:
            encoded = ([append_postings(text, flat) if flat else text for text, flat in zip(encoded, columns[:fields])]
                       + [text + encode_numbers(flat) if flat else text for text, flat in zip(encoded[fields:], columns[fields:])])
        if any(encoded[:fields]):  # a term only the cut documents had is gone
            entries.append([term, *positions_kept(encoded, fields)])
    entries += [[term, *encoded] for term, encoded in zip(added, encoded_terms(list(added.values()), fields))]
    entries.sort(key=lambda entry: js_order(entry[0]))
    return entries


def cut_columns(encoded: list[str], kept: int, index) -> list[str]:
    """A term's columns without the documents from ``kept`` on: the positions kept are as
    many as the kept postings' frequencies in the positioned field."""
    fields = len(index.fields)
    cut = [truncate_postings(text, kept) if text else text for text in encoded[:fields]]
    if encoded[fields:] and encoded[fields]:
        positions = sum(frequency for _, frequency in decode_postings(cut[index.positioned]))
        cut.append(first_numbers(encoded[fields], positions))
    return cut + [""] * (index.columns - len(cut))
