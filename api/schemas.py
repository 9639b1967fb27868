"""Response models. Field names are fixed by issue 5; examples are taken from the seed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SEED_EVIDENCE = {
    "source": "cameron-2022-03-21",
    "quote": "Kuleba and Russian Foreign Minister Sergey Lavrov met on the sidelines of a "
    "diplomatic forum in Antalya, Turkey",
    "start": 8144,
    "end": 8255,
}


def example(value: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [value]})


class ActorRef(BaseModel):
    model_config = example({"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person"})
    id: str
    name: str
    kind: str = Field(description="person, state or organization")


class Evidence(BaseModel):
    model_config = example(SEED_EVIDENCE)
    source: str = Field(description="the source's id (see GET /sources/{id})")
    quote: str = Field(description="the verbatim quote")
    start: int | None = Field(description="character offset of the quote in the source text")
    end: int | None


class Actor(ActorRef):
    model_config = example(
        {"id": "mevlut-cavusoglu", "name": "Mevlut Cavusoglu", "kind": "person",
         "aliases": ["Cavusoglu"]}
    )  # fmt: skip
    aliases: list[str]


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
            "interactions": 4, "first": "2022-03-04", "last": "2022-03-18", "types": ["call"],
            "sources": 1, "source_ids": ["cameron-2022-03-21"],
            "interaction_ids": ["call-2022-03-04-scholz-putin",
                                "call-2022-03-10-macron-scholz-putin",
                                "call-2022-03-12-macron-scholz-putin",
                                "call-2022-03-18-putin-scholz"],
        }
    )  # fmt: skip
    actor: ActorRef
    interactions: int = Field(description="held interactions both took part in")
    first: dt.date | None = Field(description="earliest known date among them")
    last: dt.date | None = Field(description="latest known date among them")
    types: list[str] = Field(description="their interaction types")
    sources: int = Field(
        description="the number of sources that put both actors in one of these interactions "
        "as taking part"
    )
    source_ids: list[str] = Field(description="ids of those sources")
    interaction_ids: list[str] = Field(description="their ids, in date order")


class PlaceRef(BaseModel):
    id: str
    name: str


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


class Source(BaseModel):
    model_config = example(
        {
            "id": "cameron-2022-03-21",
            "title": "As Russian attacks against Kyiv, Mariupol, other cities continue, some "
            "progress in peace talks. But toughest issues remain",
            "author": "David R. Cameron", "date": "2022-03-21", "publisher": None, "url": None,
            "text_file": "cameron-2022-03-21.txt",
            "interactions": ["meeting-2022-03-10-antalya-kuleba-lavrov"],
            "statements": ["cavusoglu-2022-03-10-no-miracles"], "actors": ["vladimir-putin"],
            "places": ["antalya"], "affiliations": ["putin-president-of-russia"],
            "memberships": ["russian-delegation-part-of-russia"],
        }
    )  # fmt: skip
    id: str
    title: str | None
    author: str | None
    date: dt.date | None
    publisher: str | None
    url: str | None
    text_file: str | None
    interactions: list[str] = Field(description="ids of the interactions it evidences")
    statements: list[str]
    actors: list[str]
    places: list[str]
    affiliations: list[str]
    memberships: list[str]


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
    state: ActorRef | None
    interactions: int = Field(description="interactions held there")
    evidence: list[Evidence]


class ReasonInteraction(BaseModel):
    id: str
    type: str
    status: str
    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None


class MediatorReason(BaseModel):
    kind: Literal["mediated", "arranged", "hosted", "at_request", "took_part_with_side"]
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


class TimelineInteraction(BaseModel):
    kind: Literal["interaction"]
    id: str
    date: dt.date | None
    date_precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
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
    quote: str | None
    reported: str | None
    interaction: StatementInteraction | None
    evidence: list[Evidence]


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


TimelineEntry = Annotated[TimelineInteraction | TimelineStatement, Field(discriminator="kind")]


class CypherRequest(BaseModel):
    model_config = example(
        {
            "query": "MATCH (a:Actor {id: $actor}) RETURN a.name AS name, a.kind AS kind",
            "params": {"actor": "vladimir-putin"},
        }
    )
    query: str = Field(
        min_length=1,
        max_length=20_000,
        description="one read-only Cypher statement; refer to parameters as `$name`",
    )
    params: dict[str, Any] = Field(
        default_factory=dict, description="the query's parameters, as JSON values"
    )


class CypherResult(BaseModel):
    model_config = example(
        {
            "columns": ["name", "kind"],
            "rows": [{"name": "Vladimir Putin", "kind": "person"}],
            "truncated": False,
        }
    )
    columns: list[str] = Field(description="the names in the query's RETURN, in order")
    rows: list[dict[str, Any]] = Field(
        description="one object per record, keyed by column. Nodes are {labels, properties}, "
        "relationships {type, properties}, paths {nodes, relationships}; temporal values are "
        "ISO strings, points {srid, x, y[, z]}, NaN and infinities the strings "
        '"NaN", "Infinity", "-Infinity"'
    )
    truncated: bool = Field(description="true when the query had more rows than the row cap")
