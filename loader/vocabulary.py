"""The reference tables: interaction types, roles and the small enums.

This module is the single reference used by the validator, the loader and
the API. ``data/README.md`` carries the same tables; a test checks that they
match (``type_table_markdown`` / ``role_table_markdown`` render them).

CAMEO codes and PLOVER categories: the consultation codes (040-046) and the
PLOVER mapping of each CAMEO code follow the Open Event Data Alliance file
``CAMEO2PLOVER-2021.txt`` (github.com/openeventdata/PLOVER), which maps
041 -> CONSULT/phone, 042 -> CONSULT/visit, 043 -> CONSULT/host,
044 -> CONSULT/third-party, and 040, 045, 046 -> CONSULT with no mode.
The draft PLOVER manual (v0.7b1) lists the CONSULT modes visit, third-party,
multilateral and phone; "multilateral" is taken from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, get_args

from loader.dataset import (
    ActorKind,
    Medium,
    MembershipKind,
    PlaceKind,
    Precision,
    StatementMedium,
    Status,
)


@dataclass(frozen=True)
class InteractionType:
    name: str
    label: str
    cameo: str | None
    plover: str | None
    plover_mode: str | None
    description: str


@dataclass(frozen=True)
class Role:
    name: str
    took_part: bool
    description: str


INTERACTION_TYPES: Final[tuple[InteractionType, ...]] = (
    InteractionType(
        "consultation",
        "Consultation",
        "040",
        "CONSULT",
        None,
        "Consult: a contact whose form (phone, visit, meeting) the source does "
        "not tell, e.g. 'Erdogan, who spoke with Putin'.",
    ),
    InteractionType(
        "call",
        "Call",
        "041",
        "CONSULT",
        "phone",
        "Discuss by telephone; one record per call, however many parties "
        "(a three-way call is one call with three participants).",
    ),
    InteractionType(
        "visit",
        "Visit",
        "042",
        "CONSULT",
        "visit",
        "Make a visit. One record per visit: the visitor (role visitor) makes "
        "it (CAMEO 042); seen from the host (role host) the same event is "
        "CAMEO 043, PLOVER mode host.",
    ),
    InteractionType(
        "meeting",
        "Meeting",
        "044",
        "CONSULT",
        "third-party",
        "Meet at a third location, neither side's home (e.g. Antalya).",
    ),
    InteractionType(
        "multilateral_meeting",
        "MultilateralMeeting",
        "040",
        "CONSULT",
        "multilateral",
        "Meeting of a multilateral body or alliance (e.g. an informal European "
        "Council); CAMEO has no specific code, so 040.",
    ),
    InteractionType(
        "mediation",
        "Mediation",
        "045",
        "CONSULT",
        None,
        "Engage in mediation: a third party's effort to bring others to talks "
        "or agreement. Contacts made for it link to it with part_of.",
    ),
    InteractionType(
        "negotiation",
        "Negotiation",
        "046",
        "CONSULT",
        None,
        "Engage in negotiation: a round, a day's session or a series of talks "
        "between delegations (sessions link to their series with part_of).",
    ),
    InteractionType(
        "address",
        "Address",
        "010",
        None,
        None,
        "Address a body or the public (speech, video or nightly address). "
        "CAMEO 010 make statement; PLOVER does not code comments.",
    ),
    InteractionType(
        "announcement",
        "Announcement",
        "010",
        None,
        None,
        "Publicly announce a decision or an action (e.g. a 'special military "
        "operation', a ceasefire near corridors). CAMEO 010 make statement.",
    ),
    InteractionType(
        "agreement",
        "Agreement",
        "057",
        "SUPPORT",
        None,
        "Sign, agree or adopt a formal agreement, treaty or declaration.",
    ),
    InteractionType(
        "recognition",
        "Recognition",
        "054",
        "SUPPORT",
        None,
        "Grant diplomatic recognition, e.g. by decree or executive order.",
    ),
    InteractionType(
        "application",
        "Application",
        None,
        None,
        None,
        "Apply for membership of an organization. No CAMEO code fits (02x "
        "appeals are requests; PLOVER does not code appeals).",
    ),
    InteractionType(
        "investigation",
        "Investigation",
        "090",
        "ACCUSE",
        "investigate",
        "Open or conduct an investigation (CAMEO 09x INVESTIGATE).",
    ),
    InteractionType(
        "rally",
        "Rally",
        None,
        None,
        None,
        "Hold a mass public rally. No CAMEO code fits (14x codes are protests against a target).",
    ),
)

ROLES: Final[tuple[Role, ...]] = (
    Role("caller", True, "Placed the call (the text says who called)."),
    Role("called", True, "Received the call."),
    Role(
        "participant",
        True,
        "Took part, with no more specific role stated (also both sides of a "
        "call when the text does not say who called).",
    ),
    Role("delegation_head", True, "Led a delegation at this round (named there by the text)."),
    Role("delegation_member", True, "Member of a delegation at this round (named there)."),
    Role("visitor", True, "Made the visit."),
    Role("host", True, "Received a visitor."),
    Role(
        "mediator",
        True,
        "Made the mediation effort (in a mediation record), or mediated while "
        "present in the room or on the line.",
    ),
    Role("speaker", True, "Gave the address or made the announcement."),
    Role(
        "signatory", True, "Signed, agreed or adopted the agreement, treaty, declaration or decree."
    ),
    Role("applicant", True, "Applied, or submitted the application for the applicant."),
    Role("organizer", True, "Held or organized the event (e.g. a rally)."),
    Role("initiator", True, "Performed a one-sided act (e.g. decided to open an investigation)."),
    Role("requester", False, "Asked for the interaction to happen; not present."),
    Role(
        "arranger",
        False,
        "Arranged or mediated the interaction without being present "
        "(the text does not place them there).",
    ),
    Role("venue_state", False, "The state where it took place, where the text names it."),
    Role(
        "addressee",
        False,
        "The body or party addressed (an address, an application, an invitation).",
    ),
    Role("subject", False, "The interaction was about them, or acted upon them."),
)

TYPES_BY_NAME: Final[dict[str, InteractionType]] = {t.name: t for t in INTERACTION_TYPES}
ROLES_BY_NAME: Final[dict[str, Role]] = {r.name: r for r in ROLES}

# The enums are the Literal types of the dataset models, so that the two cannot drift.
ACTOR_KINDS: Final[tuple[str, ...]] = get_args(ActorKind)
DATE_PRECISIONS: Final[tuple[str, ...]] = get_args(Precision)
STATUSES: Final[tuple[str, ...]] = get_args(Status)
MEDIA: Final[tuple[str, ...]] = get_args(Medium)
MEMBERSHIP_KINDS: Final[tuple[str, ...]] = get_args(MembershipKind)
PLACE_KINDS: Final[tuple[str, ...]] = get_args(PlaceKind)
STATEMENT_MEDIA: Final[tuple[str, ...]] = get_args(StatementMedium)


def _cell(value: str | None) -> str:
    return "—" if value is None else value


def type_table_markdown() -> str:
    """The interaction-type table exactly as data/README.md must show it."""
    lines = [
        "| name | Neo4j label | CAMEO | PLOVER | PLOVER mode | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for t in INTERACTION_TYPES:
        lines.append(
            f"| `{t.name}` | `{t.label}` | {_cell(t.cameo)} | {_cell(t.plover)} "
            f"| {_cell(t.plover_mode)} | {t.description} |"
        )
    return "\n".join(lines)


def role_table_markdown() -> str:
    """The role table exactly as data/README.md must show it."""
    lines = ["| role | took part | meaning |", "|---|---|---|"]
    for r in ROLES:
        lines.append(f"| `{r.name}` | {'yes' if r.took_part else 'no'} | {r.description} |")
    return "\n".join(lines)
