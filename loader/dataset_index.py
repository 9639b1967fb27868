"""What a load must know across all files before it writes the first interaction, gathered
while the files are validated, so that the load then reads each file once more and writes
its interactions and statements as it goes.

It is small beside the dataset: the records that are not interactions or statements
(actors, places, affiliations, memberships: a few per actor), which sources name each
actor, the `same_as` links, and the ids that more than one file records (their rows wait
for the last file).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from loader.dataset import Actor, Affiliation, Membership, Place, SourceFile
from loader.row_values import Offsets


@dataclass
class SmallRecords:
    """The records of one file that are written before any interaction."""

    actors: list[Actor]
    places: list[Place]
    affiliations: list[Affiliation]
    memberships: list[Membership]


@dataclass
class DatasetIndex:
    small: dict[str, SmallRecords] = field(default_factory=dict)
    # actor id -> the sources that name it anywhere, as numbers in `source_ids`: 4 bytes a
    # mention (at 10M interactions, 200k actors are named 20M times in 2,000 files).
    mentions: dict[str, array[int]] = field(default_factory=dict)
    source_ids: list[str] = field(default_factory=list)
    # interaction id -> the id it is the same event as.
    same_as: dict[str, str] = field(default_factory=dict)
    # Where the quotes of the small records are.
    offsets: Offsets = field(default_factory=dict)
    # Ids recorded by more than one file: one node each, settled once every file is read.
    shared_interactions: set[str] = field(default_factory=set)
    shared_statements: set[str] = field(default_factory=set)
    # Distinct ids, for the plan of a load.
    interaction_ids: int = 0
    statement_ids: int = 0
    # Links between interactions (arranges, part_of, realized_by), counted for the plan.
    links: int = 0

    def add_file(self, data: SourceFile, offsets: Offsets) -> None:
        """Add a file's records, or one part's of a file read in parts."""
        sid = data.source.id
        small = self.small.setdefault(sid, SmallRecords([], [], [], []))
        small.actors += data.actors
        small.places += data.places
        small.affiliations += data.affiliations
        small.memberships += data.memberships
        for group in (data.actors, data.places, data.affiliations, data.memberships):
            for record in group:
                for ev in record.evidence:
                    key = (ev.source or sid, ev.quote)
                    if key in offsets:
                        self.offsets[key] = offsets[key]
        if not self.source_ids or self.source_ids[-1] != sid:  # the parts of a file follow
            self.source_ids.append(sid)
        number = len(self.source_ids) - 1
        for aid in _actors_named(data):
            named = self.mentions.get(aid)
            if named is None:
                self.mentions[aid] = array("I", (number,))
            elif named[-1] != number:
                named.append(number)
        for it in data.interactions:
            if it.same_as:
                self.same_as[it.id] = it.same_as
            self.links += len(it.arranges) + bool(it.part_of) + bool(it.realized_by)

    def mentioned_in(self, actor: str) -> list[str]:
        """The sources that name the actor anywhere, in the order they were read."""
        return [self.source_ids[number] for number in self.mentions.get(actor, ())]

    def joined_interactions(self) -> set[str]:
        """Interaction ids whose rows wait for every file: recorded twice, or joined by
        same_as (each record that has one, and each record it points to)."""
        return self.shared_interactions | set(self.same_as) | set(self.same_as.values())


def _actors_named(data: SourceFile) -> set[str]:
    """Every actor a file names outside its actors: list, as the load counts its sources."""
    named: set[str] = set()
    named.update(p.state for p in data.places)
    for st in data.statements:
        named.update(a for a in (st.speaker, st.speaker_affiliation, st.reported_by) if a)
    for aff in data.affiliations:
        named.update((aff.person, aff.organization))
    for mem in data.memberships:
        named.update((mem.member, mem.parent))
    for it in data.interactions:
        named.update(p.actor for p in it.participants)
    return named
