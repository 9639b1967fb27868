"""What a draft is resolved against: the live graph and the `--against` files.

Their actors and places are what a mention resolves to, and their interactions are what
a drafted one may be the same event as (merge-check's rule: same type, same day, an actor
taking part in both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loader.drafting import DraftError

if TYPE_CHECKING:
    from neo4j import Driver

Record = dict[str, Any]


@dataclass
class Known:
    actors: list[Record] = field(default_factory=list)
    places: list[Record] = field(default_factory=list)
    # {id, type, day (date), took_part: [actor ids]}, for the same-event check
    interactions: list[Record] = field(default_factory=list)

    def add(self, other: Known) -> None:
        ids = {a["id"] for a in self.actors}
        self.actors += [a for a in other.actors if a["id"] not in ids]
        ids = {p["id"] for p in self.places}
        self.places += [p for p in other.places if p["id"] not in ids]
        ids = {i["id"] for i in self.interactions}
        self.interactions += [i for i in other.interactions if i["id"] not in ids]


def from_graph(driver: Driver, database: str) -> Known:
    """The live graph's actors and places."""
    from actorgraph.queries import inspect_query

    actors = inspect_query("known_actors").run(driver, database)
    places = inspect_query("known_places").run(driver, database)
    return Known(actors, places)


def graph_interactions(driver: Driver, database: str, days: Sequence[dt.date | str]) -> Known:
    """The live interactions dated to one of `days`: only those can be the same event."""
    from actorgraph.queries import inspect_query

    rows = inspect_query("known_interactions").run(
        driver, database, days=sorted({str(d) for d in days})
    )
    return Known(interactions=[{**r, "day": dt.date.fromisoformat(str(r["day"]))} for r in rows])


def from_files(paths: Sequence[Path], sources_dir: Path | None) -> Known:
    """The records of dataset files, which must validate: a draft resolved against a
    broken file would carry its mistakes."""
    from loader.merge_check import took_part
    from loader.validation import validate_paths

    report = validate_paths(list(paths), sources_dir=sources_dir, strict=False)
    if not report.ok:
        raise DraftError(
            f"--against {', '.join(map(str, paths))} does not validate ({report.errors[0]}); "
            "run `actorgraph validate` on it and fix it first"
        )
    known = Known()
    for loaded in report.files:
        data = loaded.read()
        known.actors += [a.model_dump() for a in data.actors if a.kind and a.name]
        known.places += [p.model_dump() for p in data.places]
        known.interactions += [
            {"id": i.id, "type": i.type, "day": i.date.earliest, "took_part": sorted(took_part(i))}
            for i in data.interactions
            if i.date.precision == "day"
        ]
    return known


def suggest_same_events(interactions: list[Record], known: Known) -> None:
    """Mark each drafted interaction that may be a known one with `same_as`, and say why."""
    from loader.drafting.drafted import NOT_TAKING_PART

    for record in interactions:
        date = record["date"]
        if date.get("precision") != "day":
            continue
        took = {p["actor"] for p in record["participants"] if p["role"] not in NOT_TAKING_PART}
        for other in known.interactions:
            common = sorted(took & set(other["took_part"]))
            same_day = str(other["day"]) == str(date["earliest"])
            if other["type"] == record["type"] and same_day and common:
                record["same_as"] = other["id"]
                record["notes"] += (
                    f"; same_as suggested: {other['id']} is also a {other['type']} on "
                    f"{other['day']} with {', '.join(common)} taking part (merge-check's rule)"
                )
                break
