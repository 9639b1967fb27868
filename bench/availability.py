"""Availability: a flood of the ad hoc door, then Neo4j down and back.

Run on demand against the local server of the current settings, holding the seed (it is
stopped and started):

    python -m bench.availability

The API runs as users run it (uvicorn, one worker so that one circuit is measured). Prints
the p50 of a canned query alone and during a flood of the ad hoc door (side by side, in
one run); then the latency of the first 503 (which spends the driver's timeouts), the p50
and max of the next ones (served by the open circuit), and the time from Neo4j answering
Bolt again to the API's first 200, beside the query's own first run on a restarted server.
"""

from __future__ import annotations

import statistics
import threading
import time

import httpx

from actorgraph import neo4j_server
from actorgraph.database import open_driver
from actorgraph.queries import canned
from actorgraph.settings import Settings, get_settings
from bench.api_server import running_api

REQUESTS_WHILE_DOWN = 50
URL = "/actors"
CANNED = "/actors/vladimir-putin/contacts"
# Runs until the time limit stops it.
SLOW = {"query": "UNWIND range(1, 10000000000) AS x RETURN count(x) AS n", "params": {}}
FLOOD_CLIENTS = 8
SAMPLES = 40


def timed_get(client: httpx.Client, url: str) -> tuple[float, int]:
    began = time.perf_counter()
    status = client.get(url).status_code
    return (time.perf_counter() - began) * 1000, status


def canned_p50(client: httpx.Client) -> float:
    return statistics.median(timed_get(client, CANNED)[0] for _ in range(SAMPLES))


def door_flood(base: str, client: httpx.Client) -> None:
    """The canned query's p50 alone, then while FLOOD_CLIENTS keep the door busy."""
    alone = canned_p50(client)
    stop = threading.Event()
    codes: dict[int, int] = {}

    def flood() -> None:
        with httpx.Client(base_url=base, timeout=30) as own:
            while not stop.is_set():
                code = own.post("/cypher", json=SLOW).status_code
                codes[code] = codes.get(code, 0) + 1

    threads = [threading.Thread(target=flood) for _ in range(FLOOD_CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    during = canned_p50(client)
    stop.set()
    for thread in threads:
        thread.join()
    print(f"canned {CANNED}: p50 {alone:.1f} ms alone, {during:.1f} ms during the flood")
    print(f"door answers during the flood: {dict(sorted(codes.items()))}")


def main() -> None:
    settings = get_settings().model_copy(update={"actorgraph_api_workers": 1})
    server = neo4j_server.LocalServer.from_settings(settings)
    neo4j_server.start(server)
    with running_api(settings) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert timed_get(client, URL)[1] == 200
        door_flood(base, client)
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
