"""The 附件 note links to each attachment's section: 附件：1.…清单 leads to 附件1 below."""
from __future__ import annotations

import re

_NOTE = re.compile(r'<p class="attachment-note">(附件\s*[:：]\s*)?(.*?)</p>', re.S)
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.．、]")


def link_attachment_notes(article) -> None:
    """Each item of the note becomes a link to its section, where the body holds one; the
    n-th item is 附件n unless it prints its own number."""
    held = set(getattr(article, "attachment_anchors", None) or [])
    count = 0

    def linked(match):
        nonlocal count
        count += 1
        prefix, item = match.group(1) or "", match.group(2)
        number = _NUMBER.match(item)
        anchor = f"attachment-{number.group(1) if number else count}"
        if anchor not in held or not item.strip() or "<a " in item:   # no link inside a link
            return match.group(0)
        return f'<p class="attachment-note">{prefix}<a href="#{anchor}">{item}</a></p>'

    article._content = _NOTE.sub(linked, article._content)
