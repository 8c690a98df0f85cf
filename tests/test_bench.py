"""The benchmark's small mode runs end to end (the full run is `invoke bench`)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading

from conftest import ROOT
from plugins.forked import cores


def test_benchmark_small_mode_runs_and_reports(tmp_path):
    result = subprocess.run([sys.executable, "-m", "benchmark.run", "--docs", "30,60", "--no-record",
                             "--work", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout
    for measure in ("ingest", "cold full build", "plain Pelican", "Hugo, same Markdown", "ours ÷ Hugo",
                    "memory per document", "rebuild after one new issue", "search page open", "first query"):
        assert measure in table
    assert "| rebuild byte-identical to a cold build | yes |" in table
    if cores() > 1 and shutil.which("taskset"):   # built again on one core: the same site
        assert re.search(r"\| cold full build on 1 of the \d+ cores \| [\d.]+ s: all cores are [\d.]+× as fast; "
                         r"the same site: yes \|", table)
        assert re.search(r"\| ingest on 1 core \| [\d.]+ s, [\d.]+ MB/s \| ≥ 10 MB/s \|", table)
    growth = table.split("| documents | ours: cold build |")[1].splitlines()
    assert [row.split("|")[1].strip() for row in growth[2:4]] == ["30", "60"]   # each size, ours beside Hugo
    assert (tmp_path / "60-topical" / "hugo" / "public" / "index.html").is_file()


def test_a_command_saying_much_on_stderr_is_measured_to_its_end_and_its_words_kept():
    """An ingest of 50,000 documents says more on stderr than a pipe holds: the measured
    command must not wait for a reader that waits for it, and a failure shows its end."""
    from benchmark.measure import run
    said = "import sys; sys.stderr.write('问题' * 100_000)"
    measured = []
    waiting = threading.Thread(target=lambda: measured.append(run([sys.executable, "-c", said])), daemon=True)
    waiting.start()
    waiting.join(60)
    assert measured and measured[0].seconds > 0, "the measure waits for ever on a command that said much"
    try:
        run([sys.executable, "-c", said + "; sys.stderr.write('the end'); sys.exit(3)"])
    except RuntimeError as error:
        assert str(error).endswith("the end") and "(3)" in str(error)
    else:
        raise AssertionError("a failed command was measured as done")


def test_a_command_s_peak_memory_is_its_own_not_the_bench_s():
    """Linux starts a child's peak at the memory of the process that forked it: the bench,
    holding whole sites to compare, once measured plain Pelican and a rebuild at its own
    2.4 GB.  A command that does nothing measures as little, whatever the bench holds; one
    that fills 200 MB measures that."""
    from benchmark.measure import run
    held = bytearray(300 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])   # resident, not only reserved
    assert run([sys.executable, "-c", "pass"]).peak_mb < 100
    filling = "x = bytearray(200 * 1024 * 1024); x[::4096] = b'\\x01' * len(x[::4096])"
    assert 200 <= run([sys.executable, "-c", filling]).peak_mb < 300
    del held


def test_a_generated_archive_of_any_size_has_years_a_document_number_can_hold():
    """Past 2099 a number's year is no year: at 50,000 documents six issues a year ran to
    2109, and a tenth of the documents had no number, date or folder of their own."""
    from benchmark.generate import FIRST_YEAR, PUBLISHERS, issues_a_year

    assert issues_a_year(1_000) == 6   # the sizes measured before keep their archive
    for documents in (10_000, 50_000, 200_000):
        issues = documents // 10
        last = FIRST_YEAR + (-(-issues // len(PUBLISHERS)) - 1) // issues_a_year(issues)
        assert last <= 2099


def test_the_last_runs_folder_is_set_aside_for_removal_after_the_measures(tmp_path):
    from benchmark.run import set_aside
    work = tmp_path / "10000-topical"
    (work / "output").mkdir(parents=True)
    (work / "output" / "index.html").write_text("last run", encoding="utf-8")
    stopped = tmp_path / "10000-topical.last-1"   # what a run stopped early left
    stopped.mkdir()
    (tmp_path / "20000-topical").mkdir()          # another size's: not this run's to remove
    last = set_aside(work)
    assert not work.exists()
    assert stopped in last and len(last) == 2
    assert [(folder / "output" / "index.html").read_text(encoding="utf-8") for folder in last if folder != stopped] == ["last run"]
    assert set_aside(work) == last  # nothing new to set aside
