"""Odd fragments the PDF conversion left: LaTeX for units (``$2.5\\text{mg}/\\text{m}^3$``)
and English words where the PDF had 和 / 等.  Cleaned where the intent is certain;
anything else is left as printed and reported."""
from __future__ import annotations

import re

from .docnumber import HAN

LATEX = re.compile(r"\$([^$]{1,160})\$")
_CJK = f"[{HAN}，。、；：“”（）《》]"
STRAY_AND = re.compile(rf"(?<={_CJK})\s*\band\b\s*(?={_CJK})")   # 检查 and 统计 → 检查和统计
STRAY_ETC = re.compile(rf"(?<={_CJK})\s*\betc\b\.?\s*(?={_CJK})")  # 家政服务 etc 生活性 → 家政服务等生活性
SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
COMMANDS = {r"\times": "×", r"\cdot": "·", r"\%": "%", r"\leq": "≤", r"\le": "≤", r"\geq": "≥", r"\ge": "≥",
            r"\sim": "~", r"\pm": "±", r"\circ": "°", r"\,": "", r"\ ": " ", r"\;": " "}


def _latex(body: str) -> str | None:
    """Plain text for a LaTeX fragment, or None when it holds more than units and numbers.

    >>> _latex(r'2.5\\text{mg}/\\text{m}^3')
    '2.5mg/m³'
    """
    text = re.sub(r"\\(?:text|mathrm|rm|mbox)\s*\{([^{}]*)\}", r"\1", body)
    for command, plain in COMMANDS.items():
        text = text.replace(command, plain)
    text = re.sub(r"\^\{?([0-9+-]+)\}?", lambda m: m.group(1).translate(SUPERSCRIPT), text)
    text = re.sub(r"_\{?([0-9]+)\}?", lambda m: m.group(1).translate(SUBSCRIPT), text)
    text = text.strip()
    return None if re.search(r"[\\{}^_]", text) else text


def clean(text: str) -> tuple[str, list[str]]:
    """The text cleaned, and the fragments left as printed because their intent is unclear."""
    unclear: list[str] = []

    def replace(match: re.Match) -> str:
        plain = _latex(match.group(1))
        if plain is None:
            unclear.append(match.group(0))
            return match.group(0)
        return plain

    # each pattern only where its telltale stands: most paragraphs hold none
    if "$" in text:
        text = LATEX.sub(replace, text)
    if "and" in text:
        text = STRAY_AND.sub("和", text)
    if "etc" in text:
        text = STRAY_ETC.sub("等", text)
    return text, unclear
