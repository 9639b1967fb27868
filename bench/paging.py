"""Search and paging at scale: `/search`, the first page and a deep page, API beside direct.

Run on demand against the graph loaded in the local server of the current settings (the
1M synthetic graph, for the figures in bench/results/README.md):

    python -m bench.paging

Each case alternates the API request and the same canned query through the driver, as the
latency section does, and prints p50 of both. The deep page starts 100 rows before the end
of /interactions (the cursor's offset), the first page at 0.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import httpx
from neo4j import Driver

from actorgraph.database import open_driver
from actorgraph.queries import canned, inspect_query
from actorgraph.settings import get_settings
from bench.api_server import running_api

SAMPLES = 10


Case = tuple[str, str, dict[str, Any], str, dict[str, Any]]


def cases(driver: Driver, database: str) -> list[Case]:
    """(label, API path, its parameters, canned query, its parameters)."""
    total = inspect_query("dataset_counts").run(driver, database)[0]["interactions"]
    name = canned("actors").run(driver, database, kind="person", limit=1)[0]["name"]
    deep = max(0, total - 100)
    return [
        ("search: an actor's name", "/search", {"q": f'"{name}"'}, "search",
         {"q": f'"{name}"', "limit": 101}),
        ("search: a common word", "/search", {"q": "talks"}, "search",
         {"q": "talks", "limit": 101}),
        ("/interactions, first page", "/interactions", {"limit": 100}, "interactions",
         {"offset": 0, "limit": 101}),
        (f"/interactions, deep page (offset {deep})", "/interactions",
         {"limit": 100, "offset": deep}, "interactions", {"offset": deep, "limit": 101}),
    ]  # fmt: skip


def measure(client: httpx.Client, driver: Driver, database: str, case: Case) -> str:
    """p50 of the API request and of its canned query through the driver, alternating."""
    label, path, params, query, cypher_params = case
    statement = canned(query)
    bound = statement.bind(cypher_params)
    api_ms: list[float] = []
    direct_ms: list[float] = []
    for turn in range(SAMPLES + 2):
        began = time.perf_counter()
        client.get(path, params=params).raise_for_status()
        middle = time.perf_counter()
        driver.execute_query(statement.cypher, bound, database_=database, routing_="r")
        ended = time.perf_counter()
        if turn >= 2:  # the first two plan the queries and warm the page cache
            api_ms.append((middle - began) * 1000)
            direct_ms.append((ended - middle) * 1000)
    api, direct = statistics.median(api_ms), statistics.median(direct_ms)
    return f"{label}: API p50 {api:.1f} ms, direct {direct:.1f} ms ({api / direct:.2f}x)"


def main() -> None:
    settings = get_settings()
    database = settings.neo4j_database
    with (
        open_driver(settings) as driver,
        running_api(settings) as base,
        httpx.Client(base_url=base, timeout=120) as client,
    ):
        for case in cases(driver, database):
            print(measure(client, driver, database, case))


if __name__ == "__main__":
    main()
