"""The history: what each load added, removed or changed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.examples import example


class Change(BaseModel):
    kind: Literal["interaction", "actor", "contact"]
    change: Literal["added", "removed", "changed"]
    id: str = Field(description="the record's id; for a contact, the two actors' ids as a|b")
    label: str | None = Field(description="its type, or the actor's or the pair's names")
    sources: list[str] = Field(
        description="the sources that state it (for a contact: that put both actors in one "
        "of its interactions)"
    )


class ChangeCounts(BaseModel):
    added: int | None
    removed: int | None
    changed: int | None


class Changeset(BaseModel):
    model_config = example(
        {
            "id": "load-5c0f2e9a1b7d3c4e", "at": "2026-12-02T05:30:00Z",
            "by": "curator@laptop", "sources": ["press-note-2022-03-10"],
            "removed_sources": [], "first": False, "generation": 2, "interactions": 52,
            "counts": {"added": 1, "removed": 0, "changed": 3}, "truncated": False,
            "changes": [
                {"kind": "contact", "change": "added", "id": "dmytro-kuleba|mevlut-cavusoglu",
                 "label": "Dmytro Kuleba – Mevlut Cavusoglu",
                 "sources": ["press-note-2022-03-10"]},
            ],
        }
    )  # fmt: skip
    id: str
    at: str = Field(description="when the load published, ISO 8601 in UTC")
    by: str = Field(description="who loaded: user@host")
    sources: list[str] = Field(description="the sources the load gave (new or replaced) or removed")
    removed_sources: list[str]
    first: bool = Field(description="a first load into an empty graph: counts only, no changes")
    generation: int
    interactions: int | None = Field(description="interactions in the graph after the load")
    counts: ChangeCounts
    truncated: bool | None = Field(
        description="the load changed more than the 10,000 changes listed (counts are of those)"
    )
    changes: list[Change]
