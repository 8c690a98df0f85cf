"""Run a command; write its wall time and the peak memory of its largest process to a file.

``python benchmark/peak.py FILE COMMAND...``: Linux starts a child's peak at the memory of
the process that forked it, so the bench, which holds whole sites to compare them, cannot
measure a command it starts itself (a command doing nothing would show the bench's own
gigabytes).  This small process starts the command and measures it instead.
"""
import os
import sys
import time


def main(argv: list[str]) -> int:
    target, command = argv[0], argv[1:]
    began = time.perf_counter()
    child = os.fork()
    if child == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)  # not found: the caller sees the exit status
    _, status, usage = os.wait4(child, 0)
    with open(target, "w", encoding="utf-8") as measured:
        measured.write(f"{time.perf_counter() - began} {usage.ru_maxrss}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
