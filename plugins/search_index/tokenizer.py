"""The search tokenizer, one specification implemented twice: here for the build and in
``themes/gazette/static/js/tokenizer.js`` for the browser; a test holds them identical.

Specification (after NFKC):
- a document number (盘政办发〔2024〕1号, any bracket form, spaces, 第, leading zeros) is one
  token in its canonical form; so is a query word that is a number without brackets
  (盘政办发2024年1号);
- a run of Han characters gives its character bigrams and each of its characters alone
  (so a one-character query is an exact term); a query run of two or more characters
  gives only its bigrams;
- a run of ASCII letters and digits is one lowercase word;
- everything else separates tokens.
Index side only, whitespace between two Han characters is removed first (``第四次 全国``).
"""
from __future__ import annotations

import re
import unicodedata
from operator import add

from gazette import docnumber

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_BLOCKS = [(ord(HAN_RANGES[at]), ord(HAN_RANGES[at + 2])) for at in range(0, len(HAN_RANGES), 3)]  # first, last
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
TOKEN_RUN = re.compile(f"[{HAN_RANGES}]+|[A-Za-z0-9]+")
SPACES = " \t\r\n\u3000"
SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN_RANGES}])[{SPACES}]+(?=[{HAN_RANGES}])")
WHITESPACE = re.compile(r"[ \t\r\n\u3000]+")
# Characters NFKC leaves as they are (unified Han, ASCII, CJK brackets and stops, dashes and
# curly quotes): only the stretches between them need normalizing, each with the character
# before it (a base that a combining mark may compose with).
NFKC_STABLE = "\u3400-\u4dbf\u4e00-\u9fff\t\n\r\x20-\x7e\u3001\u3002\u3008-\u3011\u3014-\u301b\u2014\u2018\u2019\u201c\u201d"
NFKC_UNSTABLE = re.compile(f"[^{NFKC_STABLE}]+")
NOT_HAN = re.compile(f"[^{HAN_RANGES}]+")
ASCII_WORD = re.compile("[A-Za-z0-9]+")


def is_han(char: str) -> bool:
    return bool(HAN_RUN.fullmatch(char))


def _run_tokens(run: str, index_side: bool = True) -> list[str]:
    """A run's tokens: its bigrams, and on the index side every character too, so that a
    one-character query is an exact term (a query run of two or more needs no unigram)."""
    if not is_han(run[0]):
        return [run.lower()]
    pairs = [run[i:i + 2] for i in range(len(run) - 1)]
    if index_side:
        return pairs + list(run)
    return pairs or [run]


def doc_number_tokens(text: str) -> list[str]:
    return [number.normalised for number in docnumber.find_all(text)]


def tokens(text: str, index_side: bool = True) -> list[str]:
    """Tokens of ``text`` for the index (or, with ``index_side=False``, for one query word)."""
    text = unicodedata.normalize("NFKC", text or "")
    if index_side:
        text = SPACE_BETWEEN_HAN.sub("", text)
    found = doc_number_tokens(text)
    for match in TOKEN_RUN.finditer(text):
        found += _run_tokens(match.group(0))
    return found


def query_words(query: str) -> list[list[str]]:
    """A query split at spaces into words, each word's tokens (a document number stays one
    token and is removed from the word's other tokens; a word that is a number printed
    without brackets, 盘政办发2024年1号, is that number's one token)."""
    query = unicodedata.normalize("NFKC", query or "")
    numbers = list(docnumber.DOC_NUMBER.finditer(query)) + list(docnumber.ORDER_NUMBER.finditer(query))
    words = [[n] for n in doc_number_tokens(query)]
    for match in sorted(numbers, key=lambda m: -m.start()):
        query = query[: match.start()] + " " + query[match.end():]
    for word in WHITESPACE.split(query):
        number = docnumber.parse(word)  # 盘政办发2024年1号: the bracketed forms are out already
        if number:
            words.append([number.normalised])
            continue
        word_tokens = []
        for match in TOKEN_RUN.finditer(word):
            word_tokens += _run_tokens(match.group(0), index_side=False)
        if word_tokens:
            words.append(word_tokens)
    return words


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, normalizing only what may change: most of a
    gazette is Han and ASCII, which NFKC keeps.  The stretches are found by a pattern that
    opens with their class, which the scan tests a character at a time, not with the
    character before them (``.?[^…]+`` tried two matches at every character: 0.3 ms a
    document)."""
    pieces, done = [], 0
    for match in NFKC_UNSTABLE.finditer(text):
        start = max(match.start() - 1, done)
        pieces += (text[done:start], unicodedata.normalize("NFKC", text[start:match.end()]))
        done = match.end()
    return "".join(pieces) + text[done:] if pieces else text


def index_text(text: str) -> str:
    """The text as the index reads it."""
    return SPACE_BETWEEN_HAN.sub("", nfkc(text or ""))


def bigram_positions(text: str) -> dict[str, list[int]]:
    """Where each Han bigram of ``text`` starts, counted in characters of its Han runs with
    one space between runs: a phrase ABCD stands where AB, BC and CD start at p, p + 1 and
    p + 2.  A bigram has as many positions as ``terms.count_terms`` counts it.

    >>> bigram_positions("盘锦市、盘锦")
    {'盘锦': [0, 4], '锦市': [1]}
    """
    positions: dict[str, list[int]] = {}
    han = NOT_HAN.sub(" ", index_text(text))   # its Han runs, one space between each
    for at, pair in enumerate(map(add, han, han[1:])):
        if " " not in pair:
            positions.setdefault(pair, []).append(at)
    return positions
