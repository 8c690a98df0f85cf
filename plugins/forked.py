"""Work shared among forked worker processes: each inherits the parent's memory as it was
when the pool started (the site's whole context, an index being built), so nothing but the
jobs' names and their results crosses between processes."""
from __future__ import annotations

import gc
import multiprocessing
import os


def cores() -> int:
    """The cores this process may run on (``taskset`` or a container may allow fewer than
    the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_forked(function, jobs: list, workers: int) -> list:
    """``[function(job) for job in jobs]``, the jobs shared among ``workers`` forked
    processes; in this process where there is one worker, one job or no ``fork``.
    ``function`` reads what it needs from module state set before the call."""
    workers = min(workers, len(jobs))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(job) for job in jobs]
    frozen = gc.get_freeze_count()   # what the build froze stays so (archive.long_lived)
    gc.freeze()  # the collector would touch every inherited object, copying the memory it shares
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(function, jobs, chunksize=1)
            # the workers told to end and waited for, not killed by the pool's exit: its
            # terminate() could wait forever for a worker it never stopped (seen under
            # serve --watch, which forks a build's pools beside its server and watcher)
            pool.close()
            pool.join()
            return results
    finally:
        if not frozen:
            gc.unfreeze()
