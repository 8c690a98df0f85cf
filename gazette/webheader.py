"""A government web page's metadata header (索引号, 发布机构, 发文字号 …), in the layouts
pages print it:

- fields on one line: ``索引号: 1114/2021-00012 发布机构: 晋城市人民政府办公室``;
- each label above its value, often bulleted (``• 发文字号:`` then ``镇政发〔2024〕7号``);
- a table's cells, split by tabs or bars (``索引号\t1114/2021-00012\t主题分类\t安全生产``),
  or one cell per line;
- a law database's bracketed labels (``【发文字号】营政办发〔2022〕7号``).

``header_lines`` finds the header near a file's start and gives its fields and its lines
(``mark_lines`` marks them ``LineKind.WEB_META``, so that no stage takes the number or
title printed in it for a document's head), and every line elsewhere that prints two
fields or more (a file that holds several pages has a header for each).
"""
from __future__ import annotations

import re

from . import docnumber, rules
from .reader import Line
from .text import clean_line, despace, ends_sentence
from .kinds import LineKind


KEYS = ("索引号", "发布机构", "发文机关", "发文机构", "发文单位", "所属机构", "信息名称", "标题", "名称", "主题分类",
        "发布日期", "公开日期", "成文日期", "成文时间", "废止日期", "生效日期", "发文字号", "文号", "文件编号",
        "关键词", "有效性", "效力状态", "发布时间", "来源", "公文种类", "文种", "体裁分类", "信息来源", "信息分类",
        "时效性", "施行日期", "发文日期", "发布部门", "制定机关", "效力级别", "实施日期", "公开方式", "公开范围",
        "正文", "内容概述", "摘要", "浏览次数", "访问次数", "点击数")
SECTION_KEYS = ("正文", "内容概述", "摘要")   # what follows them is prose: never their value
_KEY = "|".join(r"\s*".join(key) for key in sorted(KEYS, key=len, reverse=True))
FIELD = re.compile(rf"(?:【(?P<bracketed>{_KEY})】\s*[:：]?|(?P<key>{_KEY})\s*[:：])\s*")
BARE_KEY = re.compile(rf"(?:【(?P<bracketed>{_KEY})】|(?P<key>{_KEY}))\s*[:：]?")
BULLET = re.compile(r"^[•·▪●◆■*>\-\s]+")
CELLS = re.compile(r"\t+|\s*[|｜]\s*")
SCAN_LINES = 80       # a header stands at the page's top
PROSE_CHARS = 30      # a line ending a sentence that long is the body: no header after it
VALUE_CHARS = {"标题": 120, "名称": 120, "信息名称": 120}
OTHER_VALUE_CHARS = 40


def fields_of(text: str) -> dict[str, str]:
    """``索引号: bx-1 发布机构: 本溪市人民政府`` → {'索引号': 'bx-1', '发布机构': '本溪市人民政府'}:
    a line that is only fields, each key with what follows it up to the next key."""
    start = len(text) - len(text.lstrip())
    if not FIELD.match(text, start):
        return {}   # no field opens it (most lines: not one search of the whole line)
    matches = list(FIELD.finditer(text, start))
    fields = {}
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following else len(text)
        fields[_key(match)] = text[match.end():end].strip()
    return fields


def _key(match: re.Match) -> str:
    return re.sub(r"\s", "", match["key"] or match["bracketed"])


def _bare_key(cell: str) -> str | None:
    match = BARE_KEY.fullmatch(cell.strip())
    return _key(match) if match else None


def _line_fields(text: str) -> dict[str, str] | None:
    """The fields a line prints (a value left empty may follow on the next line), or None
    for a line that is not the header's; ``text``: its ``clean`` text."""
    text = BULLET.sub("", text)
    cells = [cell for cell in CELLS.split(text) if cell.strip()]
    if len(cells) > 1 and _bare_key(cells[0]):  # a table row: key, value, key, value …
        pairs = [(_bare_key(cells[k]), cells[k + 1].strip() if k + 1 < len(cells) else "")
                 for k in range(0, len(cells), 2)]
        if all(key for key, _ in pairs):
            return dict(pairs)
    key = _bare_key(text)
    if key:
        return {key: ""}
    return fields_of(text) or None


