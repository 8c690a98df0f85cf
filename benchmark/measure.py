"""Run a command as a child process and measure its wall time and peak memory."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PEAK = Path(__file__).with_name("peak.py")   # measures the command from a small process


@dataclass
class Measured:
    seconds: float
    peak_mb: float


def run(command: list[str], cwd=None, env=None) -> Measured:
    """The command's wall time and the peak memory of its largest process, measured by
    ``peak.py`` (not by this process: see there).  What it says on stderr goes to a file,
    read when it has ended: a pipe would fill (an ingest of 50,000 documents says more than
    a pipe holds) and stop the command for good."""
    with tempfile.TemporaryFile() as said, tempfile.NamedTemporaryFile("r") as measured:
        done = subprocess.run([sys.executable, "-I", str(PEAK), measured.name, *command], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=said)
        said.seek(0)
        error = said.read().decode("utf-8", "replace")
        figures = measured.read().split()
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{error[-3000:]}")
    seconds, peak_kb = figures
    return Measured(float(seconds), int(peak_kb) / 1024)


def machine() -> str:
    model = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(l for l in open("/proc/meminfo", encoding="utf-8") if l.startswith("MemTotal"))
        memory_gb = int(memory.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        memory_gb = 0
    return (f"{os.cpu_count()} cores ({model or platform.machine()}), {memory_gb:.0f} GB, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
