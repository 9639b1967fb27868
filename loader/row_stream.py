"""The rows of a validated dataset, one stage of the load at a time, without holding it.

The records that are not interactions or statements come from the validation's index
(loader/dataset_index.py); the interactions and statements are read file by file, and each
is handed out as soon as its row is complete. Only an id that more than one file records
(or that `same_as` joins) waits for the last file; statements wait on disk until every
interaction is written. What the records of one id add up to is loader/rows.py's.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from loader.dataset import SourceFile
from loader.dataset_index import DatasetIndex
from loader.row_values import Row
from loader.rows import RowBuilder, Rows
from loader.source_merge import affiliation_row, membership_row, settle_interaction, settle_place
from loader.spoke_with import ContactPairs
from loader.validation import ValidationReport

# The stages of a load in the order they are written: interactions need their actors and
# places, links and statements need every interaction.
STAGES = (
    "sources", "source_files", "actors", "places", "interactions", "interaction_links",
    "statements", "affiliations", "memberships", "spoke_with",
)  # fmt: skip
# Statements that wait on disk for the interactions are written there this many at a time.
SPILL_ROWS = 2_000


class RowStream:
    """The rows of a validated dataset, one stage at a time, in STAGES order (see the module
    doc). `rows(stage)` is lazy: the interactions are read from the files while they are
    being written. `counts` and `digest()` are complete once every stage has been read."""

    def __init__(self, report: ValidationReport) -> None:
        index: DatasetIndex = report.index
        # Sources in publication order, whatever order the files came in: loading the seed
        # and a note together, or the note beside the loaded seed, gives the same graph.
        self.files = sorted(report.files, key=lambda f: (f.source.date, f.source.id))
        self.index = index
        self.builder = RowBuilder(index.offsets, report.titles)
        self.builder.same_as = index.same_as
        self.builder.mentions = index.mentioned_in
        self.joined = index.joined_interactions()
        self.counts = {stage: 0 for stage in STAGES}
        self._hash = hashlib.sha256()
        self._pairs = ContactPairs()
        self._spill: Any = None
        for lf in self.files:
            self.builder.add_source(lf.source)
            self.builder.add_small(lf.source.id, index.small[lf.source.id])
        # The digest of what the files say: taken before the load stamps the source rows
        # with who loaded them when.
        for row in self.sources:
            self._hash.update(orjson.dumps(row, option=orjson.OPT_SORT_KEYS, default=str))

    @property
    def sources(self) -> list[Row]:
        return self.builder.rows.sources

    def planned(self) -> dict[str, int | None]:
        """How many rows each stage will have, as far as is known before reading the files."""
        b = self.builder
        return {
            "sources": len(self.files),
            "source_files": len(self.files),
            "actors": len(b.actor_entries),
            "places": len(b.places),
            "interactions": self.index.interaction_ids - len(self.index.same_as),
            "interaction_links": self.index.links,
            "statements": self.index.statement_ids,
            "affiliations": len(b.affiliations),
            "memberships": len(b.memberships),
            "spoke_with": None,
        }

    def rows(self, stage: str) -> Iterator[Row]:
        produce: dict[str, Callable[[], Iterable[Row]]] = {
            "sources": lambda: self.sources,
            "actors": self.builder.actor_rows,
            "places": self._places,
            "interactions": self._interactions,
            "interaction_links": lambda: self.builder.links.values(),
            "statements": self._statements,
            "affiliations": lambda: [
                affiliation_row(k, e, self.index.offsets)
                for k, e in self.builder.affiliations.items()
            ],
            "memberships": lambda: [
                membership_row(k, e, self.index.offsets)
                for k, e in self.builder.memberships.items()
            ],
            "spoke_with": self._pairs.rows,
        }
        for row in produce[stage]():
            self.counts[stage] += 1
            if stage != "sources":
                self._hash.update(stage.encode())
                self._hash.update(orjson.dumps(row, option=orjson.OPT_SORT_KEYS, default=str))
            yield row

    def digest(self) -> str:
        return self._hash.hexdigest()

    def collect(self, source_files: Iterable[Row] = ()) -> Rows:
        """Every stage's rows at once, for small datasets, tests and benches."""
        rows = Rows()
        for stage in STAGES:
            found = source_files if stage == "source_files" else self.rows(stage)
            setattr(rows, stage, list(found))
        return rows

    def _places(self) -> list[Row]:
        for place in self.builder.places.values():
            settle_place(place)
        return list(self.builder.places.values())

    def _interactions(self) -> Iterator[Row]:
        b = self.builder
        # Closed by _statements, the stage after next, which reads it back.
        self._spill = tempfile.TemporaryFile(prefix="actorgraph-statements-")  # noqa: SIM115
        waiting: list[Row] = []
        for lf in self.files:
            b.offsets = lf.offsets()
            for part in lf.parts():
                yield from self._part(part.data, waiting)
        if waiting:
            pickle.dump(waiting, self._spill, pickle.HIGHEST_PROTOCOL)
        for row in b.interactions.values():
            yield self._settled(row)

    def _part(self, data: SourceFile, waiting: list[Row]) -> Iterator[Row]:
        """The interactions of a file (or a part of one) that no other file records; its
        statements go to `waiting`, and to disk from there."""
        b = self.builder
        sid = data.source.id
        for inter in data.interactions:
            b.add_interaction(sid, inter)
            cid = b.canonical(inter.id)
            assert cid is not None
            if cid not in self.joined:
                yield self._settled(b.take_interaction(cid))
        for st in data.statements:
            b.add_statement(sid, st)
            if st.id not in self.index.shared_statements:
                waiting.append(b.take_statement(st.id))
                if len(waiting) >= SPILL_ROWS:
                    pickle.dump(waiting, self._spill, pickle.HIGHEST_PROTOCOL)
                    waiting.clear()

    def _settled(self, row: Row) -> Row:
        settle_interaction(row)
        self._pairs.add(row)
        return row

    def _statements(self) -> Iterator[Row]:
        if self._spill is not None:
            with self._spill:
                self._spill.seek(0)
                while True:
                    try:
                        yield from pickle.load(self._spill)
                    except EOFError:
                        break
        yield from self.builder.statements.values()


def build_rows(report: ValidationReport) -> Rows:
    """Every row of a validated dataset at once (no SourceFile rows: the load stamps those)."""
    return RowStream(report).collect()
