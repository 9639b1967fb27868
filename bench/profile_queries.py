"""Where the time goes: Cypher PROFILE db hits of the latency queries, and a pyinstrument
profile of the API serving them (in-process over ASGI, so HTTP parsing is left out).

    python -m bench.profile_queries [--per-query 3] [--api-requests 100]

Runs on the live graph with the actors the suite picks for it (bench.latency.pick_cases),
so it explains the suite's figures at the size that is loaded. Read-only.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from neo4j import Driver

from actorgraph.database import connect
from actorgraph.queries import canned
from actorgraph.settings import get_settings
from bench.latency import QUERIES, QueryCase, pick_cases


def operator_hits(plan: dict[str, Any], into: dict[str, int]) -> int:
    """Sum db hits over the plan tree, collecting them per operator type."""
    hits = int(plan.get("dbHits", 0))
    name = plan.get("operatorType", "?").split("@")[0]
    into[name] = into.get(name, 0) + hits
    return hits + sum(operator_hits(child, into) for child in plan.get("children", []))


def profile_cypher(driver: Driver, database: str, case: QueryCase) -> dict[str, Any]:
    statement = canned(case.query)
    began = time.perf_counter()
    _, summary, _ = driver.execute_query(
        "PROFILE " + statement.cypher,
        statement.bind(case.cypher_params),
        database_=database,
        routing_="r",
    )
    elapsed_ms = (time.perf_counter() - began) * 1000
    per_operator: dict[str, int] = {}
    total = operator_hits(summary.profile or {}, per_operator)
    top = sorted(per_operator.items(), key=lambda item: -item[1])[:4]
    return {"db_hits": total, "ms": round(elapsed_ms, 1), "top": top}


def profile_api(cases: dict[str, list[QueryCase]], requests: int) -> None:
    """pyinstrument over in-process requests: the app runs in this thread's event loop
    (httpx's ASGI transport), so the profile sees the route, the driver and pydantic."""
    import asyncio

    import httpx
    from pyinstrument import Profiler

    from api.main import create_app

    async def send_all() -> None:
        app = create_app()
        # ASGITransport does not run the lifespan, which opens the app's driver.
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for query in QUERIES:
                    profiler = Profiler(async_mode="enabled")
                    profiler.start()
                    for n in range(requests):
                        case = cases[query][n % len(cases[query])]
                        response = await client.get(case.api_path, params=case.api_params)
                        response.raise_for_status()
                    profiler.stop()
                    print(f"===== API {query}: {requests} requests")
                    print(profiler.output_text(unicode=False, color=False)[:6000])

    asyncio.run(send_all())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-query", type=int, default=3)
    parser.add_argument("--api-requests", type=int, default=100)
    args = parser.parse_args()
    settings = get_settings()
    with connect(settings) as driver:
        cases = pick_cases(driver, settings.neo4j_database)
        for query in QUERIES:
            for case in cases[query][: args.per_query]:
                report = profile_cypher(driver, settings.neo4j_database, case)
                print(f"{query} {case.url} (degree {case.degree}): {report}")
    if args.api_requests:
        profile_api(cases, args.api_requests)


if __name__ == "__main__":
    main()
