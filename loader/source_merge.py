"""What the records of several sources that share an id add up to, as one row.

Nothing a source says is dropped: aliases, evidence and sources are merged, and a field
that two sources give differently is named in the row's `conflicts` rather than settled
silently by whichever file came first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from loader.dataset import Actor, Affiliation, Membership, country
from loader.names import name_key
from loader.row_values import (
    Offsets,
    Row,
    date_props,
    evidence_rows,
    quote_props,
    when_label,
)

READING_FIELDS = (
    "status", "precision", "earliest", "latest", "place",
    "duration_minutes", "duration_approx", "medium", "occurrences",
)  # fmt: skip
"""What each source says of an interaction, kept per source on REPORTED_IN."""

# Fields that only make sense together: a date from one source and its precision from
# another would be a date nobody gave.
FIELD_GROUPS = (
    ("status",), ("precision", "earliest", "latest", "date_notes"), ("occurrences",),
    ("duration_minutes", "duration_approx"), ("medium",), ("topics",), ("outcome",), ("notes",),
    ("place",),
)  # fmt: skip


def union(into: list[Any], items: Iterable[Any]) -> None:
    for item in items:
        if item not in into:
            into.append(item)


def unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    union(out, items)
    return out


def merge_evidence(into: list[Row], items: list[Row]) -> None:
    seen = {(e["source"], e["quote"]) for e in into}
    into.extend(e for e in items if (e["source"], e["quote"]) not in seen)


def differ(values: Iterable[Any]) -> bool:
    """Whether sources disagree; one that does not say (null, "unknown") does not."""
    return len({str(v) for v in values if v not in (None, "unknown")}) > 1


def fill_unsaid(props: Row, later: Row) -> None:
    """Fill what one record leaves unsaid (null, "unknown", no topics) from a later one."""
    for group in FIELD_GROUPS:
        if props[group[0]] in (None, "unknown", []) and later[group[0]] not in (
            None,
            "unknown",
            [],
        ):
            for name in group:
                props[name] = later[name]


def participants_differ(participants: list[Row]) -> bool:
    """Whether two sources that both name an actor in an interaction give it different roles.

    A source that leaves an actor out does not disagree: a short note need not list
    everyone in the room.
    """
    roles: dict[str, dict[str, set[str]]] = {}
    for party in participants:
        for sid in party["sources"]:
            roles.setdefault(party["actor"], {}).setdefault(sid, set()).add(party["role"])
    return any(len({frozenset(r) for r in by_source.values()}) > 1 for by_source in roles.values())


def settle_interaction(row: Row) -> None:
    """Settle an interaction row once every source has added to it.

    Where sources disagree, every reading stays (REPORTED_IN, one per source) and the node
    names the fields in dispute. Its own values are those of the earliest source that
    records it under this id; what that one leaves unsaid comes from the next that says it.
    """
    given = [props for _, props in sorted(row.pop("given"), key=lambda g: g[0])]
    node = dict(given[0])
    for later in given[1:]:
        fill_unsaid(node, later)
    row["place"] = node.pop("place")
    row["props"] = {**node, **row["props"]}
    row["props"]["when"] = when_label(row["props"])
    readings = [r["props"] for r in row["readings"]]
    conflicts = [name for name in READING_FIELDS if differ(r[name] for r in readings)]
    if participants_differ(row["participants"]):
        conflicts.append("participants")
    row["props"]["conflicts"] = sorted(conflicts)


def settle_place(place: Row) -> None:
    given = place.pop("given")
    place["props"]["conflicts"] = [
        name
        for index, name in enumerate(("name", "kind", "state"))
        if differ(g[index] for g in given)
    ]


def actor_row(
    aid: str,
    entries: list[tuple[str, Actor]],
    *,
    mentions: list[str],
    source_order: dict[str, int],
    offsets: Offsets,
) -> Row:
    """One actor from every source's record of it; `mentions`: the sources that name it."""
    # The definitions first, whichever file came first: an addition has no kind or name.
    entries = sorted(entries, key=lambda entry: not entry[1].defines)
    first = entries[0][1]
    assert first.kind is not None and first.name is not None  # validation saw to it
    props: Row = {
        "name": first.name,
        "kind": first.kind,
        "description": first.description,
        "aliases": [],
        "search_keys": [],
        "sources": [],
    }
    evidence: list[Row] = []
    for sid, actor in entries:
        # Another source's spelling of the name is kept as an alias, never lost.
        names = [actor.name] if actor.name else []
        union(props["aliases"], [n for n in [*names, *actor.aliases] if n != first.name])
        union(props["search_keys"], sorted({name_key(n) for n in [*names, *actor.aliases]} - {""}))
        union(props["sources"], [sid])
        merge_evidence(evidence, evidence_rows(actor.evidence, sid, offsets))
    union(props["sources"], mentions)
    props["sources"].sort(key=source_order.__getitem__)
    defined = [actor for _, actor in entries if actor.defines]
    props["conflicts"] = [
        name
        for name in ("name", "description")
        if differ(getattr(actor, name) for actor in defined)
    ]
    _add_stable_ids(props, [actor for _, actor in entries])
    return {"id": aid, "label": first.kind.capitalize(), "props": props, "evidence": evidence}


def _add_stable_ids(props: Row, records: list[Actor]) -> None:
    """The ids other datasets know: Wikidata's item, a state's ISO 3166-1 codes. The first
    record that gives one decides; records that give another make it a conflict."""
    for field in ("wikidata", "iso"):
        given = [getattr(actor, field) for actor in records if getattr(actor, field)]
        props[field] = given[0] if given else None
        if differ(given):
            props["conflicts"].append(field)
    code = props.pop("iso")
    props["iso2"] = code
    props["iso3"] = country(code).alpha_3 if code else None


def merged_record(
    entries: Sequence[tuple[str, Affiliation | Membership]],
    fields: tuple[str, ...],
    offsets: Offsets,
) -> Row:
    """What every source's record of one position or membership adds up to: the first
    source, all of them, all their evidence, and the fields they give differently."""
    evidence: list[Row] = []
    for sid, record in entries:
        merge_evidence(evidence, evidence_rows(record.evidence, sid, offsets))
    return {
        "source": entries[0][0],
        "sources": unique(sid for sid, _ in entries),
        "conflicts": [f for f in fields if differ(getattr(r, f) for _, r in entries)],
        **quote_props(evidence),
    }


def affiliation_row(aid: str, entries: list[tuple[str, Affiliation]], offsets: Offsets) -> Row:
    first = entries[0][1]
    merged = merged_record(entries, ("person", "organization", "role", "date"), offsets)
    return {
        "id": aid,
        "person": first.person,
        "organization": first.organization,
        "props": {"role": first.role, **date_props(first.date), "notes": first.notes, **merged},
    }


def membership_row(mid: str, entries: list[tuple[str, Membership]], offsets: Offsets) -> Row:
    first = entries[0][1]
    return {
        "id": mid,
        "member": first.member,
        "parent": first.parent,
        "type": first.kind.upper(),
        "props": {
            "notes": first.notes,
            **merged_record(entries, ("member", "parent", "kind"), offsets),
        },
    }
