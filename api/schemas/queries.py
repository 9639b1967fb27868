"""The catalogue of canned Cypher queries, and their results."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.schemas.examples import example


class QueryParameterInfo(BaseModel):
    name: str
    type: str = Field(description="string, date, integer or list<string> (comma-separated)")
    required: bool
    description: str
    example: str | None


class CannedQueryInfo(BaseModel):
    model_config = example(
        {
            "name": "contacts", "title": "Direct contacts of an actor",
            "description": "Actors who took part in a held interaction in which the given "
            "actor took part too ...",
            "params": [{"name": "actor", "type": "string", "required": True,
                        "description": "the actor's id", "example": "'vladimir-putin'"}],
            "browser_params": ":param {actor: 'vladimir-putin', since: null, until: null, "
            "type: null};",
            "file": "cypher/queries/contacts.cypher",
        }
    )  # fmt: skip
    name: str
    title: str
    description: str
    params: list[QueryParameterInfo]
    browser_params: str = Field(description="the line to paste into Browser or cypher-shell")
    file: str


class CannedQueryResult(BaseModel):
    name: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
