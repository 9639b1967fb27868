"""Validation and a load as a user runs them: the `actorgraph` CLI, each command in a child
process of its own, timed on the wall clock, with its peak RSS.

Each command runs under bench/peak_rss.py, a small wrapper that reports the command's own
ru_maxrss (read by os.wait4 on it): started from the suite itself, the command would
report the suite's peak RSS instead (the wrapper's docstring says why).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from actorgraph.settings import Settings
from bench.api_server import CHECKOUT, api_environment

PEAK_RSS_WRAPPER = Path(__file__).with_name("peak_rss.py")
# Lines of a command's output shown in the error, when it fails.
OUTPUT_TAIL_LINES = 30
LOAD_SECONDS = re.compile(r"\bin ([0-9]+(?:\.[0-9]+)?) s\.")
VALIDATED_SECONDS = re.compile(r"^Validated [0-9]+ file\(s\) in ([0-9]+(?:\.[0-9]+)?) s\.", re.M)


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    peak_rss_mb: float
    # What it printed.
    output: str = ""

    def load_seconds(self) -> float | None:
        """What `actorgraph load` reports as its own time: rows shaped, written, published
        (its validation and Python's start not counted), from "... in 142.4 s." at its end."""
        found = LOAD_SECONDS.findall(self.output)
        return float(found[-1]) if found else None

    def validated_seconds(self) -> float | None:
        """What `actorgraph load` reports as its validation's time ("Validated 200 file(s)
        in 88.1 s."), for a size whose separate `actorgraph validate` run was skipped."""
        found = VALIDATED_SECONDS.findall(self.output)
        return float(found[0]) if found else None


def run_measured(command: list[str], env: dict[str, str]) -> ChildRun:
    """Run `command` to its end; its wall seconds and peak RSS. Raises when it fails."""
    with tempfile.TemporaryDirectory(prefix="bench-rss-") as folder:
        report = Path(folder) / "usage"
        output = Path(folder) / "output"
        # -I -S: no site-packages, so that the wrapper stays a few MB.
        wrapped = [sys.executable, "-I", "-S", str(PEAK_RSS_WRAPPER), str(report), *command]
        with output.open("wb") as out:
            process = subprocess.Popen(
                wrapped,
                cwd=CHECKOUT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so that an interrupt can stop the command too
            )
            try:
                returncode = process.wait()
            except BaseException:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise
        printed = output.read_text(errors="replace")
        if returncode != 0:
            tail = "\n".join(printed.splitlines()[-OUTPUT_TAIL_LINES:])
            raise RuntimeError(f"`{' '.join(command)}` exited {returncode}:\n" + tail)
        seconds, max_rss_kib = report.read_text().split()
    return ChildRun(seconds=float(seconds), peak_rss_mb=int(max_rss_kib) / 1024, output=printed)


def actorgraph_command(*args: str | Path) -> list[str]:
    """`actorgraph ARGS` with this Python, the one the `actorgraph` script would run."""
    return [sys.executable, "-m", "actorgraph", *map(str, args)]


def validate_as_user(folder: Path, settings: Settings) -> ChildRun:
    return run_measured(
        actorgraph_command("validate", "--strict", "--sources", folder / "sources", folder),
        api_environment(settings),
    )


def load_as_user(folder: Path, settings: Settings) -> ChildRun:
    return run_measured(
        actorgraph_command("load", "--wipe", "--yes", "--sources", folder / "sources", folder),
        api_environment(settings),
    )
