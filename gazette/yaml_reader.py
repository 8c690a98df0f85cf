"""A flat mapping read from YAML, the common forms directly: what PyYAML reads.

``yaml_writer`` writes a front matter a key a line, each value a scalar or a flow list of
scalars, in a few fixed forms.  PyYAML builds each value in Python (its constructor and
resolver, after libyaml's parser): about 0.2 ms a document, which the site and the search
index each pay for every document of a cold build.  A text of those forms alone is read
here; any other line, and the whole text is PyYAML's.  ``tests/test_yaml_reader.py`` holds
this to PyYAML's result on random mappings and on texts changed by hand.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from yaml.nodes import ScalarNode

from .yaml_writer import RESOLVED_FIRST, RESOLVER, SAFE, SAFE_IN_BLOCK, STR

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")   # an int as Python writes one: PyYAML reads 0x1F, 1_000 too
_WORDS = {"null": None, "true": True, "false": False}   # the forms yaml_writer writes of these
_KEYS: dict[str, bool] = {}   # key → whether it is read as the string it is
_NOT_COMMON = object()


def load_mapping(text: str, fallback: Callable[[str], object]):
    """The mapping ``text`` holds, read directly if each of its lines is a bare key, ": " and
    a common value (``_value``); else ``fallback(text)``."""
    mapping = {}
    for line in text.split("\n"):
        if not line:
            continue
        key, colon, written = line.partition(": ")
        value = _value(written) if colon and _plain_key(key) else _NOT_COMMON
        if value is _NOT_COMMON:
            return fallback(text)
        mapping[key] = value
    return mapping if mapping else fallback(text)


def _plain_key(key: str) -> bool:
    if key not in _KEYS:
        _KEYS[key] = bool(_KEY.fullmatch(key)) and _scalar(key, SAFE) == key
    return _KEYS[key]


def _value(written: str):
    """A scalar, or a flow list of scalars (``[a, b]``: an item holds no comma or space)."""
    if written[:1] == "[" and written[-1:] == "]":
        items = [_scalar(item, SAFE) for item in written[1:-1].split(", ")] if written != "[]" else []
        return _NOT_COMMON if _NOT_COMMON in items else items
    return _scalar(written, SAFE_IN_BLOCK)


def _scalar(written: str, safe: re.Pattern):
    """null, true, false, a decimal int, a string bare or in single quotes (none inside), as
    PyYAML reads it; ``_NOT_COMMON`` for any other form."""
    if written in _WORDS:
        return _WORDS[written]
    quoted = written[:1] == "'"
    text = written[1:-1] if quoted and written[-1:] == "'" and len(written) > 2 else written
    if not safe.fullmatch(text):
        return _NOT_COMMON   # quotes left, a space, a YAML indicator, a character YAML treats apart
    if quoted:
        return text
    if text[0] not in RESOLVED_FIRST:
        return text if text[0] != "," else _NOT_COMMON   # no resolver reads it as another type
    tag = RESOLVER.resolve(ScalarNode, text, (True, False))
    if tag == STR and text[0] not in "-.":   # left to PyYAML: a lone - opens a list, --- a document
        return text
    return int(text) if tag == _INT and _DECIMAL.fullmatch(text) else _NOT_COMMON
