"""What a document's own text says of its force: from when it applies (施行), until when
(有效期…, 执行至…, or the years its title plans for), and which documents it amends.

Only what the document says of itself is read here.  What other documents say of it
(废止, 修改) and the date the archive is read at are the site's (``plugins/archive``):
a document's state changes when a later issue repeals it, its own file does not.
"""
from __future__ import annotations

import datetime
import re

from . import docnumber
from .metadata import BOOK_TITLE, REPEAL, numbered_clauses
from .rules import DATE, cn_number, parse_date
from .text import last_mark

# a sentence ends at its stop, or after the closing quote that follows it: 。” ends one
STOPS, CLOSING_QUOTES = "。；;！？", "”’」』"
SENTENCE_STOP = re.compile(f"[{STOPS}][{CLOSING_QUOTES}]?")
SENTENCE = re.compile(f"[^{STOPS}]*(?:{SENTENCE_STOP.pattern})?")   # what ``_sentences_at`` cuts out
_NUMBER = r"(?P<years>\d{1,2}|[一二两三四五六七八九十]{1,2})"
# 有效期至2025年12月31日, 有效期执行至…, 有效期暂定至…, 执行至…止, 试行期至…
UNTIL = re.compile(rf"(?:(?:有效期限?|执行期限?|实施期限?|试行期)[为是]?(?:暂定|执行|截)?|(?<![自从])(?:执行|实施|施行|试行))"
                   rf"[至到]\s*(?:{DATE.pattern})", re.VERBOSE)
# UNTIL's end, found fast: where UNTIL matches, one of these does, in the same sentence.
# Each opens with one character: the engine skips to it (UNTIL's lookbehind, or a class
# such as [至到], makes it try every character of the text)
UNTIL_ENDS = tuple(re.compile(rf"{mark}\s*(?:{DATE.pattern})", re.VERBOSE) for mark in "至到")
YEARS = re.compile(rf"有效期限?[为是]?{_NUMBER}年")
# 自2024年3月1日起施行; 自印发之日起施行 (the signing date)
FROM_DATE = re.compile(rf"自\s*(?:{DATE.pattern})\s*起(?:施行|实施|执行|试行|生效)", re.VERBOSE)
FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|下发|颁布|签发|公告)之日起(?:施行|实施|执行|试行|生效)")
# the sentence speaks of the document itself, not of a permit's or a contract's term
ITSELF = re.compile(r"本(?:实施)?(?:办法|意见|通知|规定|方案|决定|细则|预案|制度|政策|措施|规则|计划|条例|"
                    r"文件|公告|通告|要点|规划|指引|指南|标准)|(?:以上|上述)(?:政策|措施|规定)|" + FROM_ISSUE.pattern)
NOT_ITS_OWN = re.compile(r"(?:证|照|许可|资格|资质|合同|协议|批准|认定|备案|凭证|授权)(?:的)?有效期")
# a plan's years in its title: 2020年工作要点, 实施方案（2020—2022年）, 2020年度…防治方案
TITLE_PERIOD = re.compile(r"(?P<first>(?:19|20)\d{2})(?:\s*[—–\-－~～至到]\s*(?P<last>(?:19|20)\d{2}))?\s*年度?"
                          r"(?!\s*[0-9一二三四五六七八九十]{1,2}\s*月)")
PLAN_WORDS = re.compile(r"计划|方案|要点|规划|安排|任务")
AMEND = re.compile(r"修改|修正|修订")
FOLLOWING = re.compile(r"^(?:根据|按照|依据|依照|参照)")   # 根据…（X号）修订: revised after it, not amending it


def term_fields(text: str, title: str, signed: str | None) -> dict:
    """``effective`` (施行), ``expires`` (the last day of its term) and ``term_clause``
    (the sentence, or the title, that says so); None where the document is silent.

    >>> term_fields("本意见自印发之日起施行，有效期五年。", "关于…的实施意见", "2020-05-10")
    {'effective': '2020-05-10', 'expires': '2025-05-09', 'term_clause': '本意见自印发之日起施行，有效期五年。'}
    >>> term_fields("在许可证有效期内变更的，应当申请。", "关于…的通知", "2020-05-10")["expires"] is None
    True
    >>> term_fields("", "关于印发本溪市5G产业发展方案2020—2022年的通知", "2020-06-01")["expires"]
    '2022-12-31'
    """
    joined = "".join(map(str.strip, text.split("\n")))
    effective = _effective(_sentences_at(joined, FROM_DATE, FROM_ISSUE), signed)
    own_term = _own_term(_sentences_at(joined, *UNTIL_ENDS, YEARS), effective or signed)
    if own_term:
        return {"effective": effective, "expires": own_term[0], "term_clause": own_term[1]}
    planned = _title_period(title)
    return {"effective": effective, "expires": planned, "term_clause": title if planned else None}


