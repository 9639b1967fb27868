"""The dataset shaped as parameter rows for the writer, records of many sources merged.

Records that share an id across sources become one node or relationship here, before
anything is written. Nothing a source says is dropped: aliases, evidence and sources are
merged, and a field that two sources give differently is named in the record's
`conflicts` rather than settled silently by whichever file came first.

This module collects every file's records by id; what the records of one id add up to is
`loader.source_merge`, and the SPOKE_WITH pairs derived from the result `loader.spoke_with`.

`loader.row_stream` feeds these builders file by file and hands the rows out as they are
complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from loader.dataset import (
    Actor,
    Affiliation,
    Interaction,
    Membership,
    Place,
    Source,
    Statement,
)
from loader.dataset_index import SmallRecords
from loader.row_values import Offsets, Row, date_props, evidence_rows, when_label
from loader.source_merge import (
    actor_row,
    merge_evidence,
    union,
)
from loader.spoke_with import spoke_with_rows
from loader.vocabulary import ROLES_BY_NAME, TYPES_BY_NAME

__all__ = ["Offsets", "Row", "Rows", "spoke_with_rows"]


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
    # What rebuilding each source needs (loader/stored_sources.py); filled by the load.
    source_files: list[Row] = field(default_factory=list)


class RowBuilder:
    """Collects the rows of every file, merging records that share an id."""

    def __init__(self, offsets: Offsets, titles: dict[str, str]) -> None:
        self.offsets = offsets
        self.titles = titles
        self.rows = Rows()
        self.actor_entries: dict[str, list[tuple[str, Actor]]] = {}
        # Every source that names an actor anywhere (as participant, speaker, holder of a
        # position ...), not only the ones that define it.
        self.mentions: Callable[[str], list[str]] = lambda actor: []
        self.places: dict[str, Row] = {}
        self.interactions: dict[str, Row] = {}
        self.participants: dict[str, dict[tuple[str, str], Row]] = {}
        self.links: dict[tuple[str, str, str], Row] = {}
        self.statements: dict[str, Row] = {}
        self.affiliations: dict[str, list[tuple[str, Affiliation]]] = {}
        self.memberships: dict[str, list[tuple[str, Membership]]] = {}
        self.same_as: dict[str, str] = {}
        self.source_order: dict[str, int] = {}

    def add_source(self, source: Source) -> None:
        sid = source.id
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
                },
            }
        )

    def add_small(self, sid: str, small: SmallRecords) -> None:
        """A file's actors, places, affiliations and memberships."""
        for actor in small.actors:
            self.actor_entries.setdefault(actor.id, []).append((sid, actor))
        for place in small.places:
            self._add_place(sid, place)
        for aff in small.affiliations:
            self.affiliations.setdefault(aff.id, []).append((sid, aff))
        for index, mem in enumerate(small.memberships):
            mid = mem.id or f"{sid}-membership-{index}"
            self.memberships.setdefault(mid, []).append((sid, mem))

    def _add_place(self, sid: str, place: Place) -> None:
        row = self.places.setdefault(
            place.id,
            {
                "id": place.id,
                "state": place.state,
                "props": {
                    "name": place.name, "kind": place.kind, "aliases": [], "sources": [],
                    "conflicts": [], "latitude": None, "longitude": None,
                },
                "evidence": [],
                "given": [],
            },
        )  # fmt: skip
        row["given"].append((place.name, place.kind, place.state))
        if place.coordinates and row["props"]["latitude"] is None:
            row["props"]["latitude"] = place.coordinates.latitude
            row["props"]["longitude"] = place.coordinates.longitude
        union(row["props"]["aliases"], [n for n in [place.name, *place.aliases]
                                         if n != row["props"]["name"]])  # fmt: skip
        union(row["props"]["sources"], [sid])
        merge_evidence(row["evidence"], evidence_rows(place.evidence, sid, self.offsets))

    def add_statement(self, sid: str, st: Statement) -> None:
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
                    **date_props(st.date),
                    "when": when_label(date_props(st.date)),
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
        union(row["props"]["sources"], [sid])
        merge_evidence(row["evidence"], evidence_rows(st.evidence, sid, self.offsets))

    def canonical(self, interaction_id: str | None) -> str | None:
        """The id an interaction is stored under: `same_as` records join their target."""
        seen = set()
        while interaction_id in self.same_as and interaction_id not in seen:
            seen.add(interaction_id)
            interaction_id = self.same_as[interaction_id]
        return interaction_id

    def add_interaction(self, sid: str, inter: Interaction) -> None:
        itype = TYPES_BY_NAME[inter.type]
        cid = self.canonical(inter.id)
        assert cid is not None
        row = self._interaction_row(cid, itype.label)
        # What the node shows is settled in finish(): the records that carry this id come
        # before those that join it by same_as.
        row["given"].append((inter.id != cid, _node_props(inter, itype.cameo)))
        union(row["props"]["sources"], [sid])
        if inter.id != cid:
            union(row["props"].setdefault("merged_ids", []), [inter.id])
        row["readings"].append(_reading(sid, inter))
        if inter.place:
            union(row["place_sources"], [sid])
        self._add_participants(sid, cid, row, inter)
        merge_evidence(row["evidence"], evidence_rows(inter.evidence, sid, self.offsets))
        self._add_links(sid, cid, inter)

    def _interaction_row(self, cid: str, label: str) -> Row:
        row = self.interactions.get(cid)
        if row is None:
            row = self.interactions[cid] = {
                "id": cid,
                "label": label,
                "props": {"sources": []},
                "given": [],
                "place": None,
                "place_sources": [],
                "participants": [],
                "evidence": [],
                "readings": [],
            }
        return row

    def _add_participants(self, sid: str, cid: str, row: Row, inter: Interaction) -> None:
        """One participant row per actor and role, whichever sources name it so."""
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
            union(party["sources"], [sid])

    def _add_links(self, sid: str, cid: str, inter: Interaction) -> None:
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
            union(link["sources"], [sid])

    def take_interaction(self, cid: str) -> Row:
        """The row of an interaction that no later file adds to, no longer kept here."""
        del self.participants[cid]
        return self.interactions.pop(cid)

    def take_statement(self, statement_id: str) -> Row:
        return self.statements.pop(statement_id)

    def actor_rows(self) -> list[Row]:
        return [
            actor_row(
                aid,
                entries,
                mentions=self.mentions(aid),
                source_order=self.source_order,
                offsets=self.offsets,
            )
            for aid, entries in self.actor_entries.items()
        ]


def _reading(sid: str, inter: Interaction) -> Row:
    """What one source says of an interaction, kept whole on its REPORTED_IN."""
    return {
        "source": sid,
        "props": {
            "record": inter.id,
            "status": inter.status,
            **date_props(inter.date),
            "place": inter.place,
            "duration_minutes": inter.duration.minutes if inter.duration else None,
            "duration_approx": inter.duration.approx if inter.duration else None,
            "medium": inter.medium,
            "occurrences": None if inter.occurrences is None else str(inter.occurrences),
        },
    }


def _node_props(inter: Interaction, cameo: str | None) -> Row:
    """What one record would put on the interaction node, were it the only source."""
    return {
        "type": inter.type,
        "cameo": cameo,
        "status": inter.status,
        **date_props(inter.date),
        "occurrences": None if inter.occurrences is None else str(inter.occurrences),
        "duration_minutes": inter.duration.minutes if inter.duration else None,
        "duration_approx": inter.duration.approx if inter.duration else None,
        "medium": inter.medium,
        "topics": inter.topics,
        "outcome": inter.outcome,
        "notes": inter.notes,
        "place": inter.place,
    }
