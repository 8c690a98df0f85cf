"""``python -m benchmark.run [--docs N]``: the whole pipeline at archive scale, beside
plain Pelican on the same Markdown; prints a table and writes it to benchmark/RESULTS.md."""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import time
from pathlib import Path

from . import hugo
from .generate import generate
from .measure import machine, run
from plugins.forked import cores
from .search_probe import probe

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PLAIN_SETTINGS = r"""
PATH = {content!r}
OUTPUT_PATH = {output!r}
ARTICLE_PATHS = [""]
IGNORE_FILES = [".#*", "*.yaml", "*.json", ".ingest-cache"]
PLUGIN_PATHS = []
PLUGINS = ["pelican.plugins.yaml_metadata"]  # only to read the YAML front matter
TIMEZONE = "Asia/Shanghai"
DEFAULT_DATE = (1970, 1, 1)
RELATIVE_URLS = True
# each document's page named from its path, as ours are: titles make names too long, and
# a document without a number has a name (doc-01.md) that other issues' folders repeat
PATH_METADATA = r"(?P<slug>.+)\.md"
MARKDOWN = {markdown!r}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def ingest(sources: Path, content: Path, on: list[str] = ()):
    return run([*on, PY, "-m", "gazette", "ingest", str(sources), str(content), "--quiet"], cwd=ROOT)


def build(content: Path, output: Path, sources: Path, on: list[str] = ()):
    """A build whose caches live beside its output (empty for the first build of an output);
    ``on``: a command that runs it on fewer cores (``taskset``)."""
    return run([*on, PY, "-m", "plugins.atomic_build", "pelicanconf.py", "--content", str(content),
                "--output", str(output), "--cache", str(output.with_name(output.name + "-cache")),
                "--sources", str(sources)], cwd=ROOT)


def fewer_cores() -> list[int]:
    """The core counts below all of them to build on as well: 1, 2 (where there are more)."""
    return [n for n in (1, 2) if n < cores()] if shutil.which("taskset") else []


def cold_on(cores_used: int, sources: Path, work: Path) -> tuple[float, float, bool]:
    """A cold build (ingest + site + search) on the first ``cores_used`` cores only: its
    time, its ingest's time, and whether it gave the site the build on every core gave."""
    on = ["taskset", "-c", f"0-{cores_used - 1}"]
    converted = ingest(sources, work / f"content-{cores_used}-cores", on)
    output = work / f"output-{cores_used}-cores"
    built = build(work / f"content-{cores_used}-cores", output, sources, on)
    return converted.seconds + built.seconds, converted.seconds, tree(output) == tree(work / "output")


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def folder_size(folder: Path) -> tuple[int, int]:
    raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return raw, packed


def bench(documents: int, work: Path, browser: bool = True, mix: str = "topical") -> dict:
    last = set_aside(work)
    sources, held = work / "sources", work / "held"
    files = generate(ROOT / "sources", sources, documents, mix=mix)
    new_issue = files[-1]
    held.mkdir(parents=True)
    shutil.move(new_issue, held / new_issue.name)
    raw_mb = sum(f.stat().st_size for f in sources.rglob("*.txt")) / 1e6
    result = {"documents": documents, "mix": mix, "raw_mb": raw_mb, "machine": machine()}

    converted = ingest(sources, work / "content")
    result["ingest"] = converted
    result["ingest_mb_s"] = raw_mb / converted.seconds
    built = build(work / "content", work / "output", sources)
    result["cold"] = (converted.seconds + built.seconds, max(converted.peak_mb, built.peak_mb))
    result["pelican_part"] = built
    result["cores"] = cores()
    result["cold_on"] = {n: cold_on(n, sources, work) for n in fewer_cores()}

    from pelicanconf import MARKDOWN
    plain_settings = work / "plainconf.py"
    plain_settings.write_text(PLAIN_SETTINGS.format(content=str(work / "content"), output=str(work / "plain"),
                                                    markdown=MARKDOWN), encoding="utf-8")
    result["plain"] = run([PY, "-m", "pelican", "-s", str(plain_settings), "-q"], cwd=work)
    result["hugo"] = hugo.build(work / "content", work / "hugo")

    shutil.move(held / new_issue.name, new_issue)
    began = time.perf_counter()
    again = ingest(sources, work / "content")
    rebuilt = build(work / "content", work / "output", sources)
    result["rebuild"] = (time.perf_counter() - began, max(again.peak_mb, rebuilt.peak_mb))
    fresh = ingest(sources, work / "content-cold")
    build(work / "content-cold", work / "output-cold", sources)
    del fresh
    result["identical"] = tree(work / "output") == tree(work / "output-cold")

    result["index"] = folder_size(work / "output/search/index")
    result["search_all"] = folder_size(work / "output/search")
    if browser:
        result["search"] = probe(work / "output")
    for folder in last:
        shutil.rmtree(folder)
    return result


