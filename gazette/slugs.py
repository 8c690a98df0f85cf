"""ASCII names for paths and URLs, stable across rebuilds.

>>> doc_slug('盘政办发〔2024〕1号'), publisher_slug('盘锦市人民政府公报')
('panzhengbanfa-2024-1', 'panjin')
"""
from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

from . import docnumber

_ADMIN_SUFFIX = re.compile(r"(?:市|省|县|区|自治州|地区|盟)?(?:人民政府)?(?:办公室|办公厅)?(?:公报|政报)$")


@lru_cache(maxsize=1 << 14)  # the same organ, topic and place names come back for every document
def ascii_slug(text: str) -> str:
    words = lazy_pinyin(text, errors=lambda chars: [c if c.isascii() else "" for c in chars])
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(w + (" " if not w.isascii() else "") for w in words).lower())
    return slug.strip("-") or "x"


def publisher_slug(publisher: str) -> str:
    """The place name: 盘锦市人民政府公报 → panjin, 大连政报 → dalian."""
    place = _ADMIN_SUFFIX.sub("", publisher) or publisher
    return ascii_slug(place).replace("-", "")


def doc_slug(number: str) -> str:
    parsed = docnumber.parse(number)
    if parsed is None:
        return ascii_slug(number)
    prefix = ascii_slug(parsed.prefix).replace("-", "")
    return f"{prefix}-{parsed.year}-{parsed.serial}" if parsed.year else f"{prefix}-{parsed.serial}"


def issue_slug(label: str | None, serial: int | None, date: str | None = None) -> str:
    """2024年第1—2月号 → 1-2; 2020第2期 → 2; without a label, the serial number, else the
    issue's date (2021-03-15: two issues of a year printed without labels stay apart)."""
    if label:
        match = re.search(r"第(\d{1,2})(?:[—\-–~至、](\d{1,2}))?", label)
        if match:
            return "-".join(g for g in match.groups() if g)
    return f"no{serial}" if serial else date or "issue"
