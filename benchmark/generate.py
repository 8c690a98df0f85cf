"""Synthetic raw gazettes made by recombining the samples' paragraphs, tables and titles
into realistic issues: masthead, TOC, document numbers, addressees, signatures, notes,
citations and repeals, several publishers and years.  Deterministic for a given seed.

Two mixes: ``topical`` (the default) gives each document a theme — one sample document,
which supplies its title's subject and most of its paragraphs — so that, as in a real
archive, a subject's phrases (食品安全) stand in the documents about it and common words
(工作) in nearly all; ``uniform`` draws every paragraph from all the samples alike, so every
phrase is in nearly every document: the hardest case for search."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from gazette.pipeline import convert_file

PUBLISHERS = (  # (place, short name used in document numbers)
    ("盘锦", "盘"), ("本溪", "本"), ("晋城", "晋市"), ("鞍山", "鞍"), ("营口", "营"),
    ("丹东", "丹"), ("阜新", "阜"), ("长治", "长"),
)
ORGANS = (("人民政府", "政发"), ("人民政府办公室", "政办发"))
ADDRESSEES = "各县、区人民政府，开发区管委会，市政府各部门、直属机构："
DOCS_PER_ISSUE = 10
FIRST_YEAR, LAST_YEAR = 2005, 2094


# Of a topical document's paragraphs, the share taken from its theme; the rest come from
# all samples, so a subject's phrases still reach about a fifth of the other documents.
THEME_SHARE = 0.95


@dataclass
class Theme:
    """One sample document: its title's subject and its paragraphs."""
    subject: str
    paragraphs: list[str]


@dataclass
class Pools:
    paragraphs: list[str]
    tables: list[list[str]]
    subjects: list[str]   # 关于…的通知 parts of the samples' titles
    themes: list[Theme]


def pools(sources: Path) -> Pools:
    """Paragraphs, tables and title subjects taken from the converted samples."""
    paragraphs, tables, subjects, themes = [], [], [], []
    for path in sorted(sources.rglob("*.txt")):
        conversion = convert_file(path, path.name)
        lines = path.read_text(encoding="utf-8").splitlines()
        for document in conversion.documents:
            title = document.meta["title"]
            subject = "关于" + title.split("关于", 1)[1] if "关于" in title else ""
            if subject:
                subjects.append(subject)
            first, last = document.meta["source_lines"]
            block: list[str] = []
            own: list[str] = []
            for line in lines[first - 1:last]:
                if "\t" in line:
                    block.append(line)
                    continue
                if len(block) >= 3:
                    tables.append(block[:40])
                block = []
                text = line.strip()
                if len(text) >= 30 and text.endswith(("。", "；")):
                    own.append(text)
            paragraphs += own
            if subject and len(own) >= 3:
                themes.append(Theme(subject, own))
    return Pools(sorted(set(paragraphs)), tables, sorted(set(subjects)), themes)


def _number(short: str, organ: str, year: int, serial: int) -> str:
    return f"{short}{organ}〔{year}〕{serial}号"


def _document(rng: random.Random, pools: Pools, place: str, short: str, year: int, serial: int,
              earlier: list[str], mix: str) -> tuple[str, str, list[str]]:
    organ_name, organ_code = rng.choice(ORGANS)
    issuer = f"{place}市{organ_name}"
    theme = rng.choice(pools.themes) if mix == "topical" and pools.themes else None
    title = issuer + (theme.subject if theme else rng.choice(pools.subjects))
    number = _number(short, organ_code, year, serial)
    lines = [title, "", number, "", ADDRESSEES, ""]
    size = rng.randint(4000, 40000)
    written, heading = 0, 0
    while written < size:
        if rng.random() < 0.08:
            heading += 1
            lines += [f"{'一二三四五六七八九十'[(heading - 1) % 10]}、工作要求", ""]
        from_theme = theme is not None and rng.random() < THEME_SHARE
        paragraph = rng.choice(theme.paragraphs if from_theme else pools.paragraphs)
        if earlier and rng.random() < 0.03:
            paragraph = paragraph[:-1] + f"（{rng.choice(earlier)}）。"
        lines += [paragraph, ""]
        written += len(paragraph.encode("utf-8"))
        if pools.tables and rng.random() < 0.02:
            table = rng.choice(pools.tables)
            lines += table + [""]
            written += sum(len(row.encode("utf-8")) for row in table)
    if earlier and rng.random() < 0.1:
        lines += [f"本通知自印发之日起施行，原《{place}市有关规定》（{rng.choice(earlier)}）同时废止。", ""]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    lines += [issuer, "", f"{year}年{month}月{day}日", "", "（此件公开发布）", ""]
    return title, number, lines


def generate(sources: Path, target: Path, documents: int, seed: int = 2026, mix: str = "topical") -> list[Path]:
    """Write raw gazettes holding about ``documents`` documents under ``target``."""
    rng = random.Random(seed)
    material = pools(sources)
    issues = max(1, documents // DOCS_PER_ISSUE)
    a_year = issues_a_year(issues)
    written = []
    for position in range(issues):
        place, short = PUBLISHERS[position % len(PUBLISHERS)]
        sequence = position // len(PUBLISHERS)
        year = FIRST_YEAR + sequence // a_year
        number_in_year = sequence % a_year + 1
        path = target / f"{_ascii(place)}" / f"{year}-{number_in_year:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _issue(rng, material, place, short, year, number_in_year, sequence + 1, mix)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def issues_a_year(issues: int) -> int:
    """Each publisher's issues a year: 6, or more where 6 would run past ``LAST_YEAR`` (a
    document number's year is 19xx or 20xx: past 2099, a generated number is no number)."""
    per_publisher = -(-issues // len(PUBLISHERS))
    return max(6, -(-per_publisher // (LAST_YEAR - FIRST_YEAR + 1)))


def _issue(rng, material, place, short, year, number_in_year, serial, mix) -> str:
    toc, body, earlier = [], [], []
    for k in range(DOCS_PER_ISSUE):
        doc_serial = number_in_year * 20 + k
        title, number, lines = _document(rng, material, place, short, year, doc_serial, earlier, mix)
        earlier.append(number)
        toc += [f"{title}({number}) ({len(body) // 40 + 1})", ""]
        body += lines
    head = [f"{place}市人民政府公报", "", f"{year} 年第 {number_in_year} 期(总第 {serial} 期)", "",
            f"{year} 年 {number_in_year * 2} 月", "", "目 录", ""]
    return "\n".join(head + toc + body) + "\n"


def _ascii(place: str) -> str:
    from gazette.slugs import ascii_slug

    return re.sub(r"-", "", ascii_slug(place))
