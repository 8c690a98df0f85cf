"""The benchmark's small mode runs end to end (the full run is `invoke bench`)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_benchmark_small_mode_runs_and_reports(tmp_path):
    result = subprocess.run([sys.executable, "-m", "benchmark.run", "--docs", "60", "--no-record",
                             "--work", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout
    for measure in ("ingest", "cold full build", "plain Pelican", "rebuild after one new issue",
                    "search page open", "first query"):
        assert measure in table
    assert "| rebuild byte-identical to a cold build | yes |" in table
