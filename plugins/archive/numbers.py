"""Every 文号 the archive shows leads somewhere: to the document holding it, or, for a
number no document of the archive holds, to that number's page, which lists the
documents citing, repealing or amending it.

The numbers in a document's text become links here, after Markdown: only the text
between tags is read (a tag's attributes are never touched) and never inside a link."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from gazette import docnumber
from gazette.slugs import ascii_slug

FOLDER = "numbers"
_LINK_TAG = re.compile(r"<a[ >]|</a>")   # a link opened or closed
RELATIONS = (("repeal_links", "废止"), ("amend_links", "修改"), ("cite_links", "引用"))


@dataclass
class Unheld:
    """A number the archive does not hold, and who mentions it, by relation."""
    number: str
    url: str
    mentions: dict = field(default_factory=dict)   # relation (废止, 修改, 引用) → [articles]


def unheld_numbers(articles: list) -> dict[str, Unheld]:
    """number → Unheld, for every number a document cites, repeals or amends and no
    document holds; each gets a page of its own (a slug that two numbers share is told
    apart by a digest of the number)."""
    numbers: dict[str, Unheld] = {}
    slugs: set[str] = set()
    for article in articles:
        for attribute, relation in RELATIONS:
            for number in dict.fromkeys(n for n, target in getattr(article, attribute, []) if target is None):
                if number not in numbers:
                    numbers[number] = Unheld(number, f"{FOLDER}/{_slug(number, slugs)}.html")
                # each article once: a list searched for it took time growing with the square
                # of the documents citing a number (a number the archive lacks, cited by thousands)
                numbers[number].mentions.setdefault(relation, []).append(article)
    return numbers


def _slug(number: str, taken: set[str]) -> str:
    slug = ascii_slug(number) or "number"
    if slug in taken:
        slug += "-" + hashlib.sha1(number.encode("utf-8")).hexdigest()[:8]
    taken.add(slug)
    return slug


def number_mentions(html: str) -> str:
    """Each text of ``html`` that ``link_numbers`` may link, as [start, end, the numbers it
    mentions: [as printed, normalised], in order], in JSON: what the page's links are made
    of, found once when the document is read and kept in Pelican's content cache as one
    string (quick to store and load), since finding the numbers is most of the work and
    only their targets change from build to build."""
    mentions = []
    for start, end in _texts_to_link(html):
        numbers = [(number.printed, number.normalised) for number in docnumber.find_all(html[start:end])]
        if numbers:
            mentions.append((start, end, numbers))
    return json.dumps(mentions, ensure_ascii=False, separators=(",", ":"))


def link_numbers(article, by_number: dict, unheld: dict[str, Unheld]) -> None:
    """Make each document number in the article's text a link: to the document, or to
    the number's page.  Its own number is left as it is.  The text is the one made when
    the document was read (its ``number_mentions`` found there): this runs before
    anything else changes it.  Where each number leads in this build is kept too
    (``number_targets``): with the text as read, it is all the page's text is made of here
    (the page's fingerprint takes it so)."""
    root = "../" * article.url.count("/")
    own = getattr(article, "doc_number", None)
    targets: dict[str, str | None] = {}

    def target(number: str) -> str | None:
        held = by_number.get(number)
        if number == own:
            href = None
        elif held is not None:
            href = root + held.url
        else:
            href = root + unheld[number].url if number in unheld else None
        targets[number] = href
        return href

    content, out, cursor = article._content, [], 0
    for start, end, numbers in json.loads(getattr(article, "number_mentions", None) or number_mentions(content)):
        out += [content[cursor:start], _linked(content[start:end], numbers, target)]
        cursor = end
    article._content = "".join(out) + content[cursor:]
    article.number_targets = targets


def _texts_to_link(html: str):
    """(start, end) of each text between tags that holds an anchor of a number (so may
    mention one) and stands in no link, in order: only those are read, not every text of
    the page.  The HTML is the renderer's: a text's own < and > are escaped, links do not
    nest."""
    places = docnumber.anchor_places(html)
    links = [(tag.start(), tag.group() != "</a>") for tag in _LINK_TAG.finditer(html)] if places else []
    done, passed, in_link = 0, 0, False
    for place in places:
        if place < done:
            continue
        start = html.rfind(">", 0, place) + 1
        if html.rfind("<", 0, place) >= start:   # inside a tag
            continue
        end = html.find("<", place)
        done = end = len(html) if end < 0 else end
        while passed < len(links) and links[passed][0] < start:
            in_link = links[passed][1]
            passed += 1
        if not in_link:
            yield start, end


def _linked(text: str, numbers: list[tuple[str, str]], target) -> str:
    out, cursor = [], 0
    for printed, normalised in numbers:
        start = text.find(printed, cursor)
        href = target(normalised)
        if start < 0 or href is None:
            continue
        end = start + len(printed)
        out += [text[cursor:start], f'<a class="docno" href="{href}">{text[start:end]}</a>']
        cursor = end
    return "".join(out) + text[cursor:] if out else text
