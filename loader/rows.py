"""The dataset shaped as parameter rows for the writer, records of many sources merged.

Records that share an id across sources become one node or relationship here, before
anything is written. Nothing a source says is dropped: aliases, evidence and sources are
merged, and a field that two sources give differently is named in the record's
`conflicts` rather than settled silently by whichever file came first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from loader.dataset import Actor, Affiliation, DateRange, Evidence, Membership, SourceFile
from loader.names import name_key
from loader.validation import LoadedFile
from loader.vocabulary import ROLES_BY_NAME, TYPES_BY_NAME

Row = dict[str, Any]
Offsets = dict[tuple[str, str], tuple[int, int]]


@dataclass
class Rows:
    """The dataset shaped as parameter rows, one list per write statement.

    Records that share an id across sources are merged here, in Python, before anything is
    written: each node and relationship of a generation is then written exactly once, so
    the statements need no read-modify-write (which would force Eager plans) and
    relationships can be CREATEd into the fresh generation.
    """

    sources: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    interactions: list[Row] = field(default_factory=list)
    interaction_links: list[Row] = field(default_factory=list)
    statements: list[Row] = field(default_factory=list)
    affiliations: list[Row] = field(default_factory=list)
    memberships: list[Row] = field(default_factory=list)
    spoke_with: list[Row] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in vars(self).items()}


def _date(date: DateRange | None) -> Row:
    if date is None:
        return {"precision": None, "earliest": None, "latest": None, "date_notes": None}
    return {
        "precision": date.precision,
        "earliest": date.earliest,
        "latest": date.latest,
        "date_notes": date.notes,
    }


def _evidence(items: Iterable[Evidence], source_id: str, offsets: Offsets) -> list[Row]:
    rows = []
    for item in items:
        source = item.source or source_id
        start, end = offsets.get((source, item.quote), (None, None))
        rows.append({"source": source, "quote": item.quote, "start": start, "end": end})
    return rows


def _quote_props(evidence: list[Row]) -> Row:
    """Evidence of a relationship (which cannot point at a Source) kept as parallel lists.

    Neo4j stores no null inside a list, and a quote whose source text is absent has no
    offsets; the offset lists are then left out whole, so that they stay parallel.
    """
    props: Row = {
        "evidence_sources": [e["source"] for e in evidence],
        "evidence_quotes": [e["quote"] for e in evidence],
    }
    if all(e["start"] is not None for e in evidence):
        props["evidence_starts"] = [e["start"] for e in evidence]
        props["evidence_ends"] = [e["end"] for e in evidence]
    return props


def _union(into: list[Any], items: Iterable[Any]) -> None:
    for item in items:
        if item not in into:
            into.append(item)


def _merge_evidence(into: list[Row], items: list[Row]) -> None:
    seen = {(e["source"], e["quote"]) for e in into}
    into.extend(e for e in items if (e["source"], e["quote"]) not in seen)


READING_FIELDS = (
    "status", "precision", "earliest", "latest", "place",
    "duration_minutes", "duration_approx", "medium", "occurrences",
)  # fmt: skip
"""What each source says of an interaction, kept per source on REPORTED_IN."""


def _differ(values: Iterable[Any]) -> bool:
    """Whether sources disagree; one that does not say (null, "unknown") does not."""
    return len({str(v) for v in values if v not in (None, "unknown")}) > 1


class _RowBuilder:
    """Collects the rows of every file, merging records that share an id."""

    def __init__(self, offsets: Offsets, titles: dict[str, str]) -> None:
        self.offsets = offsets
        self.titles = titles
        self.rows = Rows()
        self.actor_entries: dict[str, list[tuple[str, Actor]]] = {}
        # Every source that names an actor anywhere (as participant, speaker, holder of a
        # position ...), not only the ones that define it.
        self.mentions: dict[str, list[str]] = {}
        self.places: dict[str, Row] = {}
        self.interactions: dict[str, Row] = {}
        self.participants: dict[str, dict[tuple[str, str], Row]] = {}
        self.links: dict[tuple[str, str, str], Row] = {}
        self.statements: dict[str, Row] = {}
        self.affiliations: dict[str, list[tuple[str, Affiliation]]] = {}
        self.memberships: dict[str, list[tuple[str, Membership]]] = {}
        self.same_as: dict[str, str] = {}
        self.source_order: dict[str, int] = {}

    def mention(self, sid: str, *actor_ids: str | None) -> None:
        for aid in actor_ids:
            if aid is not None:
                _union(self.mentions.setdefault(aid, []), [sid])

    def add_file(self, path: str, data: SourceFile) -> None:
        sid = data.source.id
        source = data.source
        self.source_order[sid] = len(self.source_order)
        self.rows.sources.append(
            {
                "id": sid,
                "props": {
                    "title": source.title or self.titles.get(sid),
                    "author": source.author,
                    "date": source.date,
                    "publisher": source.publisher,
                    "url": source.url,
                    "text_file": source.text_file,
                    "path": path,
                },
            }
        )
        for actor in data.actors:
            self.actor_entries.setdefault(actor.id, []).append((sid, actor))
        for place in data.places:
            self._add_place(sid, place)
        for inter in data.interactions:
            self._add_interaction(sid, inter)
        for st in data.statements:
            self._add_statement(sid, st)
        for aff in data.affiliations:
            self.affiliations.setdefault(aff.id, []).append((sid, aff))
            self.mention(sid, aff.person, aff.organization)
        for index, mem in enumerate(data.memberships):
            mid = mem.id or f"{sid}-membership-{index}"
            self.memberships.setdefault(mid, []).append((sid, mem))
            self.mention(sid, mem.member, mem.parent)

    def _add_place(self, sid: str, place: Any) -> None:
        row = self.places.setdefault(
            place.id,
            {
                "id": place.id,
                "state": place.state,
                "props": {
                    "name": place.name, "kind": place.kind, "aliases": [], "sources": [],
                    "conflicts": [],
                },
                "evidence": [],
                "given": [],
            },
        )  # fmt: skip
        row["given"].append((place.name, place.kind, place.state))
        _union(row["props"]["aliases"], [n for n in [place.name, *place.aliases]
                                         if n != row["props"]["name"]])  # fmt: skip
        _union(row["props"]["sources"], [sid])
        _merge_evidence(row["evidence"], _evidence(place.evidence, sid, self.offsets))
        self.mention(sid, place.state)

    def _add_statement(self, sid: str, st: Any) -> None:
        row = self.statements.setdefault(
            st.id,
            {
                "id": st.id,
                "props": {
                    "quote": st.quote,
                    "reported": st.reported,
                    "speaker_description": st.speaker_description,
                    "reported_by_description": st.reported_by_description,
                    "medium": st.medium,
                    **_date(st.date),
                    "notes": st.notes,
                    "source": sid,
                    "sources": [],
                },
                "speaker": st.speaker,
                "speaker_affiliation": st.speaker_affiliation,
                "reported_by": st.reported_by,
                "interaction": self.canonical(st.interaction),
                "evidence": [],
            },
        )
        _union(row["props"]["sources"], [sid])
        _merge_evidence(row["evidence"], _evidence(st.evidence, sid, self.offsets))
        self.mention(sid, st.speaker, st.speaker_affiliation, st.reported_by)

    def canonical(self, interaction_id: str | None) -> str | None:
        """The id an interaction is stored under: `same_as` records join their target."""
        seen = set()
        while interaction_id in self.same_as and interaction_id not in seen:
            seen.add(interaction_id)
            interaction_id = self.same_as[interaction_id]
        return interaction_id

    def _add_interaction(self, sid: str, inter: Any) -> None:
        itype = TYPES_BY_NAME[inter.type]
        cid = self.canonical(inter.id)
        assert cid is not None
        reading = {
            "source": sid,
            "props": {
                "record": inter.id,
                "status": inter.status,
                **_date(inter.date),
                "place": inter.place,
                "duration_minutes": inter.duration.minutes if inter.duration else None,
                "duration_approx": inter.duration.approx if inter.duration else None,
                "medium": inter.medium,
                "occurrences": None if inter.occurrences is None else str(inter.occurrences),
            },
        }
        props = {
            "type": inter.type,
            "cameo": itype.cameo,
            "status": inter.status,
            **_date(inter.date),
            "occurrences": None if inter.occurrences is None else str(inter.occurrences),
            "duration_minutes": inter.duration.minutes if inter.duration else None,
            "duration_approx": inter.duration.approx if inter.duration else None,
            "medium": inter.medium,
            "topics": inter.topics,
            "outcome": inter.outcome,
            "notes": inter.notes,
            "place": inter.place,
        }
        row = self.interactions.get(cid)
        if row is None:
            row = self.interactions[cid] = {
                "id": cid,
                "label": itype.label,
                "props": {"sources": []},
                "given": [],
                "place": None,
                "place_sources": [],
                "participants": [],
                "evidence": [],
                "readings": [],
            }
        # What the node shows is settled in finish(): the records that carry this id come
        # before those that join it by same_as.
        row["given"].append((inter.id != cid, props))
        _union(row["props"]["sources"], [sid])
        if inter.id != cid:
            _union(row["props"].setdefault("merged_ids", []), [inter.id])
        row["readings"].append(reading)
        if inter.place:
            _union(row["place_sources"], [sid])
        parties = self.participants.setdefault(cid, {})
        for p in inter.participants:
            party = parties.get((p.actor, p.role))
            if party is None:
                party = {
                    "actor": p.actor,
                    "role": p.role,
                    "took_part": ROLES_BY_NAME[p.role].took_part,
                    "notes": p.notes,
                    "sources": [],
                }
                parties[(p.actor, p.role)] = party
                row["participants"].append(party)
            _union(party["sources"], [sid])
            self.mention(sid, p.actor)
        _merge_evidence(row["evidence"], _evidence(inter.evidence, sid, self.offsets))
        targets = [("ARRANGES", t) for t in inter.arranges] + [
            (rel, t)
            for rel, t in (("PART_OF", inter.part_of), ("REALIZED_BY", inter.realized_by))
            if t
        ]
        for rel, target in targets:
            to = self.canonical(target)
            if to is None or to == cid:
                continue
            link = self.links.setdefault(
                (cid, rel, to),
                {"from": cid, "type": rel, "to": to, "sources": []},
            )
            _union(link["sources"], [sid])

    def _actor_row(self, aid: str, entries: list[tuple[str, Actor]]) -> Row:
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
            _union(props["aliases"], [n for n in [*names, *actor.aliases] if n != first.name])
            _union(
                props["search_keys"], sorted({name_key(n) for n in [*names, *actor.aliases]} - {""})
            )
            _union(props["sources"], [sid])
            _merge_evidence(evidence, _evidence(actor.evidence, sid, self.offsets))
        _union(props["sources"], self.mentions.get(aid, []))
        props["sources"].sort(key=self.source_order.__getitem__)
        defined = [actor for _, actor in entries if actor.defines]
        props["conflicts"] = [
            name
            for name in ("name", "description")
            if _differ(getattr(actor, name) for actor in defined)
        ]
        return {"id": aid, "label": first.kind.capitalize(), "props": props, "evidence": evidence}

    def _merged_record(
        self, entries: Sequence[tuple[str, Affiliation | Membership]], fields: tuple[str, ...]
    ) -> Row:
        """What every source's record of one position or membership adds up to: the first
        source, all of them, all their evidence, and the fields they give differently."""
        evidence: list[Row] = []
        for sid, record in entries:
            _merge_evidence(evidence, _evidence(record.evidence, sid, self.offsets))
        return {
            "source": entries[0][0],
            "sources": _unique(sid for sid, _ in entries),
            "conflicts": [f for f in fields if _differ(getattr(r, f) for _, r in entries)],
            **_quote_props(evidence),
        }

    def _affiliation_row(self, aid: str, entries: list[tuple[str, Affiliation]]) -> Row:
        first = entries[0][1]
        merged = self._merged_record(entries, ("person", "organization", "role", "date"))
        return {
            "id": aid,
            "person": first.person,
            "organization": first.organization,
            "props": {"role": first.role, **_date(first.date), "notes": first.notes, **merged},
        }

    def _membership_row(self, mid: str, entries: list[tuple[str, Membership]]) -> Row:
        first = entries[0][1]
        return {
            "id": mid,
            "member": first.member,
            "parent": first.parent,
            "type": first.kind.upper(),
            "props": {
                "notes": first.notes,
                **self._merged_record(entries, ("member", "parent", "kind")),
            },
        }

    def finish(self) -> Rows:
        rows = self.rows
        for row in self.interactions.values():
            # Where sources disagree, every reading stays (REPORTED_IN, one per source) and
            # the node names the fields in dispute. Its own values are those of the earliest
            # source that records it under this id; what that one leaves unsaid comes from
            # the next that says it.
            given = [props for _, props in sorted(row.pop("given"), key=lambda g: g[0])]
            node = dict(given[0])
            for later in given[1:]:
                _fill_unsaid(node, later)
            row["place"] = node.pop("place")
            row["props"] = {**node, **row["props"]}
            readings = [r["props"] for r in row["readings"]]
            conflicts = [name for name in READING_FIELDS if _differ(r[name] for r in readings)]
            if _participants_differ(row["participants"]):
                conflicts.append("participants")
            row["props"]["conflicts"] = sorted(conflicts)
        for place in self.places.values():
            given = place.pop("given")
            place["props"]["conflicts"] = [
                name
                for index, name in enumerate(("name", "kind", "state"))
                if _differ(g[index] for g in given)
            ]
        rows.actors = [self._actor_row(aid, e) for aid, e in self.actor_entries.items()]
        rows.places = list(self.places.values())
        rows.interactions = list(self.interactions.values())
        rows.interaction_links = list(self.links.values())
        rows.statements = list(self.statements.values())
        rows.affiliations = [self._affiliation_row(k, e) for k, e in self.affiliations.items()]
        rows.memberships = [self._membership_row(k, e) for k, e in self.memberships.items()]
        rows.spoke_with = spoke_with_rows(rows.interactions)
        return rows


# Fields that only make sense together: a date from one source and its precision from
# another would be a date nobody gave.
FIELD_GROUPS = (
    ("status",), ("precision", "earliest", "latest", "date_notes"), ("occurrences",),
    ("duration_minutes", "duration_approx"), ("medium",), ("topics",), ("outcome",), ("notes",),
    ("place",),
)  # fmt: skip


def _fill_unsaid(props: Row, later: Row) -> None:
    """Fill what one record leaves unsaid (null, "unknown", no topics) from a later one."""
    for group in FIELD_GROUPS:
        if props[group[0]] in (None, "unknown", []) and later[group[0]] not in (
            None,
            "unknown",
            [],
        ):
            for name in group:
                props[name] = later[name]


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    _union(out, items)
    return out


def _participants_differ(participants: list[Row]) -> bool:
    """Whether two sources that both name an actor in an interaction give it different roles.

    A source that leaves an actor out does not disagree: a short note need not list
    everyone in the room.
    """
    roles: dict[str, dict[str, set[str]]] = {}
    for party in participants:
        for sid in party["sources"]:
            roles.setdefault(party["actor"], {}).setdefault(sid, set()).add(party["role"])
    return any(len({frozenset(r) for r in by_source.values()}) > 1 for by_source in roles.values())


def spoke_with_rows(interactions: list[Row]) -> list[Row]:
    """Who took part in the same held interaction: one row per pair, `a` < `b` by id.

    Derived here from the merged rows rather than by a query over the written graph:
    the same pairs, counts and dates, at a fraction of the cost of a load-wide MATCH.
    """
    pairs: dict[tuple[str, str], Row] = {}
    for row in interactions:
        if row["props"]["status"] != "held":
            continue
        actors = sorted({p["actor"] for p in row["participants"] if p["took_part"]})
        earliest, latest = row["props"]["earliest"], row["props"]["latest"]
        for index, a in enumerate(actors):
            for b in actors[index + 1 :]:
                pair = pairs.get((a, b))
                if pair is None:
                    pairs[(a, b)] = {
                        "a": a, "b": b, "interactions": 1, "first": earliest, "last": latest
                    }  # fmt: skip
                    continue
                pair["interactions"] += 1
                if earliest is not None and (pair["first"] is None or earliest < pair["first"]):
                    pair["first"] = earliest
                if latest is not None and (pair["last"] is None or latest > pair["last"]):
                    pair["last"] = latest
    return list(pairs.values())


def build_rows(
    files: Sequence[LoadedFile], offsets: Offsets, titles: dict[str, str] | None = None
) -> Rows:
    """Rows of the given files. `titles` stand in for the headline a source lacks."""
    builder = _RowBuilder(offsets, titles or {})
    builder.same_as = {i.id: i.same_as for f in files for i in f.data.interactions if i.same_as}
    # Sources in publication order, whatever order the files came in: loading the seed and
    # a note together, or the note beside the loaded seed, gives the same graph.
    for loaded in sorted(files, key=lambda f: (f.data.source.date, f.data.source.id)):
        builder.add_file(str(loaded.path.resolve()), loaded.data)
    return builder.finish()
