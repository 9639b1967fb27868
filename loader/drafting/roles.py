"""Who took part in a drafted contact, and as what: the words around the cue decide.

"X called Y" gives caller and called, "X received Y" host and visitor, "arranged by X" an
arranger; "he" and "his two guests" point back; a round of talks between states is held by
their delegations (data/README.md).
"""

from __future__ import annotations

import re

from loader.drafting import cues
from loader.drafting.actor_proposals import delegation
from loader.drafting.actors import ActorBook, Mention
from loader.drafting.drafted import NEEDS_TWO, NOT_TAKING_PART, Context
from loader.drafting.text import clause_bounds


def roles_in(
    text: str, kind: str, match: re.Match[str], inside: list[Mention], context: Context, left: int
) -> list[tuple[str, str]]:
    book = context.book
    aside = _aside(text, inside)
    subject = relative_subject(text, match, inside)
    if subject is not None:
        aside.pop(subject, None)
    roles: list[tuple[str, str]] = [(m.actor, aside[m]) for m in inside if m in aside]
    people = [m for m in inside if m not in aside and not m.adjective]
    if kind == "negotiation":
        return roles + negotiators(text, inside, aside, book)
    before, after = _sides(text, match, people, book)
    pronoun = cues.PRONOUNS.search(text[max(match.start() - 40, 0) : match.end() + 40])
    if pronoun:
        wanted = 2 if cues.TWO.search(pronoun.group()) else 1
        back = _pointed_back(text, left, before + after, context, wanted)
        (after if before else before).extend(back)
    first, second = _pair_roles(kind, match)
    if cues.PASSIVE_BY.match(text[match.end() :]):
        first, second = second, first  # "a ceremony hosted by Erdogan"
    roles += [(a, first) for a in dict.fromkeys(before)]
    roles += [(a, second) for a in dict.fromkeys(after) if a not in before]
    if kind not in NEEDS_TWO:
        return roles  # a state signs, announces or applies as much as a person
    return _people_first(text, roles, people, book)


def _sides(
    text: str, match: re.Match[str], people: list[Mention], book: ActorBook
) -> tuple[list[str], list[str]]:
    """Who is named before the cue (its subject: not one who only reports it, "Blinken said
    he expected Biden and Xi to speak"), and who after it (a traveller's place is no host)."""

    def reports(m: Mention) -> bool:
        return bool(cues.SPEECH.search(text[m.end : match.start()]))

    before = [m.actor for m in people if m.start <= match.start() < m.end
              or (m.start < match.start() and not reports(m))]  # fmt: skip
    after = [m.actor for m in people if m.start >= match.end() and m.actor not in before]
    if cues.TRAVEL.match(match.group()):
        after = [a for a in after if book.actors[a].kind == "state"]
    return before, after


def _people_first(
    text: str, roles: list[tuple[str, str]], people: list[Mention], book: ActorBook
) -> list[tuple[str, str]]:
    """In a contact between people, a state named beside them is where or what, not who;
    unless it is the one spoken "with" ("talks with Thai officials")."""
    objects = {m.actor for m in people if cues.WITH_BEFORE.search(text[: m.start])}
    if not any(book.actors[a].kind == "person" for a, _ in roles):
        return roles
    return [
        (a, r) for a, r in roles
        if book.actors[a].kind != "state" or r in NOT_TAKING_PART or a in objects
    ]  # fmt: skip


def relative_subject(text: str, match: re.Match[str], named: list[Mention]) -> Mention | None:
    """In "..., Erdogan, who spoke with Putin", the name before "who" is the subject; so it
    is in "Bennett, who met with Putin and subsequently spoke by phone with him"."""
    start = clause_bounds(text, match.start(), match.end())[0]
    while start > 0 and cues.CONTINUES.match(text[start : match.start()]):
        start = clause_bounds(text, start - 1, start - 1)[0]
    if not cues.RELATIVE.match(text[start : match.start()]):
        return None
    before = [m for m in named if m.end <= start and not m.adjective]
    return before[-1] if before else None


def _pointed_back(
    text: str, left: int, taken: list[str], context: Context, wanted: int
) -> list[str]:
    """Whom "he" (one) or "his two guests" (two) means: the persons named earlier in the
    sentence, nearest first; then those of the sentence before: its first for "he" (the
    subject, as English tells it), its last ones for "the two leaders". Never one of
    `taken`: "Macron called Putin and spoke with him" is Putin, already named."""
    earlier = [m.actor for m in context.book.mentions(text[:left])]
    persons = [p for p in earlier if context.book.actors[p].kind == "person"][::-1]
    previous = context.previous_persons if wanted == 1 else context.previous_persons[::-1]
    back = [p for p in dict.fromkeys(persons + previous) if p not in taken]
    return back[:wanted]


def _pair_roles(kind: str, match: re.Match[str]) -> tuple[str, str]:
    word = match.group().lower()
    if kind == "call" and word == "called":
        return "caller", "called"
    if kind == "visit":
        hosting = ("received", "hosted", "welcomed")
        return ("host", "visitor") if word in hosting else ("visitor", "host")
    if kind == "mediation":
        return "mediator", "subject"
    return PAIR_ROLES.get(kind, ("participant", "participant"))


# The roles of the actors named before the cue and after it, by type (data/README.md).
PAIR_ROLES = {
    "address": ("speaker", "addressee"),
    "announcement": ("speaker", "subject"),
    "recognition": ("signatory", "subject"),
    "agreement": ("signatory", "signatory"),
    "application": ("applicant", "addressee"),
    "investigation": ("initiator", "subject"),
    "rally": ("organizer", "subject"),
}


def _aside(text: str, inside: list[Mention]) -> dict[Mention, str]:
    """Actors named after "arranged by" or "at the request of": they did not take part."""
    roles: dict[Mention, str] = {}
    inside = [m for m in inside if not m.adjective]  # "Turkish President X": X arranged it
    for found in cues.ARRANGED.finditer(text):
        clause_start = clause_bounds(text, found.start(), found.end())[0]
        for m in inside:
            if clause_start <= m.start < found.start():
                roles.setdefault(m, "arranger")
    for pattern, role in ((cues.ARRANGERS, "arranger"), (cues.REQUESTERS, "requester")):
        for found in pattern.finditer(text):
            clause_end = clause_bounds(text, found.end(), found.end())[1]
            for m in inside:
                if found.start() <= m.start < clause_end:
                    roles.setdefault(m, role)
    return roles


def negotiators(
    text: str, inside: list[Mention], aside: dict[Mention, str], book: ActorBook
) -> list[tuple[str, str]]:
    """Talks between states are held by their delegations; a person "led by" heads one."""
    roles: list[tuple[str, str]] = []
    led = [m.end() for m in cues.LED_BY.finditer(text)]
    for m in inside:
        if m in aside:
            continue
        actor = book.actors[m.actor]
        if m.adjective and cues.TITLE_AFTER.match(text, m.end):
            continue  # "Chinese Foreign Minister Wang Yi": a person's title, not a side
        if actor.kind == "state" and cues.VENUE_BEFORE.search(text[: m.start]):
            roles.append((actor.id, "venue_state"))
        elif actor.kind == "state":
            roles.append(
                (delegation(book, actor.id, evidence=text[m.start : m.end]).id, "participant")
            )
        elif actor.kind == "organization" and actor.part_of:
            roles.append((actor.id, "participant"))
        elif actor.kind == "person" and any(0 <= m.start - end < 4 for end in led):
            roles.append((actor.id, "delegation_head"))
    return list(dict.fromkeys(roles))
