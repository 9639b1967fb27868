"""Section 2: latency of four API queries over HTTP against the same Cypher through the driver.

The API request and its direct twin alternate (in turns, so neither always goes first),
which puts the same machine noise on both sides of the API/direct ratio.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from neo4j import Driver, Query

from actorgraph.queries import canned

QUERIES = ("contacts", "interactions", "mediators", "path")
# Degrees every size has: a person in ~20 interactions, a state whose side (the state and
# the people holding a position in it) has ~150 participations.
PERSON_DEGREE_TARGET = 20
SIDE_DEGREE_TARGET = 150
TARGETS_PER_QUERY = 10
# A request that runs longer than this is stopped and counted, so a run always ends.
REQUEST_TIMEOUT_S = 60.0

PERSONS_BY_DEGREE = """
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {gen: d.gen}) WHERE a.kind = 'person'
WITH a, COUNT { (a)-[:PARTICIPATED_IN]->() } AS degree
RETURN a.id AS id, degree
ORDER BY abs(degree - $target), id
LIMIT $limit
"""

# Pairs who took part in one interaction together, both as near the target degree as can be.
PAIRS_BY_DEGREE = """
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor {gen: d.gen}) WHERE a.kind = 'person'
WITH a, COUNT { (a)-[:PARTICIPATED_IN]->() } AS degree
ORDER BY abs(degree - $target), a.id
LIMIT $candidates
MATCH (a)-[:PARTICIPATED_IN {took_part: true}]->(:Interaction)
      <-[:PARTICIPATED_IN {took_part: true}]-(b:Actor)
WHERE b <> a AND b.kind = 'person'
WITH DISTINCT a, degree, b, COUNT { (b)-[:PARTICIPATED_IN]->() } AS b_degree
ORDER BY abs(b_degree - $target), b.id
WITH a, degree, collect({id: b.id, degree: b_degree})[0] AS partner
RETURN a.id AS a, degree, partner.id AS b, partner.degree AS b_degree
ORDER BY abs(degree - $target) + abs(b_degree - $target), a
LIMIT $limit
"""

STATES_BY_SIDE_DEGREE = """
MATCH (d:Dataset {id: 'current'})
MATCH (s:Actor {gen: d.gen}) WHERE s.kind = 'state'
WITH s, COUNT { (s)-[:PARTICIPATED_IN]->() } + reduce(total = 0, people IN COLLECT {
    MATCH (p:Actor)-[:HOLDS_POSITION]->(s) RETURN COUNT { (p)-[:PARTICIPATED_IN]->() } AS n
  } | total + people) AS side_degree
RETURN s.id AS id, side_degree
ORDER BY abs(side_degree - $target), id
LIMIT $limit
"""


@dataclass(frozen=True)
class QueryCase:
    """One request: its API path and query string, and the canned query's parameters."""

    query: str
    api_path: str
    api_params: dict[str, Any]
    cypher_params: dict[str, Any]
    degree: int = 0

    @property
    def url(self) -> str:
        """The request as a relative URL, to name it in the report."""
        query_string = urlencode(self.api_params)
        return self.api_path + (f"?{query_string}" if query_string else "")

    def direct(self, driver: Driver, database: str) -> int:
        """Run the API's Cypher through the driver; returns the number of rows."""
        statement = canned(self.query)
        records, _, _ = driver.execute_query(
            Query(statement.cypher, timeout=REQUEST_TIMEOUT_S),  # type: ignore[arg-type]
            statement.bind(self.cypher_params),
            database_=database,
            routing_="r",
        )
        return len(records)

    def api(self, client: httpx.Client) -> int:
        """GET the API; returns the HTTP status (the body is read in full)."""
        response = client.get(self.api_path, params=self.api_params)
        response.read()
        return response.status_code


def _rows(driver: Driver, database: str, cypher: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher, params, database_=database, routing_="r")
    return [record.data() for record in records]


