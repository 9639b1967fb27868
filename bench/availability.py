"""Neo4j down, then back: how fast the API answers 503, and how soon it serves again.

Run on demand against the local server of the current settings (it is stopped and started):

    python -m bench.availability

The API runs as users run it (uvicorn, one worker so that one circuit is measured). Prints
the latency of the first 503 (which spends the driver's timeouts), the p50 and max of the
next ones (served by the open circuit), and the time from Neo4j answering Bolt again to
the API's first 200.
"""

from __future__ import annotations

import statistics
import time

import httpx

from actorgraph import neo4j_server
from actorgraph.database import open_driver
from actorgraph.queries import canned
from actorgraph.settings import Settings, get_settings
from bench.api_server import running_api

REQUESTS_WHILE_DOWN = 50
URL = "/actors"


def timed_get(client: httpx.Client, url: str) -> tuple[float, int]:
    began = time.perf_counter()
    status = client.get(url).status_code
    return (time.perf_counter() - began) * 1000, status


def main() -> None:
    settings = get_settings().model_copy(update={"actorgraph_api_workers": 1})
    server = neo4j_server.LocalServer.from_settings(settings)
    neo4j_server.start(server)
    with running_api(settings) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert timed_get(client, URL)[1] == 200
        neo4j_server.stop(server)
        first_ms, status = timed_get(client, URL)
        assert status == 503, status
        later = [timed_get(client, URL) for _ in range(REQUESTS_WHILE_DOWN)]
        assert all(status == 503 for _, status in later)
        ms = [elapsed for elapsed, _ in later]
        neo4j_server.start(server)  # returns once Bolt answers
        up = time.perf_counter()
        while timed_get(client, URL)[1] != 200:
            time.sleep(0.01)
        recovered_ms = (time.perf_counter() - up) * 1000
    cold_ms = cold_query_ms(settings, server)
    print(f"first 503: {first_ms:.0f} ms")
    print(
        f"next {REQUESTS_WHILE_DOWN} 503s: p50 {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms"
    )
    print(f"first 200 after Bolt answered again: {recovered_ms:.0f} ms")
    print(f"the same query's first run on a restarted server, direct driver: {cold_ms:.0f} ms")


def cold_query_ms(settings: Settings, server: neo4j_server.LocalServer) -> float:
    """What a restarted server itself takes for the query's first run (planning, a cold
    page cache), to tell the API's share of the recovery from the server's."""
    neo4j_server.stop(server)
    neo4j_server.start(server)
    with open_driver(settings) as driver:
        began = time.perf_counter()
        canned("actors").run(driver, settings.neo4j_database)
        return (time.perf_counter() - began) * 1000


if __name__ == "__main__":
    main()
