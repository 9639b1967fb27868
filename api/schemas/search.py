"""Full-text search hits."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.examples import example


class HitRecord(BaseModel):
    kind: str = Field(description="actor, statement, interaction or place")
    id: str
    label: str | None = Field(description="a name, an interaction type, or a speaker")


class SearchHit(BaseModel):
    model_config = example(
        {
            "kind": "evidence", "score": 3.1,
            "record": {"kind": "interaction", "id": "negotiation-2022-03-14-video-round-4",
                       "label": "negotiation"},
            "text": "discussing security guarantees", "marks": [[11, 19], [20, 30]],
            "source": "cameron-2022-03-21", "earliest": "2022-03-14", "latest": "2022-03-14",
        }
    )  # fmt: skip
    kind: Literal["actor", "statement", "evidence"] = Field(
        description="what matched: an actor's name or alias, a statement's quote, or an "
        "evidence quote"
    )
    score: float = Field(description="Lucene's relevance: higher is better")
    record: HitRecord
    text: str = Field(description="the text that matched")
    marks: list[tuple[int, int]] = Field(
        description="where the query's words are in `text`: [start, end) character spans"
    )
    source: str | None = Field(description="the source the statement or quote is from")
    loosened_query: str | None = Field(
        default=None,
        description="set when the query as typed matched nothing and these hits matched it "
        "spelled loosely instead: the query that matched, e.g. `Zelensky~`",
    )
    earliest: dt.date | None
    latest: dt.date | None
