"""The live generation as plain data, for telling whether two graphs are identical."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from actorgraph.queries import inspect_query
from actorgraph.values import json_properties


@dataclass(frozen=True)
class GraphExport:
    nodes: list[dict[str, Any]]
    relationships: list[dict[str, Any]]

    def canonical(self) -> str:
        return json.dumps(
            {"nodes": self.nodes, "relationships": self.relationships}, sort_keys=True
        )


def export_live_graph(driver: Driver, database: str) -> GraphExport:
    """Every node and relationship of the live generation, sorted, without internal fields."""
    nodes = inspect_query("live_nodes").run(driver, database)
    rels = inspect_query("live_relationships").run(driver, database)
    node_rows = [
        {"labels": sorted(r["labels"]), "props": json_properties(r["props"])} for r in nodes
    ]
    rel_rows = [
        {
            "from": [r["from_label"], r["from_id"]],
            "type": r["type"],
            "to": [r["to_label"], r["to_id"]],
            "props": json_properties(r["props"]),
        }
        for r in rels
    ]
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    return GraphExport(sorted(node_rows, key=key), sorted(rel_rows, key=key))
