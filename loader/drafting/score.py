"""How close a draft comes to a hand-made reference file: precision, recall and F1.

A curator drafts a file with `actorgraph draft`, corrects it into a reference, and scores
the next drafts against that reference. The two files are read with the dataset models
(either may say `draft: true`); nothing else about them is checked but the interaction types
and roles, which the match needs. data/README.md ("Scoring a draft") gives the rules:

- actors match by id, after a drafted actor whose name or alias is a reference actor's
  takes that actor's id (`resolved_to`). A file's actors are the ids in its `actors:` list
  and every actor its interactions name as a participant: a second source names the seed's
  actors without listing them.
- interactions match one to one, by the largest assignment (see `match_interactions`), where
  a pair may match when its types are of one family, an actor took part in both, and the
  dates overlap, or both are undated.
- a matched pair's date is right when both are undated, or when precision and both bounds
  are equal; a dated record matched with an undated one has a wrong date.

Statements, places, affiliations and memberships are not scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import networkx as nx
from pydantic import ValidationError

from loader.dataset import DateRange, Interaction, SourceFile
from loader.merge_check import took_part
from loader.names import name_key
from loader.validation_limits import DEFAULT_LIMITS
from loader.validation_messages import schema_issues, suggest
from loader.vocabulary import ROLES_BY_NAME, TYPES_BY_NAME
from loader.yaml_files import FileRefused, parse_mapping, read_text

TYPE_FAMILIES: Final[dict[str, str]] = {
    # A contact between actors, whatever its form: a drafter that reads "spoke with" as a
    # consultation where the reference knows it was a call has still found the event.
    "consultation": "contact",
    "call": "contact",
    "visit": "contact",
    "meeting": "contact",
    "multilateral_meeting": "contact",
    "negotiation": "talks",
    "mediation": "talks",
    # Public acts of one side: an address given at a rally is easily read as either.
    "address": "public",
    "announcement": "public",
    "rally": "public",
    "agreement": "formal",
    "recognition": "formal",
    "application": "formal",
    "investigation": "investigation",
}
"""The family of each interaction type: a draft's type may differ from the reference's
within a family and still match. Every type of `loader.vocabulary` is in exactly one."""


class ScoreError(Exception):
    """A file cannot be scored; the message names the file, and the record and field."""


@dataclass(frozen=True)
class Metrics:
    drafted: int
    reference: int
    matched: int
    # None where the share is of nothing: precision of an empty draft, recall of an empty
    # reference. A number there would claim a quality nobody measured.
    precision: float | None
    recall: float | None
    f1: float | None


@dataclass(frozen=True)
class MatchedPair:
    reference: str
    draft: str
    same_type: bool
    date_right: bool
    # The actors that took part in both records.
    shared: list[str]


@dataclass(frozen=True)
class Score:
    interactions: Metrics
    actors: Metrics
    # Matched interactions with a right date, of all matched; None when none matched.
    date_share: float | None
    pairs: list[MatchedPair]
    # In the reference but not the draft (missed), in the draft but not the reference (extra).
    missed_interactions: list[str]
    extra_interactions: list[str]
    missed_actors: list[str]
    extra_actors: list[str]


def score_files(draft: Path, reference: Path) -> Score:
    """The score of the data file `draft` against the data file `reference`."""
    return score(read_data_file(draft), read_data_file(reference))


def score(draft: SourceFile, reference: SourceFile) -> Score:
    draft = resolved_to(reference, draft)
    pairs = match_interactions(draft.interactions, reference.interactions)
    drafted_actors, reference_actors = actor_ids(draft), actor_ids(reference)
    right = sum(pair.date_right for pair in pairs)
    matched_drafts = {pair.draft for pair in pairs}
    matched_references = {pair.reference for pair in pairs}
    return Score(
        interactions=metrics(len(draft.interactions), len(reference.interactions), len(pairs)),
        actors=metrics(
            len(drafted_actors),
            len(reference_actors),
            len(drafted_actors & reference_actors),
        ),
        date_share=right / len(pairs) if pairs else None,
        pairs=pairs,
        missed_interactions=[
            i.id for i in reference.interactions if i.id not in matched_references
        ],
        extra_interactions=[i.id for i in draft.interactions if i.id not in matched_drafts],
        missed_actors=sorted(reference_actors - drafted_actors),
        extra_actors=sorted(drafted_actors - reference_actors),
    )


def resolved_to(reference: SourceFile, draft: SourceFile) -> SourceFile:
    """`draft` with each actor that bears a reference actor's name or alias renamed to
    that actor's id, in its actor list and its participants."""
    ids_by_name = {
        name_key(name): actor.id
        for actor in reference.actors
        for name in [actor.name or "", *actor.aliases]
        if name
    }
    renamed: dict[str, str] = {}
    for actor in draft.actors:
        for name in [actor.name or "", *actor.aliases]:
            target = ids_by_name.get(name_key(name)) if name else None
            if target and actor.id not in {a.id for a in reference.actors}:
                renamed[actor.id] = target
                break
    if not renamed:
        return draft
    actors = [a.model_copy(update={"id": renamed.get(a.id, a.id)}) for a in draft.actors]
    interactions = [
        i.model_copy(update={"participants": [
            p.model_copy(update={"actor": renamed.get(p.actor, p.actor)}) for p in i.participants
        ]})
        for i in draft.interactions
    ]  # fmt: skip
    return draft.model_copy(update={"actors": actors, "interactions": interactions})


