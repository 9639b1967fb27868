"""The API as users run it (uvicorn serving api.main:app), in a subprocess on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from actorgraph.settings import Settings

CHECKOUT = Path(__file__).resolve().parent.parent

STARTUP_TIMEOUT_S = 60.0
SHUTDOWN_TIMEOUT_S = 15.0


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def api_environment(settings: Settings) -> dict[str, str]:
    """The environment that points the API, or the CLI, at the server the suite measures."""
    env = dict(os.environ)
    env["NEO4J_URI"] = settings.bolt_uri
    env["NEO4J_USER"] = settings.neo4j_user
    env["NEO4J_DATABASE"] = settings.neo4j_database
    env["NEO4J_PASSWORD"] = settings.auth[1] if settings.auth else ""
    return env


@contextmanager
def running_api(settings: Settings) -> Iterator[str]:
    """Serve the API for the duration of the block; yields its base URL.

    Access logs are off: one log line per request would be measured as API time and
    flood the suite's progress output.
    """
    port = free_loopback_port()
    command = [
        sys.executable, "-m", "uvicorn", "api.main:app",
        "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "warning", "--no-access-log",
        "--workers", str(settings.actorgraph_api_workers),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=CHECKOUT, env=api_environment(settings), start_new_session=True
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base_url)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=SHUTDOWN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=SHUTDOWN_TIMEOUT_S)


def wait_until_serving(process: subprocess.Popen[bytes], base_url: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the API exited with code {process.returncode} while starting")
        try:
            if httpx.get(f"{base_url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the API did not answer on {base_url} within {STARTUP_TIMEOUT_S:.0f} s")
