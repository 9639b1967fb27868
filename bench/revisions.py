"""On demand: the latency section's API/direct ratios of two revisions, side by side.

    python -m bench.revisions main=http://127.0.0.1:48101@/tmp/main \\
        branch=http://127.0.0.1:48102@. [--requests 200]

Each revision is a running API (its URL) and its checkout (for its own canned .cypher
files). On the live graph, with the cases the suite picks (bench.latency.pick_cases),
every round times four things in turn, each starting the round once: the first
revision's API and its Cypher through the driver, then the second's. The machine's noise
so falls on both revisions and on both sides of each ratio alike.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx
from neo4j import Driver, Query

from actorgraph.database import connect
from actorgraph.queries import parse_query_file
from actorgraph.settings import get_settings
from bench.latency import QUERIES, REQUEST_TIMEOUT_S, QueryCase, percentiles, pick_cases


@dataclass(frozen=True)
class Revision:
    name: str
    url: str
    checkout: Path

    @classmethod
    def parse(cls, text: str) -> Revision:
        name, _, rest = text.partition("=")
        url, _, checkout = rest.partition("@")
        return cls(name, url, Path(checkout or "."))

    def direct(self, driver: Driver, database: str, case: QueryCase) -> None:
        """The revision's own Cypher for the case, as QueryCase.direct runs the current one."""
        statement = parse_query_file(self.checkout / "cypher" / "queries" / f"{case.query}.cypher")
        driver.execute_query(
            Query(statement.cypher, timeout=REQUEST_TIMEOUT_S),
            statement.bind(case.cypher_params),
            database_=database,
            routing_="r",
        )


def api_ok(case: QueryCase, client: httpx.Client) -> None:
    status = case.api(client)
    if status != 200:
        raise RuntimeError(f"{client.base_url}{case.url} answered {status}")


def timed(run: Callable[[QueryCase], object], case: QueryCase) -> float:
    began = time.perf_counter()
    run(case)
    return (time.perf_counter() - began) * 1000


def compare(revisions: list[Revision], requests: int) -> None:
    settings = get_settings()
    database = settings.neo4j_database
    with connect(settings) as driver:
        cases = pick_cases(driver, database)
        clients = [httpx.Client(base_url=r.url, timeout=REQUEST_TIMEOUT_S) for r in revisions]
        print("query, then per revision: API p50 / direct p50 (ms), API/direct")
        for query in QUERIES:
            sides: list[tuple[str, Callable[[QueryCase], object]]] = []
            for revision, client in zip(revisions, clients, strict=True):
                sides.append((f"{revision.name} API", partial(api_ok, client=client)))
                sides.append(
                    (f"{revision.name} direct", partial(revision.direct, driver, database))
                )
            samples: dict[str, list[float]] = {name: [] for name, _ in sides}
            for case in cases[query]:  # warm every side: plans, page cache, connections
                for _, run in sides:
                    run(case)
            for n in range(requests):
                case = cases[query][n % len(cases[query])]
                for name, run in sides[n % len(sides) :] + sides[: n % len(sides)]:
                    samples[name].append(timed(run, case))
            p50 = {name: percentiles(values)[0] for name, values in samples.items()}
            cells = [
                f"{p50[f'{r.name} API']:.2f} / {p50[f'{r.name} direct']:.2f} ms, "
                f"{p50[f'{r.name} API'] / p50[f'{r.name} direct']:.2f}x ({r.name})"
                for r in revisions
            ]
            print(f"{query}: " + "; ".join(cells), flush=True)
        for client in clients:
            client.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("revisions", nargs=2, type=Revision.parse, help="NAME=URL@CHECKOUT")
    parser.add_argument("--requests", type=int, default=200, help="rounds per query")
    args = parser.parse_args()
    compare(args.revisions, args.requests)


if __name__ == "__main__":
    main()
