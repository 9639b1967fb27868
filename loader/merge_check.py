"""Likely duplicates across dataset files, each with the reason it was flagged.

Nothing merges on its own: the same id is the same actor or interaction, and anything
else stays apart until an analyst decides. This module finds what they should look at:

- actors with different ids that share a name or alias (by the one name-matching rule,
  `loader.names.name_key`), have near-identical names, or hold the same position in the
  same organization at overlapping (or unknown) dates;
- interactions of the same type on the same day, with a participant in common, that are
  not linked by `same_as`: possibly the same event reported twice. Two calls are not, when
  each has a participant who took part that the other lacks (Macron's calls of one day
  with Putin and with Scholz): a call's parties are the whole of it, and a second report
  of one call may leave a party out but does not name another.

A pair is resolved when one record lists the other in `distinct_from` (they are different)
or, for interactions, `same_as` (they are one event).
"""

from __future__ import annotations

import difflib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from loader.dataset import Actor, Affiliation, DateRange, Interaction, merged_actors
from loader.names import name_key
from loader.validation import ValidationReport
from loader.vocabulary import ROLES_BY_NAME

NEAR_IDENTICAL = 0.9
"""Similarity (difflib ratio of name keys) from which two names are near-identical."""


@dataclass(frozen=True)
class Candidate:
    kind: str  # "actor" or "interaction"
    first: str
    second: str
    reason: str

    def __str__(self) -> str:
        return f"{self.kind}s {self.first!r} and {self.second!r}: {self.reason}"


def _distinct(a: Actor | Interaction, b: Actor | Interaction) -> bool:
    return b.id in a.distinct_from or a.id in b.distinct_from


def _names(actor: Actor) -> dict[str, str]:
    """Each name key of the actor, with the spelling it came from."""
    names = [actor.name, *actor.aliases] if actor.name else actor.aliases
    return {name_key(n): n for n in names if name_key(n)}


def _overlap(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None:
        return True
    a_first, a_last = a.earliest, a.latest
    b_first, b_last = b.earliest, b.latest
    if a_first and b_last and a_first > b_last:
        return False
    return not (b_first and a_last and b_first > a_last)


def actor_candidates(
    actors: Iterable[Actor], affiliations: Iterable[Affiliation]
) -> list[Candidate]:
    by_id = merged_actors(actors)  # the same id in two files is one actor
    found: list[Candidate] = []
    for a, b in itertools.combinations(sorted(by_id.values(), key=lambda x: x.id), 2):
        if a.kind != b.kind or _distinct(a, b):
            continue
        names_a, names_b = _names(a), _names(b)
        shared = sorted(set(names_a) & set(names_b))
        if shared:
            found.append(
                Candidate(
                    "actor",
                    a.id,
                    b.id,
                    f"shared name or alias: {names_a[shared[0]]!r} / {names_b[shared[0]]!r}",
                )
            )
            continue
        if a.name is None or b.name is None:
            continue  # an addition whose actor no file defines: validation reports it
        ratio = difflib.SequenceMatcher(None, name_key(a.name), name_key(b.name)).ratio()
        if ratio >= NEAR_IDENTICAL:
            found.append(
                Candidate(
                    "actor",
                    a.id,
                    b.id,
                    f"near-identical names {a.name!r} and {b.name!r} (similarity {ratio:.2f})",
                )
            )
    found += _same_position(by_id, affiliations)
    return found


def _same_position(by_id: dict[str, Actor], affiliations: Iterable[Affiliation]) -> list[Candidate]:
    holders: dict[tuple[str, str], list[Affiliation]] = defaultdict(list)
    for aff in affiliations:
        holders[(aff.organization, name_key(aff.role))].append(aff)
    found = []
    for (org, _), group in sorted(holders.items()):
        for x, y in itertools.combinations(group, 2):
            if x.person == y.person or not _overlap(x.date, y.date):
                continue
            a, b = by_id.get(x.person), by_id.get(y.person)
            if a is None or b is None or _distinct(a, b):
                continue
            found.append(
                Candidate(
                    "actor",
                    min(a.id, b.id),
                    max(a.id, b.id),
                    f"both hold the position {x.role!r} in {org!r} at overlapping or unknown dates",
                )
            )
    return found


def took_part(interaction: Interaction) -> set[str]:
    return {p.actor for p in interaction.participants if ROLES_BY_NAME[p.role].took_part}


def _different_calls(a: Interaction, b: Interaction) -> bool:
    """Two calls whose parties differ beyond those they share: not one call."""
    if a.type != "call" or b.type != "call":
        return False
    parties_a, parties_b = took_part(a), took_part(b)
    return bool(parties_a - parties_b) and bool(parties_b - parties_a)


def interaction_candidates(interactions: Iterable[Interaction]) -> list[Candidate]:
    by_day: dict[tuple[str, object], list[Interaction]] = defaultdict(list)
    seen: set[str] = set()
    for inter in interactions:
        if inter.id in seen:  # the same id in two sources is already one event
            continue
        seen.add(inter.id)
        if inter.date.precision == "day" and inter.date.earliest:
            by_day[(inter.type, inter.date.earliest)].append(inter)
    found = []
    for (itype, day), group in sorted(by_day.items(), key=lambda kv: (str(kv[0][1]), kv[0][0])):
        for a, b in itertools.combinations(sorted(group, key=lambda i: i.id), 2):
            # A planned meeting and the one that realized it are linked, not duplicates.
            linked = b.id in (a.same_as, a.realized_by) or a.id in (b.same_as, b.realized_by)
            common = sorted(took_part(a) & took_part(b))
            if linked or _distinct(a, b) or not common or _different_calls(a, b):
                continue
            found.append(
                Candidate(
                    "interaction",
                    a.id,
                    b.id,
                    f"possibly the same event: both of type {itype} on {day}, with "
                    f"{', '.join(common)} taking part; link them with same_as, or mark them "
                    "distinct_from",
                )
            )
    return found


def find_candidates(report: ValidationReport) -> list[Candidate]:
    data = [f.read() for f in report.files]
    return actor_candidates(
        (a for d in data for a in d.actors), (x for d in data for x in d.affiliations)
    ) + interaction_candidates(i for d in data for i in d.interactions)
