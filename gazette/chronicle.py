"""A 大事记 (chronicle of the month's events) as Markdown: one list item per day, its ※
entries under it."""
from __future__ import annotations

from . import rules
from .markdown_text import escape
from .reader import Line
from .text import despace_body


def render_chronicle(lines: list[Line], skip: set[int]) -> str:
    """大事记: one list item per day, ※ entries under their day (the lines of ``skip`` are the head's)."""
    items: list[list[str]] = []   # [day, text, sub1, sub2 …]
    for index, line in enumerate(lines):
        if index in skip or line.blank:
            continue
        text = despace_body(line.clean, line.plain)
        entry = rules.CHRONICLE_ENTRY.match(text)
        sub = rules.CHRONICLE_SUB.match(text)
        if entry:
            items.append([f"{entry['month']}月{entry['day']}日", entry["text"]])
        elif sub and items:
            items[-1].append(sub["text"])
        elif items:
            items[-1][-1] += text
        else:
            items.append(["", text])
    out = []
    for day, text, *subs in items:
        label = f"**{day}** " if day else ""
        out.append(f"- {label}{escape(text)}")
        out += [f"    - {escape(s)}" for s in subs]
    return "\n".join(out) + "\n"
