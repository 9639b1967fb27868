"""Pydantic models of one dataset file (one YAML file = one source).

Every model forbids unknown fields, so a misspelt field name is an error and
not a silently ignored value. Cross-record rules (references, vocabulary,
date consistency, quotes) live in ``loader.validation``; these models check
shape and types only. See data/README.md for the meaning of every field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
# An item of Wikidata: Q and its number, e.g. Q7747. Only its form can be checked offline.
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]

ActorKind = Literal["person", "state", "organization"]
Precision = Literal["day", "month", "year", "between", "unknown"]
Status = Literal["held", "planned", "proposed", "ruled_out"]
Medium = Literal["phone", "in_person", "video", "written", "unknown"]
MembershipKind = Literal["part_of", "member_of"]
PlaceKind = Literal["city", "region", "venue", "site"]
StatementMedium = Literal[
    "tweet",
    "readout",
    "press_conference",
    "interview",
    "address",
    "blog",
    "statement",
    "declaration",
    "unknown",
]


def country(alpha_2: str) -> Any:
    """The ISO 3166-1 country of a two-letter code, from pycountry's copy of the standard."""
    if len(alpha_2) != 2 or not alpha_2.isupper():
        return None
    return pycountry.countries.get(alpha_2=alpha_2)


class Model(BaseModel):
    # Lists default to `Field(default_factory=list)`: pydantic deep-copies a `= []` default
    # for every record, which took a tenth of a 100k validation.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Model):
    """A verbatim quote from a source that proves the record.

    ``source`` defaults to the id of the file's own source. Character offsets
    are not written here; the validator computes them (ValidationReport.offsets).
    """

    quote: NonEmpty
    source: Slug | None = None


class DateRange(Model):
    precision: Precision
    earliest: dt.date | None = None
    latest: dt.date | None = None
    notes: str | None = None


class Duration(Model):
    minutes: Annotated[int, Field(gt=0)]
    approx: bool = False


class Source(Model):
    id: Slug
    # A press note or a readout may have no headline; the text's first words stand in.
    title: NonEmpty | None = None
    author: NonEmpty | None = None
    date: dt.date
    publisher: NonEmpty | None = None
    url: NonEmpty | None = None
    text_file: NonEmpty


class Actor(Model):
    """An actor this source defines (with `kind` and `name`), or, without both, what this
    source adds to an actor another source defines: aliases and evidence."""

    id: Slug
    kind: ActorKind | None = None
    name: NonEmpty | None = None
    aliases: list[NonEmpty] = Field(default_factory=list)
    description: str | None = None
    wikidata: WikidataId | None = None
    # A state's ISO 3166-1 alpha-2 code; its alpha-3 code follows from it.
    iso: str | None = None
    # Ids of actors that merge-check flagged but an analyst found to be different.
    distinct_from: list[Slug] = Field(default_factory=list)
    notes: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def defines(self) -> bool:
        return self.kind is not None and self.name is not None

    @field_validator("iso")
    @classmethod
    def _iso_code(cls, code: str | None) -> str | None:
        if code is not None and country(code) is None:
            raise ValueError(
                f"{code!r} is not an ISO 3166-1 alpha-2 code: two capital letters that name "
                "a country, e.g. UA, RU, TR"
            )
        return code


def merged_actors(actors: Iterable[Actor]) -> dict[str, Actor]:
    """One actor per id from the entries of every file: the first definition's kind and name,
    every other name as an alias, and the aliases, evidence and distinct_from of all."""
    entries: dict[str, list[Actor]] = {}
    for actor in actors:
        entries.setdefault(actor.id, []).append(actor)
    merged = {}
    for aid, group in entries.items():
        definition = next((a for a in group if a.defines), group[0])
        aliases: list[str] = []
        for a in group:
            for alias in [*([a.name] if a.name and a.name != definition.name else []), *a.aliases]:
                if alias not in aliases:
                    aliases.append(alias)
        merged[aid] = definition.model_copy(
            update={
                "aliases": aliases,
                "evidence": [e for a in group for e in a.evidence],
                "distinct_from": sorted({d for a in group for d in a.distinct_from}),
            }
        )
    return merged


class Coordinates(Model):
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]


class Place(Model):
    id: Slug
    name: NonEmpty
    aliases: list[NonEmpty] = Field(default_factory=list)
    state: Slug
    kind: PlaceKind
    coordinates: Coordinates | None = None
    notes: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Affiliation(Model):
    id: Slug
    person: Slug
    organization: Slug
    role: NonEmpty
    date: DateRange | None = None
    notes: str | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]


class Membership(Model):
    id: Slug | None = None
    member: Slug
    parent: Slug
    kind: MembershipKind
    notes: str | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]


class Participant(Model):
    actor: Slug
    role: NonEmpty
    notes: str | None = None


class Interaction(Model):
    id: Slug
    type: NonEmpty
    status: Status
    date: DateRange
    occurrences: int | Literal["several"] | None = None
    duration: Duration | None = None
    place: Slug | None = None
    medium: Medium = "unknown"
    participants: Annotated[list[Participant], Field(min_length=1)]
    topics: list[NonEmpty] = Field(default_factory=list)
    outcome: str | None = None
    arranges: list[Slug] = Field(default_factory=list)
    part_of: Slug | None = None
    distinct_from: list[Slug] = Field(default_factory=list)
    same_as: Slug | None = None
    realized_by: Slug | None = None
    notes: str | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]

    @field_validator("occurrences", mode="before")
    @classmethod
    def _occurrences(cls, value: Any) -> Any:
        # Checked before the union so that a bad value gives one clear error
        # instead of one error per union member.
        if value is None or value == "several":
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        raise ValueError(
            f"occurrences must be a whole number >= 1, 'several' or null, got {value!r}"
        )


class Statement(Model):
    id: Slug
    speaker: Slug | None = None
    speaker_description: NonEmpty | None = None
    speaker_affiliation: Slug | None = None
    reported_by: Slug | None = None
    reported_by_description: NonEmpty | None = None
    date: DateRange
    interaction: Slug | None = None
    medium: StatementMedium = "unknown"
    quote: NonEmpty | None = None
    reported: NonEmpty | None = None
    notes: str | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]


class SourceFile(Model):
    # `actorgraph draft` writes `draft: true`: the file is a proposal that validates but
    # does not load until a person has reviewed it and removed the flag.
    draft: bool = False
    source: Source
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)


def all_field_names() -> frozenset[str]:
    """Every field name of every model, for 'did you mean' suggestions."""
    models: tuple[type[BaseModel], ...] = (
        Evidence,
        DateRange,
        Duration,
        Source,
        Actor,
        Place,
        Affiliation,
        Membership,
        Participant,
        Interaction,
        Statement,
        SourceFile,
    )
    return frozenset(name for m in models for name in m.model_fields)
