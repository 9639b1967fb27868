"""Actors, their positions and memberships, and their direct contacts."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.evidence import Evidence
from api.schemas.examples import example

DateBound = Literal["on_or_before", "on_or_after"]
"""What a date summarising others is when it is not a known day: a bound, from above or below."""


class ActorRef(BaseModel):
    model_config = example({"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person"})
    id: str
    name: str
    kind: str = Field(description="person, state or organization")


class Actor(ActorRef):
    model_config = example(
        {"id": "russia", "name": "Russia", "kind": "state", "aliases": [],
         "wikidata": "Q159", "iso2": "RU", "iso3": "RUS"}
    )  # fmt: skip
    aliases: list[str]
    wikidata: str | None = Field(
        default=None, description="the Wikidata item, where a curator is certain of it"
    )
    iso2: str | None = Field(default=None, description="a state's ISO 3166-1 alpha-2 code")
    iso3: str | None = Field(default=None, description="a state's ISO 3166-1 alpha-3 code")


class Affiliation(BaseModel):
    id: str
    role: str
    person: ActorRef
    organization: ActorRef
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    notes: str | None
    source: str | None = Field(description="the first source to record it")
    sources: list[str] = Field(default=[], description="every source that records it")
    conflicts: list[str] = Field(
        default=[], description="fields the sources give differently (the first source's shown)"
    )
    evidence: list[Evidence]


class Membership(BaseModel):
    id: str
    kind: Literal["part_of", "member_of"]
    member: ActorRef
    parent: ActorRef
    notes: str | None
    source: str | None = Field(description="the first source to record it")
    sources: list[str] = Field(default=[], description="every source that records it")
    conflicts: list[str] = Field(
        default=[], description="fields the sources give differently (the first source's shown)"
    )
    evidence: list[Evidence]


class ActorDetail(Actor):
    model_config = example(
        {
            "id": "vladimir-medinsky", "name": "Vladimir Medinsky", "kind": "person",
            "aliases": ["Medinsky"], "description": None, "sources": ["cameron-2022-03-21"],
            "evidence": [{"source": "cameron-2022-03-21",
                          "quote": "former minister of culture and presidential adviser "
                          "Vladimir Medinsky", "start": 3464, "end": 3533}],
            "affiliations": [{
                "id": "medinsky-head-of-russian-delegation", "role": "head of delegation",
                "person": {"id": "vladimir-medinsky", "name": "Vladimir Medinsky",
                           "kind": "person"},
                "organization": {"id": "russian-delegation", "name": "Russian delegation",
                                 "kind": "organization"},
                "date_precision": "between", "earliest": "2022-02-28", "latest": "2022-03-18",
                "notes": None, "source": "cameron-2022-03-21",
                "evidence": [{"source": "cameron-2022-03-21", "quote": "Medinsky, the head of "
                              "the Russian delegation", "start": 20109, "end": 20153}],
            }],
            "memberships": [],
        }
    )  # fmt: skip
    description: str | None
    sources: list[str] = Field(description="every source that names the actor, in any record")
    conflicts: list[str] = Field(
        default=[],
        description="fields its defining sources give differently: name (the others' names "
        "are aliases) or description (the first source's shown)",
    )
    evidence: list[Evidence]
    affiliations: list[Affiliation] = Field(
        description="positions this actor holds, or that people hold in it"
    )
    memberships: list[Membership] = Field(
        description="part_of / member_of links from or to this actor"
    )


class Contact(BaseModel):
    model_config = example(
        {
            "actor": {"id": "olaf-scholz", "name": "Olaf Scholz", "kind": "person"},
            "interactions": 4, "first": "2022-03-04", "first_bound": None, "last": "2022-03-18",
            "last_bound": None, "types": ["call"],
            "sources": 1, "source_ids": ["cameron-2022-03-21"],
            "interaction_ids": ["call-2022-03-04-scholz-putin",
                                "call-2022-03-10-macron-scholz-putin",
                                "call-2022-03-12-macron-scholz-putin",
                                "call-2022-03-18-putin-scholz"],
        }
    )  # fmt: skip
    actor: ActorRef
    interactions: int = Field(description="held interactions both took part in")
    first: dt.date | None = Field(
        description="earliest known date among them; never later than a date that bounds one "
        "of them from above"
    )
    first_bound: DateBound | None = Field(
        description="null when first is the day of the first contact; on_or_before or "
        "on_or_after when the first contact was on first or before it, or on it or after it"
    )
    last: dt.date | None = Field(
        description="latest known date among them; never earlier than a date that bounds one "
        "of them from below"
    )
    last_bound: DateBound | None = Field(
        description="null when last is the day of the last contact; otherwise as first_bound"
    )
    types: list[str] = Field(description="their interaction types")
    sources: int = Field(
        description="the number of sources that put both actors in one of these interactions "
        "as taking part"
    )
    source_ids: list[str] = Field(description="ids of those sources")
    interaction_ids: list[str] = Field(description="their ids, in date order")
