"""Checks across sources: the same 总第N期 printed on two different issues."""
from __future__ import annotations

from .pipeline import Conversion
from .problems import Problem
from .kinds import Code


def conflicting_issue_numbers(conversions: list[Conversion]) -> list[Problem]:
    """Two issues of one publisher printing the same serial number (总第N期): both are
    kept, and the maintainer is told."""
    seen: dict[tuple, Conversion] = {}
    problems = []
    for conversion in conversions:
        issue = conversion.issue
        if not issue or issue.get("issue_number") is None:
            continue
        key = (issue["publisher"], issue["issue_number"])
        other = seen.setdefault(key, conversion)
        if other is not conversion and other.issue["issue_label"] != issue["issue_label"]:
            problems.append(Problem(
                conversion.source, 1, Code.CONFLICTING_ISSUE_NUMBER,
                f"总第{issue['issue_number']}期 is also printed on {other.source} "
                f"({other.issue['issue_label']}); both issues are kept"))
    return problems