def pick_cases(
    driver: Driver,
    database: str,
    *,
    per_query: int = TARGETS_PER_QUERY,
    person_degree: int = PERSON_DEGREE_TARGET,
    side_degree: int = SIDE_DEGREE_TARGET,
) -> dict[str, list[QueryCase]]:
    """Actors of comparable degree at any size, chosen from the graph by their degree."""
    persons = _rows(driver, database, PERSONS_BY_DEGREE, target=person_degree, limit=4 * per_query)
    pairs = _rows(
        driver,
        database,
        PAIRS_BY_DEGREE,
        target=person_degree,
        candidates=4 * per_query,
        limit=per_query,
    )
    states = _rows(driver, database, STATES_BY_SIDE_DEGREE, target=side_degree, limit=2 * per_query)
    return {
        "contacts": [
            QueryCase(
                "contacts", f"/actors/{p['id']}/contacts", {}, {"actor": p["id"]}, p["degree"]
            )
            for p in persons[:per_query]
        ],
        "interactions": [
            QueryCase(
                "interactions",
                "/interactions",
                {"actor": pair["a"], "with": pair["b"]},
                {"actor": pair["a"], "with": pair["b"], "offset": 0, "limit": 100},
                pair["degree"],
            )
            for pair in pairs
        ],
        "mediators": [
            QueryCase(
                "mediators",
                "/mediators",
                {"a": a["id"], "b": b["id"]},
                {"a": a["id"], "b": b["id"]},
                a["side_degree"],
            )
            for a, b in zip(states[0::2], states[1::2], strict=False)
        ],
        "path": _path_cases(driver, database, persons, per_query),
    }


def _path_cases(
    driver: Driver, database: str, persons: list[dict[str, Any]], per_query: int
) -> list[QueryCase]:
    cases: list[QueryCase] = []
    # Only pairs a chain joins: a 404 would time the error path, not the search.
    for a, b in zip(persons[0::2], persons[1::2], strict=False):
        case = QueryCase(
            "path",
            "/path",
            {"from": a["id"], "to": b["id"]},
            {"from": a["id"], "to": b["id"], "max_hops": 4, "kinds": ["person"]},
            a["degree"],
        )
        if case.direct(driver, database):
            cases.append(case)
        if len(cases) == per_query:
            break
    return cases


@dataclass
class Timings:
    api_ms: list[float] = field(default_factory=list)
    direct_ms: list[float] = field(default_factory=list)
    api_failures: int = 0
    capped: bool = False


def percentiles(samples_ms: Sequence[float]) -> tuple[float, float, float]:
    """p50, p95, p99 (inclusive method, so 200 samples give interpolated tails)."""
    if len(samples_ms) < 2:
        value = samples_ms[0] if samples_ms else float("nan")
        return value, value, value
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def time_cases(
    cases: Sequence[QueryCase],
    driver: Driver,
    database: str,
    client: httpx.Client,
    *,
    requests: int,
    max_seconds: float,
) -> Timings:
    """`requests` API calls and as many direct runs, interleaved; stops early at max_seconds."""
    timings = Timings()
    for case in cases:  # warm both paths: plan caches, page cache, connections
        case.api(client)
        case.direct(driver, database)
    began = time.monotonic()
    for n in range(requests):
        if time.monotonic() - began > max_seconds:
            timings.capped = True
            break
        case = cases[n % len(cases)]
        order = ("api", "direct") if n % 2 == 0 else ("direct", "api")
        for side in order:
            start = time.perf_counter()
            if side == "api":
                status = case.api(client)
                timings.api_ms.append((time.perf_counter() - start) * 1000)
                timings.api_failures += status != 200
            else:
                case.direct(driver, database)
                timings.direct_ms.append((time.perf_counter() - start) * 1000)
    return timings


def measure_latency(
    driver: Driver,
    database: str,
    base_url: str,
    cases: dict[str, list[QueryCase]],
    *,
    requests: int,
    max_seconds: float,
    progress: Callable[[str], None] = print,
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Per query: the result row (p50/p95/p99 of both sides, ms) and details for the report."""
    results: dict[str, dict[str, float]] = {}
    details: dict[str, Any] = {}
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as client:
        for query in QUERIES:
            if not cases.get(query):
                progress(f"{query}: no actors of the target degree in this graph; skipped")
                continue
            t = time_cases(
                cases[query], driver, database, client, requests=requests, max_seconds=max_seconds
            )
            api = percentiles(t.api_ms)
            direct = percentiles(t.direct_ms)
            results[query] = {
                "api_p50_ms": round(api[0], 2),
                "api_p95_ms": round(api[1], 2),
                "api_p99_ms": round(api[2], 2),
                "direct_p50_ms": round(direct[0], 2),
                "direct_p95_ms": round(direct[1], 2),
                "direct_p99_ms": round(direct[2], 2),
            }
            details[query] = {
                "requests": len(t.api_ms),
                "capped_at_s": max_seconds if t.capped else None,
                "api_non_200": t.api_failures,
                "api_over_direct_p50": round(api[0] / direct[0], 2),
                "degrees": sorted(c.degree for c in cases[query]),
                "targets": [c.url for c in cases[query]],
            }
            progress(
                f"{query}: API p50 {api[0]:.1f} ms, direct p50 {direct[0]:.1f} ms "
                f"({len(t.api_ms)} requests each"
                + (f", capped at {max_seconds:.0f} s" if t.capped else "")
                + ")"
            )
    return results, details
