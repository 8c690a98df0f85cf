"""A flat mapping written as YAML, the common values directly: the same text PyYAML writes.

PyYAML spends most of a front matter's time in its Python representer and resolver, a
few microseconds a value.  A document's values are nearly all ``null``, numbers, dates,
lists and strings of Chinese text, whose YAML is fixed: a string is written bare when the
resolver reads it back as a string and no character of it is special to YAML (the
characters allowed here are none of YAML's indicators, spaces, quotes or breaks), else in
single quotes (a date, which would read back as one).  Any other value, a long line, or a
character outside those, and the whole mapping is PyYAML's.  ``tests/test_yaml_writer.py``
holds this to PyYAML's output on random values.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

# letters, digits, . _ / ( ) - and any character from U+0100 to U+FFFD that libyaml prints
# as itself (not a byte-order mark, a line or paragraph separator, a surrogate or a
# non-character; it escapes every character beyond U+FFFF)
_CHARS = "A-Za-z0-9._/()\\-\u0100-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
SAFE = re.compile(f"[{_CHARS}]+")
SAFE_IN_BLOCK = re.compile(f"[,{_CHARS}]+")   # a comma is special only inside a flow list
STR = "tag:yaml.org,2002:str"
RESOLVER = Resolver()
RESOLVED_FIRST = frozenset(Resolver.yaml_implicit_resolvers)  # what a value the resolver may read otherwise opens with
assert None not in RESOLVED_FIRST   # no resolver tries every value
MAX_LINE = 800   # below the emitter's width (1000), where it would break a flow list
_KEYS: dict[str, bool] = {}   # key → whether it is written bare (the schema's few keys)


def _scalar(value, safe: re.Pattern = SAFE) -> str | None:
    """The value as YAML writes it, or None if it is not one of the common forms."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is not str or not safe.fullmatch(value) or value[0] in "-.,":
        return None   # '---' or '...' would open or close a document
    if value[0] not in RESOLVED_FIRST or RESOLVER.resolve(ScalarNode, value, (True, False)) == STR:
        return value
    return f"'{value}'"   # '2024-03-01' is a string, not a date


def _value(value) -> str | None:
    """What follows the key's colon: a scalar or a flow list on its line, a list of flat
    mappings (an issue's TOC) as a block list of flow mappings below it."""
    if type(value) is list and value and all(type(item) is dict for item in value):
        items = [_flow_mapping(item) for item in value]
        return None if None in items else "".join(f"\n- {item}" for item in items)
    if type(value) is list:
        items = [_scalar(item) for item in value]
        return None if None in items else f" [{', '.join(items)}]"
    written = _scalar(value, SAFE_IN_BLOCK)
    return None if written is None else f" {written}"


def _flow_mapping(data: dict) -> str | None:
    """``{key: value, …}``: how PyYAML writes a mapping of scalars inside a list."""
    pairs = [(key, _scalar(value)) for key, value in data.items()]
    if any(written is None or type(key) is not str or not _bare_key(key) for key, written in pairs):
        return None
    text = "{" + ", ".join(f"{key}: {written}" for key, written in pairs) + "}"
    return text if len(text) <= MAX_LINE else None


def _bare_key(key: str) -> bool:
    if key not in _KEYS:
        _KEYS[key] = _scalar(key) == key
    return _KEYS[key]


def dump_mapping(data: dict, fallback: Callable[[dict], str]) -> str:
    """``data`` (string keys that are plain words) as a block mapping, each value on its
    key's line (a list in flow style; a list of flat mappings below it, one a line);
    ``fallback(data)`` if any value is not a common one, or if none is a list (PyYAML
    writes a mapping of scalars alone in flow style)."""
    if not any(type(value) is list for value in data.values()):
        return fallback(data)
    lines = []
    for key, value in data.items():
        written = _value(value)
        if written is None or not _bare_key(key) or "\n" not in written and len(key) + len(written) > MAX_LINE:
            return fallback(data)
        lines.append(f"{key}:{written}\n")
    return "".join(lines)