def _fits(key: str, text: str) -> bool:
    """Whether a line can be the value of ``key`` printed above it."""
    text = despace(clean_line(text))
    if key in SECTION_KEYS or ends_sentence(text) or len(text) > VALUE_CHARS.get(key, OTHER_VALUE_CHARS):
        return False
    if "字号" in key or "文号" in key or "编号" in key:
        return bool(docnumber.parse(text)) or text in ("无", "-", "—", "/")
    if "日期" in key or "时间" in key:
        return rules.parse_date(text) is not None
    if key in VALUE_CHARS:
        return True
    return not (rules.ends_with_doc_type(text) or "关于" in text)  # a title: the body has begun


def header_lines(lines: list[Line]) -> tuple[dict[str, str], set[int]]:
    """The fields of the page's header and the indexes of the lines that print them: the
    first run of field lines (and values below their labels) in the file's first
    ``SCAN_LINES`` lines, before any paragraph (a run of labels without colons counts only
    with two keys); and the lines elsewhere that print two fields or more (``发布时间：
    2024-04-10　来源：市政府办公室``): the header of each page in a file that holds several."""
    fields, marked = _header_run(lines[:SCAN_LINES])
    if len(fields) < 2 and not any(FIELD.search(lines[index].text) for index in marked):
        fields, marked = {}, []
    return fields, set(marked) | set(_field_lines(lines))


def _header_run(lines: list[Line]) -> tuple[dict[str, str], list[int]]:
    """The fields of the first run of field lines, and those lines' indexes."""
    fields: dict[str, str] = {}
    marked: list[int] = []
    pending = None     # a key whose value is still to come, on the next line
    for index, line in enumerate(lines):
        if line.blank:
            continue
        found = _line_fields(line.clean)
        if found is None and pending and _fits(pending, line.text):
            found = {pending: line.plain}
        if found is None:
            if fields or (ends_sentence(line.text.strip()) and len(line.text.strip()) > PROSE_CHARS):
                break
            continue
        last = list(found)[-1]
        pending = last if not found[last] else None
        fields.update({key: value for key, value in found.items() if value or key not in fields})
        marked.append(index)
    return fields, marked


def _field_lines(lines: list[Line]) -> list[int]:
    """The lines that print two fields or more."""
    return [index for index, line in enumerate(lines)
            if ("：" in line.text or ":" in line.text) and len(line.text) <= 160 and len(fields_of(line.clean)) >= 2]


# A web page's own furniture: font-size switches, print and share buttons, breadcrumbs.
CHROME = re.compile(r"【\s*字体|打印本页|关闭窗口|分享到|扫一扫|当前位置|您现在的位置|返回顶部|【\s*打印|【\s*关闭"
                    r"|^(?:大|中|小)\s*】|^首页\s*[>＞»]")


# Asked of every line: chrome is a short line holding one of these words (a quick test);
# only then is the pattern tried.
CHROME_CHARS = 80
CHROME_WORD = re.compile("字体|打印|关闭|分享|扫一扫|位置|返回顶部|首页|】")


def is_chrome(text: str) -> bool:
    return len(text) <= CHROME_CHARS and bool(CHROME_WORD.search(text)) and bool(CHROME.search(text))


# What a web page prints below its text: links to its neighbours, the site's owner and licence.
FOOTER = re.compile(r"^(?:上一篇|下一篇|主办|承办|主办单位|技术支持|联系我们|网站地图)\s*[:：]|ICP备|网站标识码|版权所有|公网安备")


def page_footer(lines: list[Line], start: int, end: int) -> list[int]:
    """The lines at the end of a file that are a web page's footer or chrome (blank lines
    between them passed over)."""
    found = []
    for index in range(end - 1, start - 1, -1):
        text = lines[index].stripped
        if not text:
            continue
        if not (FOOTER.search(text) or CHROME.search(text)):
            break
        found.append(index)
    return found


def first_field(fields: dict[str, str], *keys: str) -> str:
    """The first of a web page's header fields that has a value ('' if none)."""
    return next((fields[key] for key in keys if fields.get(key)), "")
