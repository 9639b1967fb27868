"""The shortest chain of direct contacts between two actors, and what backs each hop."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.schemas.actors import ActorRef
from api.schemas.evidence import Evidence
from api.schemas.examples import example


class PathInteraction(BaseModel):
    id: str
    type: str
    status: str
    date: dt.date | None
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    evidence: list[Evidence]


class Path(BaseModel):
    model_config = example(
        {
            "hops": 2,
            "chain": [
                {"id": "volodymyr-zelenskyy", "name": "Volodymyr Zelenskyy", "kind": "person"},
                {"id": "naftali-bennett", "name": "Naftali Bennett", "kind": "person"},
                {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person"},
            ],
            "via": [
                {"id": "calls-bennett-zelenskyy", "type": "call", "status": "held",
                 "date": None, "date_precision": "unknown", "earliest": None, "latest": None,
                 "evidence": [{"source": "cameron-2022-03-21", "quote": "subsequently spoke by "
                               "phone on several occasions with him and with Zelenskyy",
                               "start": None, "end": None}]},
            ],
        }
    )  # fmt: skip
    hops: int
    chain: list[ActorRef] = Field(description="from the first actor to the last")
    via: list[PathInteraction] = Field(description="the interaction behind each hop")
