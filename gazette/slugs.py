"""ASCII names for paths and URLs, stable across rebuilds.

>>> doc_slug('盘政办发〔2024〕1号'), publisher_slug('盘锦市人民政府公报')
('panzhengbanfa-2024-1', 'panjin')
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import docnumber

_ADMIN_SUFFIX = re.compile(r"(?:市|省|县|区|自治州|地区|盟)?(?:人民政府)?(?:办公室|办公厅)?(?:公报|政报)$")
# ascii_slug's answers: the same organ, topic and place names come back for every document,
# and a run that knows them all never imports pypinyin, whose dictionaries take a quarter
# of a second to load in each of a rebuild's two commands.  What a run asked is kept for
# the next: by the ingest with each stored conversion, by the build in its cache
_KNOWN: dict[str, str] = {}
_ASKED: dict[str, str] = {}


def ascii_slug(text: str) -> str:
    slug = _KNOWN.get(text)
    if slug is None:
        slug = _KNOWN[text] = _pinyin_slug(text)
    _ASKED[text] = slug
    return slug


def _pinyin_slug(text: str) -> str:
    from pypinyin import lazy_pinyin
    words = lazy_pinyin(text, errors=lambda chars: [c if c.isascii() else "" for c in chars])
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(w + (" " if not w.isascii() else "") for w in words).lower())
    return slug.strip("-") or "x"


def asked() -> dict[str, str]:
    """The names ``ascii_slug`` was asked for since the last call, with their slugs."""
    found = dict(_ASKED)
    _ASKED.clear()
    return found


def known(found: dict[str, str]) -> None:
    """Slugs an earlier run asked for (``asked``), answered from now on without pypinyin."""
    _KNOWN.update(found)


def load_pinyin() -> None:
    """pypinyin loaded now: before forking workers that may each need it."""
    import pypinyin  # noqa: F401


@contextmanager
def remembered(path: Path, version: str) -> Iterator[None]:
    """``ascii_slug`` knowing what the last run of this ``version`` of the code asked for,
    kept in ``path``, and what this run asks for kept there at the end (the same names
    give the same file).  A file that cannot be read, or of another version, is no file;
    one that cannot be written is left as it was."""
    kept = _kept(path, version)
    if kept is None:   # every name is new: pypinyin loaded now, with the modules (which the
        load_pinyin()  # ingest and the build leave out of the collector's passes)
    else:
        known(kept)
    asked()
    yield
    found = asked()
    if found == kept:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        written = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        written.write_text(json.dumps([version, found], ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(written, path)
    except OSError:
        pass


def _kept(path: Path, version: str) -> dict[str, str] | None:
    """The slugs ``path`` keeps for ``version``: None for no file, another version's, or
    one that is not what ``remembered`` writes."""
    try:
        kept_version, kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None
    if kept_version != version or not isinstance(kept, dict):
        return None
    return kept if all(isinstance(k, str) and isinstance(v, str) for k, v in kept.items()) else None


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
