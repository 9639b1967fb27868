"""The baseline: one MERGE per record, each in its own transaction, as py2neo-era code did.

Kept for comparison only (bench/load.py, `python -m bench --sections load`); never used
to load real data.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from neo4j import Driver

from loader.rows import Rows


@dataclass(frozen=True)
class NaiveRun:
    interactions: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.interactions / self.seconds if self.seconds else 0.0


def naive_load(
    driver: Driver, rows: Rows, *, database: str, gen: int, time_limit: float = 60.0
) -> NaiveRun:
    """Write actors, then interactions record by record until the time limit; return the rate.

    The rate counts interactions only, like the loader's figure; the time spent on actors
    first is excluded, which flatters the baseline.
    """
    with driver.session(database=database) as session:
        for actor in rows.actors:
            session.run(
                "MERGE (a:Actor {id: $id, gen: $gen}) SET a.name = $name, a.kind = $kind",
                id=actor["id"],
                gen=gen,
                name=actor["props"]["name"],
                kind=actor["props"]["kind"],
            ).consume()
        began = time.monotonic()
        done = 0
        for inter in _until(rows.interactions, began + time_limit):
            session.run(
                "MERGE (i:Interaction {id: $id, gen: $gen}) SET i += $props",
                id=inter["id"],
                gen=gen,
                props=inter["props"],
            ).consume()
            for p in inter["participants"]:
                session.run(
                    "MATCH (a:Actor {id: $actor, gen: $gen}), (i:Interaction {id: $id, gen: $gen}) "
                    "MERGE (a)-[r:PARTICIPATED_IN {role: $role}]->(i) SET r.took_part = $took_part",
                    actor=p["actor"],
                    id=inter["id"],
                    gen=gen,
                    role=p["role"],
                    took_part=p["took_part"],
                ).consume()
            for e in inter["evidence"]:
                session.run(
                    "MATCH (i:Interaction {id: $id, gen: $gen}) "
                    "MATCH (s:Source {id: $source, gen: $gen}) "
                    "MERGE (i)-[r:EVIDENCED_BY {quote: $quote}]->(s)",
                    id=inter["id"],
                    gen=gen,
                    source=e["source"],
                    quote=e["quote"],
                ).consume()
            done += 1
        return NaiveRun(done, time.monotonic() - began)


def _until(items: Iterable[dict[str, object]], deadline: float) -> Iterable[dict[str, object]]:
    for item in items:
        if time.monotonic() >= deadline:
            return
        yield item
