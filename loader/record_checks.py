"""The rules a file's records must keep beyond their shape: unique ids, resolvable
references, known types and roles, consistent dates, the fields that go together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from loader.dataset import Actor, Interaction, Source, Statement
from loader.date_checks import check_date
from loader.references import References, Registry
from loader.validation_messages import COLLECTIONS, suggest
from loader.validation_report import FileIssues, RecordsPart
from loader.vocabulary import ROLES_BY_NAME, TYPES_BY_NAME


def check_file(
    part: RecordsPart, reg: Registry, issues: FileIssues, ids: dict[str, str] | None = None
) -> None:
    """Check a file's records, or one part of a file read in parts; `ids` are the ids its
    earlier parts used, and where (it is added to)."""
    data = part.data
    refs = References(reg, issues)
    _check_unique_ids(part, issues, {} if ids is None else ids)
    if part.number == 0:  # every part repeats the file's source
        _check_text_file(data.source, issues)
    for a in data.actors:
        _check_actor(a, reg, refs, issues)
    for p in data.places:
        refs.actor(p.id, "state", p.state, ("state",), "state")
        refs.evidence(p.id, p.evidence)
    for af in data.affiliations:
        refs.actor(af.id, "person", af.person, ("person",), "person")
        refs.actor(af.id, "organization", af.organization, ("state", "organization"))
        if af.date is not None:
            check_date(af.date, issues, af.id, "date")
        refs.evidence(af.id, af.evidence)
    for i, m in enumerate(data.memberships):
        rid = m.id or f"memberships[{i}]"
        refs.actor(rid, "member", m.member, ("state", "organization"))
        refs.actor(rid, "parent", m.parent, ("state", "organization"))
        if m.member == m.parent:
            issues.error(rid, "parent", "member and parent are the same actor")
        refs.evidence(rid, m.evidence)
    for it in data.interactions:
        _check_interaction(it, data.source.date, refs, issues)
        refs.evidence(it.id, it.evidence)
    for st in data.statements:
        _check_statement(st, refs, issues)


def _check_unique_ids(part: RecordsPart, issues: FileIssues, seen: dict[str, str]) -> None:
    # Ids are unique within a source across all kinds, so that a reference
    # can never be read two ways.
    for coll in COLLECTIONS:
        for i, item in enumerate(getattr(part.data, coll)):
            rid = getattr(item, "id", None)
            if rid is None:
                continue
            if rid in seen:
                issues.error(
                    rid,
                    "id",
                    f"duplicate id {rid!r} (already used in {seen[rid]}); "
                    "ids must be unique within a source: rename one",
                )
            else:
                seen[rid] = f"{coll}[{part.index(coll, i)}]"


def _check_text_file(src: Source, issues: FileIssues) -> None:
    text_name = Path(src.text_file).name
    if text_name != src.text_file or text_name.startswith("."):
        issues.error(
            "source",
            "text_file",
            f"{src.text_file!r} must be a plain file name inside the "
            "sources folder, without directories",
        )


def _check_actor(a: Actor, reg: Registry, refs: References, issues: FileIssues) -> None:
    refs.evidence(a.id, a.evidence)
    if (a.kind is None) != (a.name is None):
        missing = "name" if a.name is None else "kind"
        issues.error(
            a.id,
            missing,
            f"{missing} is missing: give kind and name to define the actor here, or "
            "neither to add aliases and evidence to an actor another source defines",
        )
    elif not a.defines and a.id not in reg.actor_kind:
        issues.error(
            a.id,
            "id",
            f"adds to actor {a.id!r}, which no source defines ({reg.looked_in()}); give "
            f"its kind and name to define it here, or fix the id"
            f"{suggest(a.id, reg.actor_kind, exclude=a.id)}",
        )
    kind = a.kind or reg.actor_kind.get(a.id)
    if a.iso is not None and kind not in (None, "state"):
        issues.error(
            a.id, "iso", f"iso is a state's ISO 3166-1 code, and {a.id!r} is a {kind}; drop it"
        )
    for j, other in enumerate(a.distinct_from):
        refs.actor(a.id, f"distinct_from[{j}]", other)


def _check_interaction(
    it: Interaction, source_date: dt.date, refs: References, issues: FileIssues
) -> None:
    rid = it.id
    if it.type not in TYPES_BY_NAME:
        issues.error(
            rid,
            "type",
            f"unknown interaction type {it.type!r}{suggest(it.type, TYPES_BY_NAME)}; "
            f"use one of: {', '.join(TYPES_BY_NAME)}",
        )
    check_date(it.date, issues, rid, "date")
    if it.status == "held" and it.date.earliest is not None and it.date.earliest > source_date:
        issues.error(
            rid,
            "date.earliest",
            f"a held interaction cannot start after its source's date "
            f"{source_date}; fix the date or the status",
        )
    refs.place(rid, "place", it.place)
    _check_participants(it, refs, issues)
    for j, target in enumerate(it.arranges):
        refs.interaction(rid, f"arranges[{j}]", target)
    refs.interaction(rid, "part_of", it.part_of)
    refs.interaction(rid, "same_as", it.same_as)
    for j, other in enumerate(it.distinct_from):
        refs.interaction(rid, f"distinct_from[{j}]", other)
    refs.interaction(rid, "realized_by", it.realized_by)
    if it.realized_by is not None and it.status not in ("planned", "proposed"):
        issues.error(
            rid,
            "realized_by",
            "realized_by links a planned or proposed interaction to the "
            f"held one; this one is {it.status!r}",
        )


def _check_participants(it: Interaction, refs: References, issues: FileIssues) -> None:
    rid = it.id
    seen: set[tuple[str, str]] = set()
    took_part = False
    for j, p in enumerate(it.participants):
        fld = f"participants[{j}]"
        role = ROLES_BY_NAME.get(p.role)
        if role is None:
            issues.error(
                rid,
                f"{fld}.role",
                f"unknown role {p.role!r}{suggest(p.role, ROLES_BY_NAME)}; "
                f"use one of: {', '.join(ROLES_BY_NAME)}",
            )
        elif role.took_part:
            took_part = True
        kinds: tuple[str, ...] | None = None
        if p.role in ("delegation_head", "delegation_member"):
            kinds = ("person",)
        elif p.role == "venue_state":
            kinds = ("state",)
        refs.actor(rid, f"{fld}.actor", p.actor, kinds)
        if (p.actor, p.role) in seen:
            issues.error(rid, fld, f"{p.actor!r} is listed twice with role {p.role!r}; remove one")
        seen.add((p.actor, p.role))
    # An unknown role is already an error; whether it took part cannot be told.
    roles_known = all(p.role in ROLES_BY_NAME for p in it.participants)
    if it.status == "held" and not took_part and roles_known:
        issues.error(
            rid,
            "participants",
            "a held interaction needs at least one participant whose "
            "role took part (e.g. participant, caller, speaker)",
        )


def _check_statement(st: Statement, refs: References, issues: FileIssues) -> None:
    rid = st.id
    refs.actor(rid, "speaker", st.speaker)
    refs.actor(rid, "speaker_affiliation", st.speaker_affiliation, ("state", "organization"))
    refs.actor(rid, "reported_by", st.reported_by)
    if st.speaker is None:
        if st.speaker_affiliation is None:
            issues.error(
                rid,
                "speaker_affiliation",
                "a statement without a speaker needs speaker_affiliation (the state or "
                "organization of the anonymous speaker) and speaker_description",
            )
        if st.speaker_description is None:
            issues.error(
                rid,
                "speaker_description",
                "a statement without a speaker needs speaker_description, e.g. 'a French official'",
            )
    if st.reported_by_description is not None and st.reported_by is None:
        issues.error(
            rid,
            "reported_by",
            "reported_by_description is set, so reported_by needs the "
            "state or organization of that reporter",
        )
    if st.quote is None and st.reported is None:
        issues.error(
            rid,
            "quote",
            "a statement needs quote (the words in quotation marks) or "
            "reported (the article's indirect report), or both",
        )
    refs.interaction(rid, "interaction", st.interaction)
    check_date(st.date, issues, rid, "date")
    refs.evidence(rid, st.evidence)
