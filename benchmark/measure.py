"""Run a command as a child process and measure its wall time and peak memory."""
from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Measured:
    seconds: float
    peak_mb: float


def run(command: list[str], cwd=None, env=None) -> Measured:
    began = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    if child.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n{error[-3000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024)


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
