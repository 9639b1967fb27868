"""Section 3: throughput of the API under 16 and 64 concurrent clients on loopback.

Each client is an asyncio task with its own keep-alive connection, sending the latency
section's requests round-robin until the time is up; requests in flight then finish.
The load generator shares the machine's cores with the API and Neo4j, as a local
client would.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.latency import REQUEST_TIMEOUT_S, percentiles


@dataclass
class ClientTally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def fail(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


async def _client_loop(
    client: httpx.AsyncClient,
    requests: Sequence[tuple[str, dict[str, Any]]],
    first: int,
    deadline: float,
    tally: ClientTally,
) -> None:
    n = first
    while time.monotonic() < deadline:
        path, params = requests[n % len(requests)]
        n += 1
        start = time.perf_counter()
        try:
            response = await client.get(path, params=params)
        except httpx.HTTPError as exc:
            tally.fail(type(exc).__name__)
            continue
        tally.latencies_ms.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            tally.fail(f"HTTP {response.status_code}")


async def _run(
    base_url: str,
    requests: Sequence[tuple[str, dict[str, Any]]],
    clients: int,
    seconds: float,
) -> tuple[list[ClientTally], float]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits
    ) as client:
        tallies = [ClientTally() for _ in range(clients)]
        began = time.monotonic()
        deadline = began + seconds
        # Clients start at different requests, so the mix is even at every moment.
        await asyncio.gather(
            *(
                _client_loop(client, requests, index * 7, deadline, tally)
                for index, tally in enumerate(tallies)
            )
        )
        return tallies, time.monotonic() - began


def measure_concurrency(
    base_url: str,
    requests: Sequence[tuple[str, dict[str, Any]]],
    clients: int,
    seconds: float,
) -> tuple[dict[str, float], dict[str, Any]]:
    """Result row (requests/s answered 200, errors, p99 ms) and details for the report."""
    tallies, elapsed = asyncio.run(_run(base_url, requests, clients, seconds))
    latencies = [ms for tally in tallies for ms in tally.latencies_ms]
    errors = sum(tally.errors for tally in tallies)
    kinds: dict[str, int] = {}
    for tally in tallies:
        for kind, count in tally.error_kinds.items():
            kinds[kind] = kinds.get(kind, 0) + count
    answered = len(latencies) - sum(n for k, n in kinds.items() if k.startswith("HTTP"))
    _, _, p99 = percentiles(latencies)
    row = {"rps": round(answered / elapsed, 1), "errors": errors, "p99_ms": round(p99, 1)}
    p50, _, _ = percentiles(latencies)
    details = {
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "p50_ms": round(p50, 1),
        "error_kinds": kinds,
    }
    return row, details