def set_aside(work: Path) -> list[Path]:
    """Move the last run's folder out of the way, to be removed after this run's measures,
    not before them: on ext4 a file created within a minute of a mass deletion costs several
    times as much (choosing its inode, the allocator reads past each one deleted lately),
    which a maintainer's build does not pay: in a cold build begun 20 s after the last
    one's 80,000 files were removed, choosing inodes took 15% of all its CPU time.
    Returns it, with what a run stopped early left."""
    if work.exists():
        work.rename(work.with_name(f"{work.name}.last-{os.getpid()}"))
    return sorted(work.parent.glob(f"{work.name}.last-*"))


def table(result: dict) -> str:
    cold_s, cold_mb = result["cold"]
    rebuild_s, rebuild_mb = result["rebuild"]
    plain = result["plain"]
    rows = [
        ("documents / raw text", f"{result['documents']} / {result['raw_mb']:.1f} MB", ""),
        ("ingest", f"{result['ingest'].seconds:.1f} s, {result['ingest_mb_s']:.2f} MB/s, peak {result['ingest'].peak_mb:.0f} MB",
         ""),
    ]
    if 1 in result["cold_on"]:
        ingest_s = result["cold_on"][1][1]
        rows.append(("ingest on 1 core", f"{ingest_s:.1f} s, {result['raw_mb'] / ingest_s:.2f} MB/s", "≥ 10 MB/s"))
    rows += [
        ("cold full build (convert + Pelican + search)", f"{cold_s:.1f} s, peak {cold_mb:.0f} MB", "peak ≤ 1 GB at 10,000"),
        ("  of which Pelican + search", f"{result['pelican_part'].seconds:.1f} s, peak {result['pelican_part'].peak_mb:.0f} MB", ""),
    ]
    rows += [(f"cold full build on {n} of the {result['cores']} cores", f"{seconds:.1f} s: all cores are "
              f"{seconds / cold_s:.2f}× as fast; the same site: {'yes' if same else 'NO'}", "")
             for n, (seconds, _, same) in result["cold_on"].items()]
    rows += [
        ("plain Pelican, same Markdown", f"{plain.seconds:.1f} s, peak {plain.peak_mb:.0f} MB", ""),
        ("ours ÷ plain Pelican", f"{cold_s / plain.seconds:.2f}×", ""),
        ("Hugo, same Markdown (`benchmark/hugo.py`)", f"{result['hugo'].seconds:.1f} s, peak {result['hugo'].peak_mb:.0f} MB", ""),
        ("ours ÷ Hugo", f"{cold_s / result['hugo'].seconds:.2f}×", "≤ 2×"),
        ("memory per document, ours / Hugo", f"{cold_mb * 1024 / result['documents']:.0f} / "
         f"{result['hugo'].peak_mb * 1024 / result['documents']:.0f} KB (peak ÷ documents)", ""),
        ("rebuild after one new issue (10 docs)", f"{rebuild_s:.1f} s = {rebuild_s / cold_s:.0%} of cold, peak {rebuild_mb:.0f} MB",
         "≤ 10 s at 10,000"),
        ("rebuild byte-identical to a cold build", "yes" if result["identical"] else "NO", "yes"),
        ("search index raw / gzip", f"{result['index'][0] / 1e6:.1f} / {result['index'][1] / 1e6:.1f} MB "
         f"(all search data {result['search_all'][0] / 1e6:.1f} / {result['search_all'][1] / 1e6:.1f} MB)", ""),
    ]
    search = result.get("search")
    if search:
        queries = search["queries"]
        rows += [
            ("search page open", f"{search['open_bytes'] / 1e3:.0f} KB in {search['open_files']} files", "≤ 300 KB"),
            ("per query: index parts loaded (worst)", f"{max(q['bytes'] for q in queries) / 1e3:.0f} KB in {max(q['files'] for q in queries)} files",
             "≤ 600 KB, ≤ 10 files"),
            ("first query (worst / median)", f"{max(q['first_ms'] for q in queries):.0f} / "
             f"{sorted(q['first_ms'] for q in queries)[len(queries) // 2]:.0f} ms", "≤ 300 ms"),
            ("repeated query (worst)", f"{max(q['repeat_ms'] for q in queries):.0f} ms", "≤ 50 ms"),
            ("results page: query to first result shown (worst)",
             f"{max(q['first_shown_ms'] or 0 for q in queries):.0f} ms", ""),
            ("results page: query to first 10 results shown (worst)", f"{max(q['page_ms'] for q in queries):.0f} ms", ""),
            ("results page: files loaded per query with its 10 results (worst)",
             f"{max(q['page_bytes'] for q in queries) / 1e3:.0f} KB in {max(q['page_files'] for q in queries)} files", ""),
        ]
    lines = ["| measure | result | target |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    if search:
        lines += ["", "| query | hits | first ms | repeated ms | index KB | index files | first result shown ms "
                  "| results page ms | page KB | page files |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {q['query']} | {q['hits']} | {q['first_ms']:.0f} | {q['repeat_ms']:.1f} | {q['bytes'] / 1e3:.0f} | {q['files']} "
                  f"| {q['first_shown_ms'] or 0:.0f} | {q['page_ms']:.0f} | {q['page_bytes'] / 1e3:.0f} | {q['page_files']} |"
                  for q in search["queries"]]
    return "\n".join(lines)


def record(result: dict, text: str) -> Path:
    path = ROOT / "benchmark" / "RESULTS.md"
    sections, notes = {}, "\n"
    if path.exists():
        title, *blocks = path.read_text(encoding="utf-8").split("\n## ")
        notes = title.partition("\n")[2] or notes  # what the team wrote under the title stays
        for block in blocks:
            heading, _, body = block.partition("\n")
            sections[heading] = body
    heading = f"{result['documents']} documents" + (", uniform mix" if result["mix"] == "uniform" else "")
    sections[heading] = f"\nMachine: {result['machine']}. Run on {time.strftime('%Y-%m-%d')}.\n\n{text}\n"
    ordered = sorted(sections.items(), key=lambda item: (int(item[0].split()[0]), item[0]))
    body = "".join(f"\n## {h}\n{b}" for h, b in ordered)
    path.write_text("# Benchmark results (`invoke bench`)\n" + notes.rstrip("\n") + "\n" + body, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmark.run", description=__doc__)
    parser.add_argument("--docs", type=_sizes, default=[10000],
                        help="documents in the synthetic archive (10000); several sizes comma-separated "
                             "(10000,50000) show how the cost grows")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench", help="working folder (.bench)")
    parser.add_argument("--mix", choices=("topical", "uniform"), default="topical",
                        help="topical: each document keeps to one theme (default); uniform: every phrase everywhere")
    parser.add_argument("--no-record", action="store_true", help="print only; do not update RESULTS.md")
    args = parser.parse_args(argv)
    results = []
    for documents in args.docs:
        result = bench(documents, args.work / f"{documents}-{args.mix}", mix=args.mix)
        text = table(result)
        print(f"\n{documents} documents\n\n{text}")
        if not args.no_record:
            print(f"written to {record(result, text)}")
        results.append(result)
    if len(results) > 1:
        print("\n" + growth(results))
    return 0


def _sizes(text: str) -> list[int]:
    return [int(size) for size in text.split(",")]


def growth(results: list[dict]) -> str:
    """Cost per document at each size, ours beside Hugo's: flat if the work grows with the
    archive and no faster."""
    lines = ["| documents | ours: cold build | ms a document | peak MB | KB a document | Hugo | ms a document | "
             "peak MB |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for result in results:
        (seconds, peak), documents, other = result["cold"], result["documents"], result["hugo"]
        lines.append(f"| {documents} | {seconds:.1f} s | {seconds * 1000 / documents:.1f} | {peak:.0f} | "
                     f"{peak * 1024 / documents:.0f} | {other.seconds:.1f} s | {other.seconds * 1000 / documents:.2f} | "
                     f"{other.peak_mb:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
