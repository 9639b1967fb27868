"""The live generation as plain data: for comparing graphs, and for exports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

# Internal bookkeeping, not facts: which generation a node belongs to.
INTERNAL_PROPERTIES = frozenset({"gen"})

EXPORT_NODES = """
MATCH (d:Dataset {id: 'current'})
MATCH (n) WHERE n.gen = d.gen
RETURN labels(n) AS labels, properties(n) AS props
"""

EXPORT_RELATIONSHIPS = """
MATCH (d:Dataset {id: 'current'})
MATCH (a)-[r]->(b) WHERE a.gen = d.gen
RETURN labels(a)[0] AS from_label, a.id AS from_id, type(r) AS type,
       labels(b)[0] AS to_label, b.id AS to_id, properties(r) AS props
"""


def _plain(value: Any) -> Any:
    """Neo4j temporal values become ISO strings, so that exports compare and serialize."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in sorted(props.items()) if k not in INTERNAL_PROPERTIES}


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
    nodes, _, _ = driver.execute_query(EXPORT_NODES, database_=database, routing_="r")
    rels, _, _ = driver.execute_query(EXPORT_RELATIONSHIPS, database_=database, routing_="r")
    node_rows = [{"labels": sorted(r["labels"]), "props": _props(r["props"])} for r in nodes]
    rel_rows = [
        {
            "from": [r["from_label"], r["from_id"]],
            "type": r["type"],
            "to": [r["to_label"], r["to_id"]],
            "props": _props(r["props"]),
        }
        for r in rels
    ]
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    return GraphExport(sorted(node_rows, key=key), sorted(rel_rows, key=key))
