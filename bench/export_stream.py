"""Streamed exports: the API worker's peak memory and time to first byte during a full
`GET /export`, before (a checkout of another revision, main by default) and after (this
checkout), side by side in one run.

Run on demand against the local server of the current settings, holding the graph to
export (e.g. a synth graph: see `actorgraph synth --help`; nothing is loaded or wiped):

    python -m bench.export_stream [--before main] [--formats csv,graphml]

Each export gets a fresh API (uvicorn, one worker, so the worker is the process measured)
and its peak RSS is the kernel's high-water mark (VmHWM) once the export has been read; the
client reads the body as it comes and keeps none of it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from actorgraph.settings import Settings, get_settings
from bench.api_server import (
    CHECKOUT,
    SHUTDOWN_TIMEOUT_S,
    api_environment,
    free_loopback_port,
    wait_until_serving,
)

EXPORT_TIMEOUT_S = 3600.0


@dataclass
class Measure:
    revision: str
    fmt: str
    first_byte_s: float
    total_s: float
    megabytes: float
    idle_rss_mb: float
    peak_rss_mb: float


def memory_mb(pid: int, field: str) -> float:
    """A field of /proc/PID/status in MB: VmRSS (now) or VmHWM (the peak so far)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for pid {pid}")


@contextmanager
def checkout_of(revision: str) -> Iterator[Path]:
    """The files of `revision` in a temporary folder (git archive), for the API of before."""
    with tempfile.TemporaryDirectory(prefix="export-before-") as folder:
        archive = subprocess.run(
            ["git", "-C", str(CHECKOUT), "archive", revision], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        yield Path(folder)


@contextmanager
def api_of(checkout: Path, settings: Settings) -> Iterator[tuple[str, int]]:
    """uvicorn serving `checkout`'s api.main:app; yields its base URL and pid."""
    port = free_loopback_port()
    env = api_environment(settings)
    env["PYTHONPATH"] = str(checkout)  # its own actorgraph and api, before the installed one
    command = [
        sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", "1",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=checkout, env=env, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base_url)
        yield base_url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=SHUTDOWN_TIMEOUT_S)


def measure(revision: str, checkout: Path, settings: Settings, fmt: str) -> Measure:
    with api_of(checkout, settings) as (base_url, pid):
        idle = memory_mb(pid, "VmRSS")
        size = 0
        first_byte = None
        began = time.perf_counter()
        with httpx.stream(
            "GET", f"{base_url}/export", params={"format": fmt}, timeout=EXPORT_TIMEOUT_S
        ) as response:
            response.raise_for_status()
            for chunk in response.iter_raw():
                first_byte = first_byte or time.perf_counter() - began
                size += len(chunk)
        total = time.perf_counter() - began
        peak = memory_mb(pid, "VmHWM")
    return Measure(revision, fmt, first_byte or total, total, size / 1e6, idle, peak)


def table(measures: list[Measure]) -> str:
    lines = [
        "| revision | format | first byte (s) | whole export (s) | MB sent | worker RSS idle "
        "(MB) | worker peak RSS (MB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for m in measures:
        lines.append(
            f"| {m.revision} | {m.fmt} | {m.first_byte_s:.2f} | {m.total_s:.1f} | "
            f"{m.megabytes:.0f} | {m.idle_rss_mb:.0f} | {m.peak_rss_mb:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="the revision of before (git)")
    parser.add_argument("--formats", default="csv,graphml", help="comma-separated formats")
    args = parser.parse_args()
    settings = get_settings()
    measures = []
    with checkout_of(args.before) as before:
        for fmt in args.formats.split(","):
            for revision, checkout in ((args.before, before), ("this checkout", CHECKOUT)):
                measures.append(measure(revision, checkout, settings, fmt))
                print(table(measures[-1:]).splitlines()[-1], flush=True)
    print(table(measures))
    print(f"\n{os.cpu_count()} cores; Neo4j at {settings.bolt_uri}")


if __name__ == "__main__":
    main()
