"""The QA report for maintainers: what looked odd in each gazette issue, from the
converter's ``report.json`` and the archive itself."""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

from .model import Archive, meta
from gazette.kinds import Code

REQUIRED = (("doc_number", "文号"), ("date", "成文日期"), ("issuer", "发文机关"))


def read_report(content: Path) -> dict:
    path = content / "report.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"sources": [], "problems": []}


def build_qa(report: dict, archive: Archive) -> dict:
    by_source = {s["source"]: s for s in report["sources"]}
    issues = []
    for issue in archive.issues.values():
        source = by_source.get(issue.record.get("source"), {})
        toc = issue.record.get("toc", [])
        missing = [{"document": a.url, "title": a.title, "missing": [label for key, label in REQUIRED
                                                                      if not (a.signed if key == "date" else meta(a, key))]}
                   for a in issue.documents if a.metadata.get("kind") == "document"]
        issues.append({
            "publisher": issue.publisher, "issue_label": issue.label, "url": issue.url,
            "issue_number": issue.record.get("issue_number"), "source": issue.record.get("source"),
            "toc_entries": len(toc), "toc_matched": sum(1 for e in toc if e.get("document")),
            "documents": len(issue.documents), "lines": source.get("lines", {}),
            "problems": source.get("problems", []), "incomplete": [m for m in missing if m["missing"]],
        })
    issues.sort(key=lambda i: (i["publisher"] or "", i["url"]))
    return {"issues": issues, "duplicate_numbers": _duplicates(archive), "gaps": _gaps(archive),
            "run_problems": report.get("problems", []),
            "unconverted": [s for s in report["sources"] if not s["documents"]],
            "removed": report.get("removed", [])}


def _duplicates(archive: Archive) -> list[dict]:
    seen = defaultdict(list)
    for issue in archive.issues.values():
        for article in issue.documents:
            if article.doc_number:
                seen[article.doc_number].append(article.url)
    return [{"doc_number": n, "documents": urls} for n, urls in sorted(seen.items()) if len(urls) > 1]


def _gaps(archive: Archive) -> list[dict]:
    gaps = []
    for group in archive.publishers.values():
        numbers = sorted({i.record.get("issue_number") for i in group.documents if i.record.get("issue_number")})
        missing = [n for n in range(numbers[0], numbers[-1] + 1) if n not in numbers] if numbers else []
        counts = defaultdict(int)
        for issue in group.documents:
            counts[issue.record.get("issue_number")] += 1
        conflicts = [n for n, count in counts.items() if n and count > 1]
        gaps.append({"publisher": group.name, "missing": missing, "conflicting": sorted(conflicts)})
    return gaps


def qa_csv(qa: dict) -> str:
    """One row per problem, for spreadsheets."""
    buffer = io.StringIO()
    table = csv.writer(buffer, lineterminator="\n")
    table.writerow(["publisher", "issue", "severity", "code", "path", "line", "message"])
    for issue in qa["issues"]:
        for problem in issue["problems"]:
            table.writerow([issue["publisher"], issue["issue_label"], problem["severity"], problem["code"],
                            problem["path"], problem["line"], problem["message"]])
        for item in issue["incomplete"]:
            table.writerow([issue["publisher"], issue["issue_label"], "warning", Code.MISSING_METADATA,
                            item["document"], "", "、".join(item["missing"]) + "：" + item["title"]])
    for gone in qa["removed"]:
        table.writerow(["", "", "info", "removed", gone["source"], "", f"{len(gone['documents'])} documents removed"])
    for problem in qa["run_problems"]:
        table.writerow(["", "", problem["severity"], problem["code"], problem["path"], problem["line"],
                        problem["message"]])
    return buffer.getvalue()
