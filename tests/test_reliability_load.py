"""Concurrent clients against the canned endpoints of a real server: zero errors, flat memory.

The API runs as `uvicorn` in a subprocess on 127.0.0.1 (a free port), over the suite's
Neo4j holding the seed, exactly as users run it. Client threads send requests round-robin
until a wall-clock budget or a request cap runs out, whichever comes first. The short run
is part of `make test`; the 30-second run is the soak.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from checkout import PROJECT_ROOT
from child_env import child_env
from neo4j import Driver
from throwaway_neo4j import free_port

from actorgraph.queries import catalogue
from actorgraph.settings import Settings

pytestmark = pytest.mark.neo4j

CLIENTS = 8
# Per thread: a cap on the count of requests, so that the loop ends even if time stood still.
MAX_REQUESTS_PER_CLIENT = 50_000
REQUEST_TIMEOUT_S = 30.0
STARTUP_BOUND_S = 60.0
WARMUP_ROUNDS = 5
# Memory may grow this much over a run: caches and allocator arenas settle, a leak grows with
# every request. Generous, so that it never flakes, yet far below what a per-request leak of a
# few kilobytes would add over thousands of requests.
RSS_GROWTH_BOUND_KB = 48 * 1024

ENDPOINTS = [
    "/health",
    "/actors",
    "/actors?q=cavusoglu",
    "/actors/vladimir-putin",
    "/actors/vladimir-putin/contacts",
    "/actors/vladimir-putin/contacts?since=2022-03-01&type=call",
    "/interactions",
    "/interactions?actor=dmytro-kuleba&with=sergey-lavrov",
    "/interactions/meeting-2022-03-10-antalya-kuleba-lavrov",
    "/statements?speaker=mykhailo-podoliak",
    "/sources/cameron-2022-03-21",
    "/places",
    "/mediators?a=russia&b=ukraine",
    "/path?from=volodymyr-zelenskyy&to=vladimir-putin",
    "/timeline?actor=emmanuel-macron",
    "/queries",
]


def canned_query_urls() -> list[str]:
    """Every canned query, run with the example parameters its file declares."""
    urls = []
    for name, query in sorted(catalogue().items()):
        params = {}
        for p in query.parameters:
            if p.example is not None:
                value = ast.literal_eval(p.example)  # a Cypher literal: 'x', 4, ['person']
                params[p.name] = ",".join(value) if isinstance(value, list) else str(value)
        urls.append(f"/queries/{name}" + (f"?{urlencode(params)}" if params else ""))
    return urls


URLS = ENDPOINTS + canned_query_urls()


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for pid {pid}")


@dataclass
class Server:
    base_url: str
    pid: int


@contextmanager
def running_api(settings: Settings, log: Path) -> Iterator[Server]:
    """`uvicorn api.main:app` on 127.0.0.1 and a free port, configured only by the environment
    (as a user runs it), until the block ends."""
    port = free_port()
    env = child_env(settings)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning", "--no-access-log"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=PROJECT_ROOT / "tests",  # no .env here
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_BOUND_S
        for _ in range(int(STARTUP_BOUND_S / 0.2)):
            assert process.poll() is None, log.read_text()
            with httpx.Client(timeout=2.0) as probe:
                try:
                    if probe.get(f"{base_url}/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
            assert time.monotonic() < deadline, f"the API did not start:\n{log.read_text()}"
            time.sleep(0.2)
        yield Server(base_url=base_url, pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(
    seeded: Driver, test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with running_api(test_settings, tmp_path_factory.mktemp("uvicorn") / "server.log") as api:
        yield api


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def served(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        return self.served - self.statuses[200] + len(self.failures)


def hammer(base_url: str, seconds: float) -> Tally:
    """CLIENTS threads, each with its own connection, round-robin over URLS until time's up."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as http:
            for n in range(MAX_REQUESTS_PER_CLIENT):
                if time.monotonic() >= deadline:
                    return
                url = URLS[(offset + n) % len(URLS)]
                try:
                    status = http.get(url).status_code
                except httpx.HTTPError as exc:
                    with tally.lock:
                        tally.failures.append(f"{url}: {exc!r}")
                    continue
                with tally.lock:
                    tally.statuses[status] += 1
                    if status != 200:
                        tally.failures.append(f"{url}: HTTP {status}")

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        # Each thread stops at the deadline; a request in flight may take REQUEST_TIMEOUT_S.
        thread.join(timeout=seconds + REQUEST_TIMEOUT_S + 30)
        assert not thread.is_alive(), "a client thread did not stop"
    return tally


def test_every_load_url_answers_200(server: Server) -> None:
    # The control for the runs below: a URL that failed on its own would count as an error.
    with httpx.Client(base_url=server.base_url, timeout=REQUEST_TIMEOUT_S) as http:
        for url in URLS:
            assert http.get(url).status_code == 200, url


def run_under_load(server: Server, seconds: float) -> None:
    # Warm up first: the first requests fill caches (plans, imports) that stay, not leak.
    with httpx.Client(base_url=server.base_url, timeout=REQUEST_TIMEOUT_S) as http:
        for _ in range(WARMUP_ROUNDS):
            for url in URLS:
                assert http.get(url).status_code == 200, url
    rss_before = rss_kb(server.pid)
    tally = hammer(server.base_url, seconds)
    rss_after = rss_kb(server.pid)
    print(
        f"\nload: {seconds:.0f} s, {CLIENTS} clients, {tally.served} requests served, "
        f"{tally.errors} errors, RSS {rss_before} -> {rss_after} KiB"
    )
    assert tally.failures == [], tally.failures[:20]
    assert tally.errors == 0
    assert tally.served >= CLIENTS * len(URLS)  # every client went round at least once
    assert rss_after - rss_before < RSS_GROWTH_BOUND_KB, (rss_before, rss_after)


def test_five_seconds_of_concurrent_clients_get_no_errors_and_memory_stays_flat(
    server: Server,
) -> None:
    run_under_load(server, 5.0)


@pytest.mark.soak
def test_thirty_seconds_of_concurrent_clients_get_no_errors_and_memory_stays_flat(
    server: Server,
) -> None:
    run_under_load(server, 30.0)
