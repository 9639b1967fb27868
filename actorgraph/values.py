"""Values from Neo4j as JSON-ready Python: the one converter for every row we hand out.

Canned queries, ad hoc queries and the graph snapshot all pass their values through
`json_value`, so a date reads the same (`2022-03-01`) wherever it comes from.
"""

from __future__ import annotations

import base64
import math
from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

# Bookkeeping, not facts: which generation a node belongs to (see loader/load.py).
INTERNAL_PROPERTIES = frozenset({"gen"})
PLAIN = frozenset({str, int, bool})


def json_value(value: Any) -> Any:
    """A value of a record as JSON: nodes, relationships, paths, temporal and spatial
    values get plain shapes; NaN and infinities, which JSON cannot hold, become strings."""
    kind = type(value)
    if value is None or kind in PLAIN:
        return value  # most values: a check each, not the ten below (an export has millions)
    # The canned queries' maps and lists, before the isinstance checks (ABC ones among them)
    # that each of their many items would otherwise go through.
    if kind is list:
        return [json_value(v) for v in value]
    if kind is dict:
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": json_properties(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, "properties": json_properties(value)}
    if isinstance(value, Path):
        return {
            "nodes": [json_value(node) for node in value.nodes],
            "relationships": [json_value(rel) for rel in value.relationships],
        }
    if isinstance(value, (Date, DateTime, Time, Duration)):
        return value.iso_format()
    if isinstance(value, Point):
        coordinates = dict(zip(("x", "y", "z"), value, strict=False))
        return {"srid": value.srid, **coordinates}
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def json_properties(entity: Node | Relationship | dict[str, Any]) -> dict[str, Any]:
    """The properties that are facts, as JSON."""
    return {k: json_value(v) for k, v in entity.items() if k not in INTERNAL_PROPERTIES}
