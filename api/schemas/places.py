"""Places where interactions were held."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.actors import ActorRef
from api.schemas.evidence import Evidence
from api.schemas.examples import example


class PlaceRef(BaseModel):
    id: str
    name: str


class Coordinates(BaseModel):
    latitude: float
    longitude: float


class Place(BaseModel):
    model_config = example(
        {"id": "antalya", "name": "Antalya", "kind": "city", "aliases": [],
         "state": {"id": "turkey", "name": "Turkey", "kind": "state"}, "interactions": 1,
         "evidence": [{"source": "cameron-2022-03-21",
                       "quote": "a diplomatic forum in Antalya, Turkey",
                       "start": 8218, "end": 8255}]}
    )  # fmt: skip
    id: str
    name: str
    kind: str | None
    aliases: list[str]
    coordinates: Coordinates | None = Field(
        default=None, description="where it is, when the dataset gives it (WGS 84 degrees)"
    )
    state: ActorRef | None
    interactions: int = Field(description="interactions held there")
    evidence: list[Evidence]
