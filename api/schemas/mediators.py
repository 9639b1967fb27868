"""Who mediated between two states: each one scored, with its reasons and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.actors import ActorRef
from api.schemas.evidence import Evidence
from api.schemas.examples import SEED_EVIDENCE, example
from api.schemas.statements import StatementInteraction


class ReasonInteraction(BaseModel):
    id: str
    type: str
    status: str
    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None


class MediatorReason(BaseModel):
    kind: Literal["mediated", "arranged", "hosted", "at_request", "took_part_with_side", "offered"]
    interaction: ReasonInteraction
    about: StatementInteraction | None = Field(
        description="the interaction between the sides that this one arranged, if another"
    )
    side: str | None = Field(
        description="for took_part_with_side: the state met, or 'both' in one interaction"
    )


class MediatorEvidence(Evidence):
    interaction: str


class Mediator(BaseModel):
    model_config = example(
        {
            "actor": {"id": "recep-tayyip-erdogan", "name": "Recep Tayyip Erdogan",
                      "kind": "person"},
            "score": 5,
            "reasons": [
                {"kind": "arranged", "side": None, "about": None, "interaction": {
                    "id": "meeting-2022-03-10-antalya-kuleba-lavrov", "type": "meeting",
                    "status": "held", "date": "2022-03-10", "earliest": "2022-03-10",
                    "latest": "2022-03-10"}},
                {"kind": "at_request", "side": None, "about": None, "interaction": {
                    "id": "meeting-2022-03-10-antalya-kuleba-lavrov", "type": "meeting",
                    "status": "held", "date": "2022-03-10", "earliest": "2022-03-10",
                    "latest": "2022-03-10"}},
            ],
            "evidence": [{**SEED_EVIDENCE,
                          "interaction": "meeting-2022-03-10-antalya-kuleba-lavrov"}],
        }
    )  # fmt: skip
    actor: ActorRef
    score: int
    reasons: list[MediatorReason]
    evidence: list[MediatorEvidence]
