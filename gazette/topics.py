"""主题分类 from the YAML taxonomy in ``data/topics.yaml``: keyword rules, weighted by
where a keyword appears."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TAXONOMY = Path(__file__).with_name("data") / "topics.yaml"
TITLE_WEIGHT = 5
BODY_CAP = 5  # a keyword repeated all through a long body still counts at most this much
BODY_WINDOW = 6000  # characters of the body read: a document states its subject early


@lru_cache(maxsize=1)
def taxonomy() -> dict:
    return yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))


def slug_of(name: str) -> str | None:
    return next((t["slug"] for t in taxonomy()["topics"] if t["name"] == name), None)


def classify(title: str, body: str) -> list[str]:
    """Topic names for a document, strongest first; never empty.

    >>> classify('关于修订食品安全事故应急预案的通知', '')
    ['市场监管、安全生产监管']
    """
    config = taxonomy()
    body = body[:BODY_WINDOW]
    scores = []
    for position, topic in enumerate(config["topics"]):
        score = sum(TITLE_WEIGHT * (keyword in title) + min(body.count(keyword), BODY_CAP)
                    for keyword in topic["keywords"])
        if score >= config["threshold"]:
            scores.append((-score, position, topic["name"]))
    if not scores:
        fallback = next(t for t in config["topics"] if t["slug"] == config["fallback"])
        return [fallback["name"]]
    return [name for _, _, name in sorted(scores)[:3]]