def _sentences_at(text: str, *patterns: re.Pattern) -> list[str]:
    """The sentences of ``text`` (as ``SENTENCE`` cuts them, stripped) in which one of
    ``patterns`` may be found, in order.  No match holds a sentence's stop, so a sentence
    where a pattern matches holds a match found in the whole text: only the sentences
    around those are cut out, not every sentence of every document."""
    places = sorted(match.start() for pattern in patterns for match in pattern.finditer(text))
    sentences: list[str] = []
    end = -1
    for place in places:
        if place < end:
            continue   # in the sentence just taken
        start = last_mark(text, STOPS, place) + 1
        start += start and text[start:start + 1] in CLOSING_QUOTES and start < place   # 。” ends one
        stop = SENTENCE_STOP.search(text, place)
        end = stop.end() if stop else len(text)
        sentences.append(text[start:end].strip())
    return [sentence for sentence in sentences if sentence]


def _effective(sentences: list[str], signed: str | None) -> str | None:
    for sentence in sentences:
        dated = FROM_DATE.search(sentence)
        if dated:
            return parse_date(dated.group(0))
        if FROM_ISSUE.search(sentence):
            return signed
    return None


def _own_term(sentences: list[str], start: str | None) -> tuple[str | None, str] | None:
    """The last sentence giving the document's term, and the day that term ends (None
    when it counts years from a date the document does not give)."""
    found = None
    for sentence in sentences:
        if not ITSELF.search(sentence) or NOT_ITS_OWN.search(sentence):
            continue
        until, years = UNTIL.search(sentence), YEARS.search(sentence)
        if until:
            found = (parse_date(until.group(0)), _quoted(sentence))
        elif years:
            found = (_after_years(start, cn_number(years["years"].replace("两", "二"))), _quoted(sentence))
    return found


def _after_years(start: str | None, years: int) -> str | None:
    """The last day of a term of ``years`` from ``start``: 2020-05-10 + 5 → 2025-05-09."""
    if not start or years <= 0:
        return None
    begin = datetime.date.fromisoformat(start)
    try:
        anniversary = begin.replace(year=begin.year + years)
    except ValueError:  # 29 February
        anniversary = begin.replace(year=begin.year + years, day=28) + datetime.timedelta(days=1)
    return (anniversary - datetime.timedelta(days=1)).isoformat()


def _title_period(title: str) -> str | None:
    """The last day of the years a plan's title names (its 计划, 方案, 要点 …)."""
    if not PLAN_WORDS.search(title):
        return None
    years = [int(m["last"] or m["first"]) for m in TITLE_PERIOD.finditer(title)]
    return f"{max(years)}-12-31" if years else None


def _quoted(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"


def amended_numbers(text: str, own: str | None, clauses: list[str] | None = None) -> list[str]:
    """The document numbers a clause of ``text`` declares amended (修改, 修订, 修正), not
    those it repeals or follows; ``clauses``: its ``numbered_clauses``, if known.

    >>> amended_numbers("决定对《盘锦市物业管理办法》（盘政发〔2020〕3号）作如下修改：", None)
    ['盘政发〔2020〕3号']
    >>> amended_numbers("根据《国务院关于…的通知》（国发〔2019〕3号）修订本办法。", None)
    []
    """
    amended: list[str] = []
    for clause in numbered_clauses(text) if clauses is None else clauses:   # a clause with no number amends none
        bare = BOOK_TITLE.sub("", clause)
        if not AMEND.search(bare) or REPEAL.search(bare) or FOLLOWING.match(clause.strip()):
            continue
        for number in docnumber.find_all(clause):
            if number.normalised != own and number.normalised not in amended:
                amended.append(number.normalised)
    return amended
