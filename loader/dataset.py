"""Pydantic models of one dataset file (one YAML file = one source).

Every model forbids unknown fields, so a misspelt field name is an error and
not a silently ignored value. Cross-record rules (references, vocabulary,
date consistency, quotes) live in ``loader.validation``; these models check
shape and types only. See data/README.md for the meaning of every field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]

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


class Model(BaseModel):
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
    title: NonEmpty
    author: NonEmpty | None = None
    date: dt.date
    publisher: NonEmpty | None = None
    url: NonEmpty | None = None
    text_file: NonEmpty


class Actor(Model):
    id: Slug
    kind: ActorKind
    name: NonEmpty
    aliases: list[NonEmpty] = []
    description: str | None = None
    # Ids of actors that merge-check flagged but an analyst found to be different.
    distinct_from: list[Slug] = []
    notes: str | None = None
    evidence: list[Evidence] = []


class Place(Model):
    id: Slug
    name: NonEmpty
    aliases: list[NonEmpty] = []
    state: Slug
    kind: PlaceKind
    notes: str | None = None
    evidence: list[Evidence] = []


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
    topics: list[NonEmpty] = []
    outcome: str | None = None
    arranges: list[Slug] = []
    part_of: Slug | None = None
    distinct_from: list[Slug] = []
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
    source: Source
    actors: list[Actor] = []
    places: list[Place] = []
    affiliations: list[Affiliation] = []
    memberships: list[Membership] = []
    interactions: list[Interaction] = []
    statements: list[Statement] = []


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