def metrics(drafted: int, reference: int, matched: int) -> Metrics:
    precision = matched / drafted if drafted else None
    recall = matched / reference if reference else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Metrics(drafted, reference, matched, precision, recall, f1)


def actor_ids(data: SourceFile) -> set[str]:
    listed = {actor.id for actor in data.actors}
    return listed | {p.actor for i in data.interactions for p in i.participants}


def undated(date: DateRange) -> bool:
    return date.earliest is None and date.latest is None


def dates_overlap(a: DateRange, b: DateRange) -> bool:
    """Whether the two ranges intersect, a single null bound being open; an undated range
    overlaps only an undated one."""
    if undated(a) or undated(b):
        return undated(a) and undated(b)
    if a.earliest and b.latest and a.earliest > b.latest:
        return False
    return not (b.earliest and a.latest and b.earliest > a.latest)


def date_right(draft: DateRange, reference: DateRange) -> bool:
    if undated(draft) or undated(reference):
        return undated(draft) and undated(reference)
    return (draft.precision, draft.earliest, draft.latest) == (
        reference.precision,
        reference.earliest,
        reference.latest,
    )


def may_match(draft: Interaction, reference: Interaction) -> bool:
    """Whether the two records may be one event: types of one family, an actor that took
    part in both, and overlapping dates."""
    return (
        TYPE_FAMILIES[draft.type] == TYPE_FAMILIES[reference.type]
        and bool(took_part(draft) & took_part(reference))
        and dates_overlap(draft.date, reference.date)
    )


def pair_weight(draft: Interaction, reference: Interaction) -> int:
    """How alike two records that may match are: among assignments of the same size the
    match prefers the same type, then a right date, then more participants in common."""
    everyone_draft = {p.actor for p in draft.participants}
    everyone_reference = {p.actor for p in reference.participants}
    return (
        1
        + 1000 * (draft.type == reference.type)
        + 100 * date_right(draft.date, reference.date)
        + min(len(everyone_draft & everyone_reference), 99)
    )


def match_interactions(
    drafted: Iterable[Interaction], reference: Iterable[Interaction]
) -> list[MatchedPair]:
    """The one-to-one match, in the reference's order: of all assignments where each record
    matches at most one of the other file, one of the largest; among the largest, the one
    whose pairs weigh most (`pair_weight`). Optimal, not greedy, so that one record taking a
    partner first never costs another record its only match."""
    drafts, references = list(drafted), list(reference)
    graph = nx.Graph()
    for d, draft in enumerate(drafts):
        for r, ref in enumerate(references):
            if may_match(draft, ref):
                graph.add_edge(("draft", d), ("reference", r), weight=pair_weight(draft, ref))
    partner_of: dict[int, int] = {}
    for one, other in nx.max_weight_matching(graph, maxcardinality=True):
        d_node, r_node = (one, other) if one[0] == "draft" else (other, one)
        partner_of[r_node[1]] = d_node[1]
    pairs = []
    for r, ref in enumerate(references):
        if r in partner_of:
            draft = drafts[partner_of[r]]
            pairs.append(
                MatchedPair(
                    reference=ref.id,
                    draft=draft.id,
                    same_type=draft.type == ref.type,
                    date_right=date_right(draft.date, ref.date),
                    shared=sorted(took_part(draft) & took_part(ref)),
                )
            )
    return pairs


def read_data_file(path: Path) -> SourceFile:
    """The records of one data file, read as `actorgraph validate` reads it; a ScoreError
    names the file, record and field of the first problem."""
    if not path.is_file():
        what = "is a directory, not a data file" if path.is_dir() else "no such file"
        raise ScoreError(f"{path}: {what}")
    try:
        raw = parse_mapping(read_text(path, DEFAULT_LIMITS.max_file_bytes))
    except FileRefused as exc:
        raise ScoreError(f"{path}: {exc}") from None
    try:
        data = SourceFile.model_validate(raw)
    except ValidationError as exc:
        issues = schema_issues(exc, raw)
        record, field, message = issues[0]
        more = f" (and {len(issues) - 1} more; `actorgraph validate` lists all)"
        raise ScoreError(
            f"{path}: {record}: {field}: {message}{more if len(issues) > 1 else ''}"
        ) from None
    _check_vocabulary(path, data)
    return data


def _check_vocabulary(path: Path, data: SourceFile) -> None:
    """Types and roles must be known: the family of a type and whether a role took part
    decide the match."""
    for interaction in data.interactions:
        if interaction.type not in TYPES_BY_NAME:
            raise ScoreError(
                f"{path}: {interaction.id}: type: unknown interaction type "
                f"{interaction.type!r}{suggest(interaction.type, TYPES_BY_NAME)}"
            )
        for n, participant in enumerate(interaction.participants):
            if participant.role not in ROLES_BY_NAME:
                raise ScoreError(
                    f"{path}: {interaction.id}: participants[{n}].role: unknown role "
                    f"{participant.role!r}{suggest(participant.role, ROLES_BY_NAME)}"
                )
