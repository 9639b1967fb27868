"""An actor's interactions and statements in date order."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.actors import ActorRef, DateBound
from api.schemas.evidence import Evidence
from api.schemas.places import PlaceRef
from api.schemas.statements import StatementInteraction


class TimelineInteraction(BaseModel):
    kind: Literal["interaction"]
    id: str
    date: dt.date | None
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    date_bound: DateBound | None = Field(
        description="what the date the entry is ordered by (earliest, else latest) is: null "
        "when its day, on_or_before when only the latest bound is known, on_or_after when "
        "the entry was on it or after"
    )
    roles: list[str] = Field(description="the actor's roles in it")
    type: str
    status: str
    with_: list[ActorRef] = Field(alias="with", description="the others who took part")
    place: PlaceRef | None
    evidence: list[Evidence]

    # `with` is a Python keyword; FastAPI serializes by alias, so the JSON key is "with".
    model_config = ConfigDict(populate_by_name=True)


class TimelineStatement(BaseModel):
    kind: Literal["statement"]
    id: str
    date: dt.date | None
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    date_bound: DateBound | None = Field(
        description="what the date the entry is ordered by (earliest, else latest) is: null "
        "when its day, on_or_before when only the latest bound is known, on_or_after when "
        "the entry was on it or after"
    )
    quote: str | None
    reported: str | None
    interaction: StatementInteraction | None
    evidence: list[Evidence]


TimelineEntry = Annotated[TimelineInteraction | TimelineStatement, Field(discriminator="kind")]
