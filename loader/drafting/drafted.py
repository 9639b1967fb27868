"""What the drafter makes of one sentence, and what it carries from one to the next."""

from __future__ import annotations

from dataclasses import dataclass, field

from loader.drafting.actors import ActorBook
from loader.drafting.dates import ResolvedDate
from loader.vocabulary import ROLES_BY_NAME

NEEDS_TWO = {"call", "meeting", "consultation", "visit", "negotiation"}
NOT_TAKING_PART = {name for name, role in ROLES_BY_NAME.items() if not role.took_part}


@dataclass
class Drafted:
    type: str
    status: str
    medium: str | None
    date: ResolvedDate
    participants: list[tuple[str, str]]  # (actor id, role)
    quote: str
    cue: str
    place: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What one sentence may point back to."""

    book: ActorBook
    dateline: object
    previous_persons: list[str] = field(default_factory=list)
    previous_date: ResolvedDate | None = None
    previous_parties: list[tuple[str, str]] = field(default_factory=list)
