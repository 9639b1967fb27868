"""Statements: who said what, about which interaction."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.schemas.actors import ActorRef
from api.schemas.evidence import Evidence
from api.schemas.examples import example


class StatementInteraction(BaseModel):
    id: str
    type: str
    status: str


class Statement(BaseModel):
    model_config = example(
        {
            "id": "podoliak-2022-03-18-no-territories",
            "speaker": {"id": "mykhailo-podoliak", "name": "Mykhailo Podoliak", "kind": "person"},
            "speaker_description": None, "speaker_from": None, "reported_by": None,
            "reported_by_description": None, "date": "2022-03-18", "date_precision": "day",
            "earliest": "2022-03-18", "latest": "2022-03-18", "date_notes": None,
            "quote": "We cannot give away any territories.", "reported": None, "medium": None,
            "interaction": {"id": "negotiation-2022-03-18", "type": "negotiation",
                            "status": "held"},
            "evidence": [{"source": "cameron-2022-03-21",
                          "quote": "\"This process,\" he said, \"may drag longer.",
                          "start": None, "end": None}],
            "source": "cameron-2022-03-21", "notes": None,
        }
    )  # fmt: skip
    id: str
    speaker: ActorRef | None = Field(description="who spoke, when named")
    speaker_description: str | None = Field(description="an unnamed speaker, as the text puts it")
    speaker_from: ActorRef | None = Field(description="the state or body an unnamed speaker is of")
    reported_by: ActorRef | None = Field(description="who issued the readout or report")
    reported_by_description: str | None
    date: dt.date | None
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    date_notes: str | None
    quote: str | None = Field(description="the speaker's words as quoted")
    reported: str | None = Field(description="the text's indirect report of what was said")
    medium: str | None
    interaction: StatementInteraction | None = Field(description="what it was said about")
    evidence: list[Evidence]
    source: str | None
    notes: str | None
