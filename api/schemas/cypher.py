"""Ad hoc read-only Cypher: the request and its capped result."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.schemas.examples import example


class CypherRequest(BaseModel):
    model_config = example(
        {
            "query": "MATCH (a:Actor {id: $actor}) RETURN a.name AS name, a.kind AS kind",
            "params": {"actor": "vladimir-putin"},
        }
    )
    query: str = Field(
        min_length=1,
        max_length=20_000,
        description="one read-only Cypher statement; refer to parameters as `$name`",
    )
    params: dict[str, Any] = Field(
        default_factory=dict, description="the query's parameters, as JSON values"
    )


class CypherResult(BaseModel):
    model_config = example(
        {
            "columns": ["name", "kind"],
            "rows": [{"name": "Vladimir Putin", "kind": "person"}],
            "truncated": False,
        }
    )
    columns: list[str] = Field(description="the names in the query's RETURN, in order")
    rows: list[dict[str, Any]] = Field(
        description="one object per record, keyed by column. Nodes are {labels, properties}, "
        "relationships {type, properties}, paths {nodes, relationships}; temporal values are "
        "ISO strings, points {srid, x, y[, z]}, NaN and infinities the strings "
        '"NaN", "Infinity", "-Infinity"'
    )
    truncated: bool = Field(description="true when the query had more rows than the row cap")
