"""Run a command; write its wall seconds and peak RSS (KiB) to REPORT as two numbers.

    python -I -S bench/peak_rss.py REPORT COMMAND [ARGS...]

Why a wrapper: a process's ru_maxrss starts at the RSS of the process that forked it,
since the kernel carries the old address space's high-water mark across exec. A command
started straight from the suite (gigabytes after a large load) would report the suite's
peak, not its own. Started from this wrapper, which imports nothing but os, sys and time,
it inherits a few MB, far below what any actorgraph command takes. os.wait4 then gives
that one child's usage, where RUSAGE_CHILDREN would give the largest of all children.
"""

import os
import sys
import time


def main() -> int:
    report, command = sys.argv[1], sys.argv[2:]
    began = time.monotonic()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - began
    with open(report, "w", encoding="ascii") as out:
        out.write(f"{seconds} {usage.ru_maxrss}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
