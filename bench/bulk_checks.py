"""What tells the imported graph from the loader's: nodes by label, relationships by type,
the answers of canned queries read through the live pointer and, when asked, the whole
live generation (loader/snapshot.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from actorgraph.queries import canned, inspect_query
from loader.snapshot import export_live_graph

# Set by the load at each run, so never the same twice.
STAMPS = ("loaded_at", "loaded_by")


@dataclass
class GraphFacts:
    labels: dict[str, int]
    types: dict[str, int]
    answers: dict[str, list[dict[str, Any]]]
    snapshot: dict[str, list[str]] = field(default_factory=dict)


def canned_answers(driver: Driver, database: str) -> dict[str, list[dict[str, Any]]]:
    """Canned queries on an actor and an interaction of the graph, found through it."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        return canned(name).run(driver, database, **params)

    answers = {"actors": run("actors", skip=0, limit=100)}
    actor = answers["actors"][0]
    answers["actor"] = run("actor", actor=actor["id"])
    answers["contacts"] = run("contacts", actor=actor["id"], skip=0, limit=100)
    answers["timeline"] = run("timeline", actor=actor["id"], skip=0, limit=100)
    answers["interactions"] = run("interactions", actor=actor["id"], offset=0, limit=100)
    if answers["interactions"]:
        answers["interaction"] = run("interaction", id=answers["interactions"][0]["id"])
    answers["statements"] = run("statements", skip=0, limit=100)
    answers["places"] = run("places", skip=0, limit=100)
    answers["search"] = run("search", q=json.dumps(actor["name"]), limit=20, skip=0)
    return answers


def _without_stamps(row: dict[str, Any]) -> str:
    """A snapshot row without the load's stamps, nor the label that names a relationship's
    ends: `labels(n)[0]` follows the order in which label ids were created, which differs
    between the importer and the loader (ids are unique across labels)."""
    props = {k: v for k, v in row["props"].items() if k not in STAMPS}
    ends = {end: row[end][1] for end in ("from", "to") if end in row}
    return json.dumps({**row, **ends, "props": props}, sort_keys=True)


def graph_facts(driver: Driver, database: str, *, snapshot: bool) -> GraphFacts:
    labels = inspect_query("live_label_counts").run(driver, database)
    types = inspect_query("live_type_counts").run(driver, database)
    facts = GraphFacts(
        labels={r["label"]: r["count"] for r in labels},
        types={r["type"]: r["count"] for r in types},
        answers=canned_answers(driver, database),
    )
    if snapshot:
        export = export_live_graph(driver, database)
        facts.snapshot = {
            "nodes": sorted(map(_without_stamps, export.nodes)),
            "relationships": sorted(map(_without_stamps, export.relationships)),
        }
    return facts


def _first_difference(a: list[Any], b: list[Any]) -> str:
    for index, (left, right) in enumerate(zip(a, b, strict=False)):
        if left != right:
            return f"first at {index}: {str(left)[:400]} | {str(right)[:400]}"
    return f"{len(a)} rows against {len(b)}"


def compare(online: GraphFacts, bulk: GraphFacts) -> list[str]:
    """What differs, one line each; nothing when the graphs agree in what was compared."""
    found = []
    if online.labels != bulk.labels:
        found.append(f"labels: {online.labels} | {bulk.labels}")
    if online.types != bulk.types:
        found.append(f"types: {online.types} | {bulk.types}")
    for name, rows in online.answers.items():
        theirs = bulk.answers.get(name, [])
        if rows != theirs:
            found.append(f"canned {name}: {_first_difference(rows, theirs)}")
    for part, lines in online.snapshot.items():
        others = bulk.snapshot.get(part, [])
        if lines != others:
            missing = sorted(set(lines) - set(others))[:2]
            extra = sorted(set(others) - set(lines))[:2]
            found.append(f"snapshot {part}: only online {missing}; only bulk {extra}")
    return found
