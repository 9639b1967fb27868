"""Ids across files: which are defined where, and whether a record's references resolve.

References resolve across all files validated together, so a second source may name
actors that the seed defines; a message about an unknown id says where it was looked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from loader.dataset import Evidence, SourceFile
from loader.validation_messages import suggest
from loader.validation_report import FileIssues, LoadedFile, ValidationReport


@dataclass
class Registry:
    """Ids defined across all files, with their kind and defining file."""

    actor_kind: dict[str, str] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    interactions: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    # Ids that more than one file records: the same interaction or statement, merged.
    shared_interactions: set[str] = field(default_factory=set)
    shared_statements: set[str] = field(default_factory=set)
    sources: dict[str, LoadedFile] = field(default_factory=dict)
    # Sources already in the graph whose files were read to resolve references.
    loaded_sources: list[str] = field(default_factory=list)

    def looked_in(self) -> str:
        """Where an unknown id was looked for, so the message says what else to check."""
        if not self.loaded_sources:
            return "looked in the files given"
        return (
            "looked in the files given and in the sources loaded in the graph ("
            + ", ".join(self.loaded_sources)
            + ")"
        )


def register(lf: LoadedFile, data: SourceFile, reg: Registry, issues: FileIssues) -> None:
    """Add the ids one file (or a part of one) defines; an id defined two incompatible ways
    is an error."""
    sid = data.source.id
    if reg.sources.get(sid, lf) is not lf:
        issues.error(
            "source",
            "id",
            f"source {sid!r} is also defined in {reg.sources[sid].path}; keep one file per source",
        )
    else:
        reg.sources[sid] = lf
    for a in data.actors:
        if a.kind is None or a.name is None:
            continue  # an addition to an actor defined elsewhere; checked with its file
        prev_kind = reg.actor_kind.get(a.id)
        if prev_kind is not None and prev_kind != a.kind:
            issues.error(
                a.id,
                "kind",
                f"actor {a.id!r} is a {prev_kind} in another file; the same id is the "
                "same actor, so the kinds must agree",
            )
        reg.actor_kind.setdefault(a.id, a.kind)
    reg.places.update(p.id for p in data.places)
    for it in data.interactions:
        if it.id in reg.interactions:
            reg.shared_interactions.add(it.id)
        reg.interactions.add(it.id)
    for st in data.statements:
        if st.id in reg.statements:
            reg.shared_statements.add(st.id)
        reg.statements.add(st.id)


def check_place_actor_clashes(
    reg: Registry, places: list[tuple[LoadedFile, list[str]]], report: ValidationReport
) -> None:
    clash = set(reg.actor_kind) & reg.places
    for lf, place_ids in places:
        issues = report.about(lf.path)
        for pid in place_ids:
            if pid in clash:
                issues.error(pid, "id", f"{pid!r} is both a place and an actor; rename one")


def note_loaded_sources(reg: Registry, files: Sequence[LoadedFile], loaded: Sequence[Path]) -> None:
    """Name the sources already in the graph, for messages about where an id was looked for."""
    loaded_files = {p.resolve() for p in loaded}
    reg.loaded_sources = [lf.source.id for lf in files if lf.path.resolve() in loaded_files]


class References:
    """Checks that the ids one file's records name are defined, and of the kind the field
    needs."""

    def __init__(self, reg: Registry, issues: FileIssues) -> None:
        self.reg = reg
        self.issues = issues

    def actor(
        self,
        record: str,
        fld: str,
        aid: str | None,
        kinds: tuple[str, ...] | None = None,
        what: str = "actor",
    ) -> None:
        if aid is None:
            return
        actor_kind = self.reg.actor_kind
        if aid not in actor_kind:
            self.issues.error(
                record,
                fld,
                f"unknown {what} {aid!r} ({self.reg.looked_in()}); define it under actors: "
                f"or fix the id{suggest(aid, actor_kind, exclude=record)}",
            )
        elif kinds is not None and actor_kind[aid] not in kinds:
            self.issues.error(
                record,
                fld,
                f"{aid!r} is a {actor_kind[aid]}, but this field needs a {' or '.join(kinds)}",
            )

    def interaction(self, record: str, fld: str, iid: str | None) -> None:
        if iid is None:
            return
        if iid == record:
            self.issues.error(record, fld, "an interaction cannot refer to itself")
        elif iid not in self.reg.interactions:
            self.issues.error(
                record,
                fld,
                f"unknown interaction {iid!r} ({self.reg.looked_in()}); define it under "
                f"interactions: or fix the id"
                f"{suggest(iid, self.reg.interactions, exclude=record)}",
            )

    def place(self, record: str, fld: str, pid: str | None) -> None:
        if pid is not None and pid not in self.reg.places:
            self.issues.error(
                record,
                fld,
                f"unknown place {pid!r} ({self.reg.looked_in()}); define it under places: or "
                f"fix the id{suggest(pid, self.reg.places)}",
            )

    def evidence(self, record: str, items: list[Evidence]) -> None:
        for j, ev in enumerate(items):
            if ev.source is not None and ev.source not in self.reg.sources:
                self.issues.error(
                    record,
                    f"evidence[{j}].source",
                    f"unknown source {ev.source!r} ({self.reg.looked_in()}); a quote may cite "
                    "its own source or one given or loaded with it; a second source never "
                    "edits the first one's file"
                    # Source ids share the author-date shape; only a near twin is a typo.
                    f"{suggest(ev.source, self.reg.sources, cutoff=0.85)}",
                )
