"""Interactions: who took part in what role, when and where, and what each source says of them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas.actors import ActorRef
from api.schemas.evidence import Evidence
from api.schemas.examples import SEED_EVIDENCE, example
from api.schemas.places import PlaceRef


class Participant(BaseModel):
    actor: ActorRef
    role: str
    took_part: bool = Field(description="false for requester, arranger, venue_state, ...")
    sources: list[str] = Field(
        default=[], description="the sources that give this actor this role in it"
    )


INTERACTION_EXAMPLE: dict[str, Any] = {
    "id": "meeting-2022-03-10-antalya-kuleba-lavrov", "type": "meeting", "cameo": "044",
    "status": "held", "date": "2022-03-10", "date_precision": "day",
    "earliest": "2022-03-10", "latest": "2022-03-10", "date_notes": None,
    "place": {"id": "antalya", "name": "Antalya"},
    "participants": [
        {"actor": {"id": "dmytro-kuleba", "name": "Dmytro Kuleba", "kind": "person"},
         "role": "participant", "took_part": True},
        {"actor": {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person"},
         "role": "participant", "took_part": True},
        {"actor": {"id": "recep-tayyip-erdogan", "name": "Recep Tayyip Erdogan",
                   "kind": "person"}, "role": "arranger", "took_part": False},
        {"actor": {"id": "ukraine", "name": "Ukraine", "kind": "state"},
         "role": "requester", "took_part": False},
    ],
    "evidence": [SEED_EVIDENCE], "sources": 1, "medium": "in_person", "occurrences": None,
    "duration_minutes": 90, "duration_approx": False,
    "topics": ["the situation in Ukraine", "ceasefire"], "outcome": "No agreement reported.",
    "notes": None,
}  # fmt: skip


class Interaction(BaseModel):
    model_config = example(INTERACTION_EXAMPLE)
    id: str
    type: str
    cameo: str | None
    status: str = Field(description="held, planned, proposed or ruled_out")
    date: dt.date | None = Field(description="the day, when the precision is day; else null")
    date_precision: str | None = Field(description="day, month, year, between or unknown")
    earliest: dt.date | None
    latest: dt.date | None
    date_notes: str | None
    place: PlaceRef | None
    participants: list[Participant]
    evidence: list[Evidence]
    sources: int = Field(description="the number of distinct sources backing it")
    medium: str | None
    occurrences: str | None = Field(description="e.g. 'several' for a series")
    duration_minutes: int | None
    duration_approx: bool | None
    topics: list[str] | None
    outcome: str | None
    notes: str | None


class InteractionRef(BaseModel):
    id: str
    type: str
    status: str
    earliest: dt.date | None = None
    latest: dt.date | None = None


class InteractionLink(BaseModel):
    relation: Literal["arranges", "part_of", "same_as", "realized_by"]
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this interaction arranges / is part of ... the other"
    )
    interaction: InteractionRef


class StatementSummary(BaseModel):
    id: str
    speaker: ActorRef | None
    speaker_description: str | None
    quote: str | None
    reported: str | None


class Reading(BaseModel):
    source: str
    record: str | None = Field(description="the record's id in that source's file")
    status: str | None
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    place: str | None
    duration_minutes: int | None
    medium: str | None
    participants: list[str] = Field(
        default=[], description="whom this source puts in it, as actor:role"
    )


class InteractionDetail(Interaction):
    model_config = example(
        {
            **INTERACTION_EXAMPLE,
            "links": [{"relation": "arranges", "direction": "incoming", "interaction": {
                "id": "consultation-erdogan-putin-before-antalya", "type": "consultation",
                "status": "held", "earliest": None, "latest": "2022-03-10"}}],
            "statements": [{"id": "cavusoglu-2022-03-10-no-miracles", "speaker": {
                "id": "mevlut-cavusoglu", "name": "Mevlut Cavusoglu", "kind": "person"},
                "speaker_description": None,
                "quote": "There is no point in expecting miracles from this meeting.",
                "reported": None}],
        }
    )  # fmt: skip
    links: list[InteractionLink]
    statements: list[StatementSummary]
    conflicts: list[str] = Field(
        default=[],
        description="fields on which the sources disagree, participants included (two sources "
        "give one actor different roles); see readings",
    )
    merged_ids: list[str] = Field(
        default=[], description="ids of records that other sources marked same_as this one"
    )
    readings: list[Reading] = Field(default=[], description="what each source says of it")
