"""Validate dataset files: YAML syntax, schema, references, vocabulary,
dates and quotes.

``validate_paths`` never stops at the first problem: it collects every error
and warning into a ``ValidationReport``. Each ``Issue`` names the file, the
record (its id, or ``<collection>[index]`` when it has none), the field as a
dotted path (``participants[1].role``) and a message that says what is wrong
and how to fix it.

Evidence offsets: for every quote that was found, ``report.offsets`` maps
``(source_id, quote_as_written)`` to ``(start, end)`` character offsets into
the raw source text, so that ``raw[start:end]`` is the quoted passage.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from loader.dataset import (
    DateRange,
    Evidence,
    Interaction,
    SourceFile,
    all_field_names,
)
from loader.gc_pause import gc_paused
from loader.names import name_key
from loader.source_text import SourceText, normalize_ws
from loader.vocabulary import ROLES_BY_NAME, TYPES_BY_NAME

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files larger than this are rejected before they are read."""

MAX_QUOTE_CHARS = 400
"""Quotes longer than this get a warning: evidence must stay short."""

MAX_COVERAGE = 0.5
"""Warn when a source's quotes together cover more than this share of its
text: the repository may hold short excerpts, never the article."""

MIN_TEXT_FOR_COVERAGE = 2000
"""Texts shorter than this (test fixtures, short notes) are exempt from the
coverage warning: quoting a two-line text is unavoidable."""

COLLECTIONS = ("actors", "places", "affiliations", "memberships", "interactions", "statements")
FILE_LEVEL = "(file)"
_FIELD_NAMES = all_field_names()


@dataclass(frozen=True)
class Issue:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    data: SourceFile


@dataclass
class ValidationReport:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)
    unverified_quotes: int = 0
    offsets: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    # For a source without a headline: its text's first words (a dateline, as a rule).
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------- YAML


class _StrictLoader(yaml.SafeLoader):
    """Safe loader that rejects anchors/aliases and duplicate keys and keeps
    dates as strings (so that an impossible date reaches the schema check
    with its file/record/field instead of crashing the YAML parser)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors and aliases (&name / *name) are not allowed in dataset "
                "files; write each value out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r}; each key may appear once per mapping",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_text(path: Path, add: Callable[[str, str, str], None]) -> str | None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        add(FILE_LEVEL, "-", f"cannot read file: {exc.strerror}")
        return None
    if size > MAX_FILE_BYTES:
        add(
            FILE_LEVEL,
            "-",
            f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit; "
            "split it into one file per source",
        )
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        add(
            FILE_LEVEL,
            "-",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
        )
        return None


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"duplicate key {duplicates[0]!r}; each key may appear once per mapping")
    return dict(pairs)


def _parse_json(text: str) -> Any:
    """Large generated datasets are JSON, which is YAML too, and parses 50x faster.

    JSON has no anchors or aliases, so the strict loader's guard is not needed.
    None when the text is not JSON, so that the YAML parser reports what is wrong.
    """
    if not text.lstrip().startswith("{"):
        return None
    try:
        return json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError:
        return None


def _parse_yaml(text: str, add: Callable[[str, str, str], None]) -> dict[str, Any] | None:
    if not text.strip():
        add(FILE_LEVEL, "-", "file is empty; a dataset file needs at least a source: section")
        return None
    try:
        loaded = _parse_json(text)
        if loaded is None:
            loaded = yaml.load(text, Loader=_StrictLoader)
    except ValueError as exc:
        add(FILE_LEVEL, "-", str(exc))
        return None
    except RecursionError:
        add(FILE_LEVEL, "-", "nested too deeply to be a dataset file; flatten it")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        add(FILE_LEVEL, "-", f"YAML syntax error at {where}{exc.problem or exc}")
        return None
    except yaml.YAMLError as exc:
        add(FILE_LEVEL, "-", f"YAML error: {exc}")
        return None
    if loaded is None:
        add(FILE_LEVEL, "-", "file holds no data; a dataset file needs at least a source: section")
        return None
    if not isinstance(loaded, dict):
        add(
            FILE_LEVEL,
            "-",
            f"top level is a {type(loaded).__name__}, expected a mapping with "
            "source:, actors:, places:, affiliations:, memberships:, interactions:, statements:",
        )
        return None
    return loaded


# ---------------------------------------------------------- schema errors


def _format_loc(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "-"


def _record_label(raw: dict[str, Any], collection: str, index: int) -> str:
    items = raw.get(collection)
    if isinstance(items, list) and 0 <= index < len(items):
        item = items[index]
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
            return str(item["id"])
    return f"{collection}[{index}]"


def _suggest(
    value: str, candidates: Iterable[str], *, exclude: str | None = None, cutoff: float = 0.6
) -> str:
    """A close existing name, never the record's own id (`exclude`): a hint must lead somewhere."""
    names = [c for c in candidates if c != exclude and c != value]
    match = difflib.get_close_matches(value, names, n=1, cutoff=cutoff)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _schema_message(err: ErrorDetails, last: str | int | None) -> str:
    kind = err["type"]
    value = err.get("input")
    msg = err["msg"]
    if kind == "missing":
        return f"required field {last!r} is missing; add it"
    if kind == "extra_forbidden":
        return (
            f"unknown field {last!r}; remove it or fix its spelling"
            f"{_suggest(str(last), _FIELD_NAMES)}"
        )
    if kind == "string_pattern_mismatch":
        return (
            f"{value!r} is not a valid id: ids are lowercase slugs of a-z, 0-9 "
            "and single hyphens, e.g. 'vladimir-putin'"
        )
    if kind == "literal_error":
        return f"{msg}; got {value!r}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number (e.g. 90), got {value!r}"
    if kind.startswith("date_") or kind == "date_type":
        return f"{value!r} is not a real calendar date written YYYY-MM-DD ({msg})"
    if kind == "too_short":
        if last == "evidence":
            return "needs at least one evidence item, e.g. evidence: [{quote: '...'}]"
        return f"needs at least one item ({msg})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of field: value, got {type(value).__name__}"
    if kind == "list_type":
        return f"expected a list, got {type(value).__name__}"
    if kind in ("string_type", "string_too_short"):
        return f"expected non-empty text, got {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {value!r}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "greater_than":
        return f"must be greater than {err.get('ctx', {}).get('gt')}, got {value!r}"
    return f"{msg} (got {value!r})"


def _schema_issues(exc: ValidationError, raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for err in exc.errors():
        loc = list(err["loc"])
        # Keep list indexes and real field names; drop pydantic's union and
        # validator tags (e.g. 'int', "literal['several']").
        kept: list[str | int] = [
            p
            for i, p in enumerate(loc)
            if isinstance(p, int)
            or p in _FIELD_NAMES
            or (i == len(loc) - 1 and err["type"] == "extra_forbidden")
        ]
        last = kept[-1] if kept else None
        message = _schema_message(err, last)
        if len(kept) >= 2 and kept[0] in COLLECTIONS and isinstance(kept[1], int):
            record = _record_label(raw, str(kept[0]), kept[1])
            fld = _format_loc(kept[2:])
        elif kept and kept[0] == "source":
            record, fld = "source", _format_loc(kept[1:])
        else:
            record, fld = FILE_LEVEL, _format_loc(kept)
        out.append((record, fld, message))
    return out


# --------------------------------------------------------- semantic checks


@dataclass
class _Registry:
    """Ids defined across all files, with their kind and defining file."""

    actor_kind: dict[str, str] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    interactions: set[str] = field(default_factory=set)
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


def _check_date(dr: DateRange, fld: str, add: Callable[[str, str], None]) -> None:
    lo, hi = dr.earliest, dr.latest
    if lo is not None and hi is not None and lo > hi:
        add(fld, f"earliest {lo} is after latest {hi}; swap them or fix the dates")
        return
    p = dr.precision
    if p == "day":
        if lo is None or hi is None or lo != hi:
            add(
                fld,
                "precision day needs earliest and latest set to the same date; "
                "for a range use precision between",
            )
    elif p == "month":
        if (
            lo is None
            or hi is None
            or lo.day != 1
            or (lo.year, lo.month) != (hi.year, hi.month)
            or hi.day != calendar.monthrange(hi.year, hi.month)[1]
        ):
            add(
                fld,
                "precision month needs earliest = first and latest = last day of "
                "the same month (e.g. 2015-02-01 .. 2015-02-28)",
            )
    elif p == "year":
        whole_year = lo is not None and (lo, hi) == (
            dt.date(lo.year, 1, 1),
            dt.date(lo.year, 12, 31),
        )
        if not whole_year:
            add(fld, "precision year needs earliest = Jan 1 and latest = Dec 31 of the same year")
    elif p == "between":
        if lo is None and hi is None:
            add(
                fld,
                "precision between needs at least one bound; use precision unknown "
                "when the text gives no time words",
            )
        elif lo is not None and lo == hi:
            add(fld, "earliest equals latest; use precision day")
    elif p == "unknown" and (lo is not None or hi is not None):
        add(
            fld,
            "precision unknown must leave earliest and latest empty; "
            "use between or day when the text gives a date",
        )


def _check_file(
    lf: LoadedFile,
    reg: _Registry,
    add: Callable[[str, str, str], None],
    warn: Callable[[str, str, str], None],
) -> None:
    data = lf.data
    src = data.source

    # Ids are unique within a source across all kinds, so that a reference
    # can never be read two ways.
    seen: dict[str, str] = {}
    for coll in COLLECTIONS:
        for i, item in enumerate(getattr(data, coll)):
            rid = getattr(item, "id", None)
            if rid is None:
                continue
            if rid in seen:
                add(
                    rid,
                    "id",
                    f"duplicate id {rid!r} (already used in {seen[rid]}); "
                    "ids must be unique within a source: rename one",
                )
            else:
                seen[rid] = f"{coll}[{i}]"

    actor_ids = reg.actor_kind

    def ref_actor(
        record: str,
        fld: str,
        aid: str | None,
        kinds: tuple[str, ...] | None = None,
        what: str = "actor",
    ) -> None:
        if aid is None:
            return
        if aid not in actor_ids:
            add(
                record,
                fld,
                f"unknown {what} {aid!r} ({reg.looked_in()}); define it under actors: "
                f"or fix the id{_suggest(aid, actor_ids, exclude=record)}",
            )
        elif kinds is not None and actor_ids[aid] not in kinds:
            add(
                record,
                fld,
                f"{aid!r} is a {actor_ids[aid]}, but this field needs a {' or '.join(kinds)}",
            )

    def ref_interaction(record: str, fld: str, iid: str | None) -> None:
        if iid is None:
            return
        if iid == record:
            add(record, fld, "an interaction cannot refer to itself")
        elif iid not in reg.interactions:
            add(
                record,
                fld,
                f"unknown interaction {iid!r} ({reg.looked_in()}); define it under "
                f"interactions: or fix the id{_suggest(iid, reg.interactions, exclude=record)}",
            )

    def ref_evidence(record: str, prefix: str, items: list[Evidence]) -> None:
        for j, ev in enumerate(items):
            if ev.source is not None and ev.source not in reg.sources:
                add(
                    record,
                    f"{prefix}evidence[{j}].source",
                    f"unknown source {ev.source!r} ({reg.looked_in()}); a quote may cite its "
                    "own source or one given or loaded with it; a second source never edits "
                    "the first one's file"
                    # Source ids share the author-date shape; only a near twin is a typo.
                    f"{_suggest(ev.source, reg.sources, cutoff=0.85)}",
                )

    text_name = Path(src.text_file).name
    if text_name != src.text_file or text_name.startswith("."):
        add(
            "source",
            "text_file",
            f"{src.text_file!r} must be a plain file name inside the "
            "sources folder, without directories",
        )

    for a in data.actors:
        ref_evidence(a.id, "", a.evidence)
        if (a.kind is None) != (a.name is None):
            missing = "name" if a.name is None else "kind"
            add(
                a.id,
                missing,
                f"{missing} is missing: give kind and name to define the actor here, or "
                "neither to add aliases and evidence to an actor another source defines",
            )
        elif not a.defines and a.id not in actor_ids:
            add(
                a.id,
                "id",
                f"adds to actor {a.id!r}, which no source defines ({reg.looked_in()}); give "
                f"its kind and name to define it here, or fix the id"
                f"{_suggest(a.id, actor_ids, exclude=a.id)}",
            )
        for j, other in enumerate(a.distinct_from):
            ref_actor(a.id, f"distinct_from[{j}]", other)
    for p in data.places:
        ref_actor(p.id, "state", p.state, ("state",), "state")
        ref_evidence(p.id, "", p.evidence)
    for af in data.affiliations:
        ref_actor(af.id, "person", af.person, ("person",), "person")
        ref_actor(af.id, "organization", af.organization, ("state", "organization"))
        if af.date is not None:
            _check_date(af.date, "date", partial(add, af.id))
        ref_evidence(af.id, "", af.evidence)
    for i, m in enumerate(data.memberships):
        rid = m.id or f"memberships[{i}]"
        ref_actor(rid, "member", m.member, ("state", "organization"))
        ref_actor(rid, "parent", m.parent, ("state", "organization"))
        if m.member == m.parent:
            add(rid, "parent", "member and parent are the same actor")
        ref_evidence(rid, "", m.evidence)

    for it in data.interactions:
        _check_interaction(it, src.date, reg, add, ref_actor, ref_interaction)
        ref_evidence(it.id, "", it.evidence)

    for st in data.statements:
        rid = st.id
        ref_actor(rid, "speaker", st.speaker)
        ref_actor(rid, "speaker_affiliation", st.speaker_affiliation, ("state", "organization"))
        ref_actor(rid, "reported_by", st.reported_by)
        if st.speaker is None:
            if st.speaker_affiliation is None:
                add(
                    rid,
                    "speaker_affiliation",
                    "a statement without a speaker needs speaker_affiliation (the state or "
                    "organization of the anonymous speaker) and speaker_description",
                )
            if st.speaker_description is None:
                add(
                    rid,
                    "speaker_description",
                    "a statement without a speaker needs speaker_description, "
                    "e.g. 'a French official'",
                )
        if st.reported_by_description is not None and st.reported_by is None:
            add(
                rid,
                "reported_by",
                "reported_by_description is set, so reported_by needs the "
                "state or organization of that reporter",
            )
        if st.quote is None and st.reported is None:
            add(
                rid,
                "quote",
                "a statement needs quote (the words in quotation marks) or "
                "reported (the article's indirect report), or both",
            )
        ref_interaction(rid, "interaction", st.interaction)
        _check_date(st.date, "date", partial(add, rid))
        ref_evidence(rid, "", st.evidence)


def _check_interaction(
    it: Interaction,
    source_date: dt.date,
    reg: _Registry,
    add: Callable[[str, str, str], None],
    ref_actor: Callable[..., None],
    ref_interaction: Callable[[str, str, str | None], None],
) -> None:
    rid = it.id
    if it.type not in TYPES_BY_NAME:
        add(
            rid,
            "type",
            f"unknown interaction type {it.type!r}{_suggest(it.type, TYPES_BY_NAME)}; "
            f"use one of: {', '.join(TYPES_BY_NAME)}",
        )
    _check_date(it.date, "date", partial(add, rid))
    if it.status == "held" and it.date.earliest is not None and it.date.earliest > source_date:
        add(
            rid,
            "date.earliest",
            f"a held interaction cannot start after its source's date "
            f"{source_date}; fix the date or the status",
        )
    if it.place is not None and it.place not in reg.places:
        add(
            rid,
            "place",
            f"unknown place {it.place!r} ({reg.looked_in()}); define it under places: or "
            f"fix the id{_suggest(it.place, reg.places)}",
        )
    seen: set[tuple[str, str]] = set()
    took_part = False
    for j, p in enumerate(it.participants):
        fld = f"participants[{j}]"
        role = ROLES_BY_NAME.get(p.role)
        if role is None:
            add(
                rid,
                f"{fld}.role",
                f"unknown role {p.role!r}{_suggest(p.role, ROLES_BY_NAME)}; "
                f"use one of: {', '.join(ROLES_BY_NAME)}",
            )
        elif role.took_part:
            took_part = True
        kinds: tuple[str, ...] | None = None
        if p.role in ("delegation_head", "delegation_member"):
            kinds = ("person",)
        elif p.role == "venue_state":
            kinds = ("state",)
        ref_actor(rid, f"{fld}.actor", p.actor, kinds)
        if (p.actor, p.role) in seen:
            add(rid, fld, f"{p.actor!r} is listed twice with role {p.role!r}; remove one")
        seen.add((p.actor, p.role))
    roles_known = all(p.role in ROLES_BY_NAME for p in it.participants)
    if it.status == "held" and not took_part and roles_known:
        add(
            rid,
            "participants",
            "a held interaction needs at least one participant whose "
            "role took part (e.g. participant, caller, speaker)",
        )
    for j, target in enumerate(it.arranges):
        ref_interaction(rid, f"arranges[{j}]", target)
    ref_interaction(rid, "part_of", it.part_of)
    ref_interaction(rid, "same_as", it.same_as)
    for j, other in enumerate(it.distinct_from):
        ref_interaction(rid, f"distinct_from[{j}]", other)
    ref_interaction(rid, "realized_by", it.realized_by)
    if it.realized_by is not None and it.status not in ("planned", "proposed"):
        add(
            rid,
            "realized_by",
            "realized_by links a planned or proposed interaction to the "
            f"held one; this one is {it.status!r}",
        )


# ------------------------------------------------------------------ quotes


@dataclass(frozen=True)
class _Quote:
    source_id: str
    text: str
    lf: LoadedFile
    record: str
    field: str


def _quotes(lf: LoadedFile) -> list[_Quote]:
    data = lf.data
    own = data.source.id
    out: list[_Quote] = []

    def evid(record: str, items: list[Evidence]) -> None:
        for j, ev in enumerate(items):
            out.append(_Quote(ev.source or own, ev.quote, lf, record, f"evidence[{j}].quote"))

    for a in data.actors:
        evid(a.id, a.evidence)
    for p in data.places:
        evid(p.id, p.evidence)
    for af in data.affiliations:
        evid(af.id, af.evidence)
    for i, m in enumerate(data.memberships):
        evid(m.id or f"memberships[{i}]", m.evidence)
    for it in data.interactions:
        evid(it.id, it.evidence)
    for st in data.statements:
        evid(st.id, st.evidence)
        if st.quote is not None:
            out.append(_Quote(own, st.quote, lf, st.id, "quote"))
        if st.reported is not None:
            out.append(_Quote(own, st.reported, lf, st.id, "reported"))
    return out


def _longest_matching_prefix(text: SourceText, quote: str) -> str:
    needle = normalize_ws(quote)
    lo, hi = 0, len(needle)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needle[:mid] in text.normalized:
            lo = mid
        else:
            hi = mid - 1
    return needle[:lo]


def first_words(text: str, count: int = 12) -> str:
    """The start of a text's first line, to stand in for a missing headline."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    words = line.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _short(s: str, n: int = 60) -> str:
    s = normalize_ws(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _check_quotes(
    report: ValidationReport, reg: _Registry, sources_dir: Path | None, strict: bool
) -> None:
    texts: dict[str, SourceText | None] = {}
    missing_reason: dict[str, str] = {}
    for sid, lf in reg.sources.items():
        tf = lf.data.source.text_file
        if sources_dir is None:
            texts[sid] = None
            missing_reason[sid] = (
                "no sources folder was given (set ACTORGRAPH_SOURCES or pass the sources folder)"
            )
            continue
        path = sources_dir / tf
        if Path(tf).name != tf or not path.is_file():
            texts[sid] = None
            missing_reason[sid] = (
                f"source text {tf!r} not found in {sources_dir}; put the text "
                "there or point ACTORGRAPH_SOURCES at the folder that has it"
            )
            continue

        def add_src(r: str, f: str, m: str, lf: LoadedFile = lf, tf: str = tf) -> None:
            report.errors.append(Issue(str(lf.path), "source", "text_file", f"{tf}: {m}"))

        raw = _read_text(path, add_src)
        texts[sid] = SourceText(raw) if raw is not None else None
        if raw is None:
            missing_reason[sid] = f"source text {tf!r} could not be read"
        elif lf.data.source.title is None:
            report.titles[sid] = first_words(raw)

    unverified: dict[tuple[Path, str], int] = {}
    covered: dict[str, list[tuple[int, int]]] = {}
    for lf in report.files:
        for q in _quotes(lf):
            if len(normalize_ws(q.text)) > MAX_QUOTE_CHARS:
                report.warnings.append(
                    Issue(
                        str(lf.path),
                        q.record,
                        q.field,
                        f"quote is {len(normalize_ws(q.text))} characters; keep evidence short "
                        f"(under {MAX_QUOTE_CHARS}): the clause that proves the fact",
                    )
                )
            if q.source_id not in texts:
                continue  # unknown source: already reported as a reference error
            st = texts[q.source_id]
            if st is None:
                key = (lf.path, q.source_id)
                unverified[key] = unverified.get(key, 0) + 1
                continue
            span = st.find(q.text)
            if span is None:
                prefix = _longest_matching_prefix(st, q.text)
                hint = (
                    f"; the text matches only up to {_short(prefix[-40:], 40)!r}" if prefix else ""
                )
                report.errors.append(
                    Issue(
                        str(lf.path),
                        q.record,
                        q.field,
                        f"quote not found in source {q.source_id!r} "
                        f"({reg.sources[q.source_id].data.source.text_file}): "
                        f"{_short(q.text)!r}{hint}; copy it verbatim from the text (only "
                        "whitespace may differ; quote marks and dashes must match)",
                    )
                )
                continue
            report.offsets[(q.source_id, q.text)] = span
            covered.setdefault(q.source_id, []).append(span)

    for (path, sid), n in sorted(unverified.items()):
        report.unverified_quotes += n
        issue = Issue(
            str(path),
            "source",
            "text_file",
            f"{n} quote{'s' if n != 1 else ''} unverified: {missing_reason[sid]}",
        )
        (report.errors if strict else report.warnings).append(issue)

    for sid, spans in covered.items():
        st = texts[sid]
        assert st is not None
        total = 0
        end_so_far = -1
        for start, end in sorted(spans):
            start = max(start, end_so_far)
            if end > start:
                total += end - start
            end_so_far = max(end_so_far, end)
        share = total / max(len(st.raw), 1)
        report.coverage[sid] = share
        if share > MAX_COVERAGE and len(st.raw) >= MIN_TEXT_FOR_COVERAGE:
            lf = reg.sources[sid]
            report.warnings.append(
                Issue(
                    str(lf.path),
                    "source",
                    "text_file",
                    f"quotes cover {share:.0%} of the source text; the repository may hold short "
                    "excerpts only: shorten the quotes",
                )
            )


def _check_linked_dates(report: ValidationReport) -> None:
    """Warn where linked records' dates contradict each other: a container (`part_of`) must
    cover its parts, and a plan cannot end after the record that carried it out."""
    dated: dict[str, DateRange] = {}
    for lf in report.files:
        for it in lf.data.interactions:
            dated.setdefault(it.id, it.date)
    for lf in report.files:
        for it in lf.data.interactions:
            whole = dated.get(it.part_of or "")
            if whole is not None and not _covers(whole, it.date):
                report.warnings.append(
                    Issue(
                        str(lf.path),
                        it.id,
                        "date",
                        f"part_of {it.part_of!r}, whose dates ({_span(whole)}) do not cover "
                        f"this record's ({_span(it.date)}); widen the container's range or "
                        "leave the bound it cannot know empty",
                    )
                )
            done = dated.get(it.realized_by or "")
            if (
                done is not None
                and done.latest is not None
                and it.status != "held"
                and (it.date.latest is None or it.date.latest > done.latest)
            ):
                report.warnings.append(
                    Issue(
                        str(lf.path),
                        it.id,
                        "date.latest",
                        f"realized_by {it.realized_by!r} on {_span(done)}, so this "
                        f"{it.status} record ends no later than {done.latest}; set latest",
                    )
                )


def _covers(whole: DateRange, part: DateRange) -> bool:
    """Every bound the container sets holds for the part: an open bound of the part may
    cross it."""
    if whole.earliest is not None and (part.earliest is None or part.earliest < whole.earliest):
        return False
    return whole.latest is None or (part.latest is not None and part.latest <= whole.latest)


def _span(date: DateRange) -> str:
    return f"{date.earliest or '…'} to {date.latest or '…'}"


def _check_names(report: ValidationReport) -> None:
    """Warn when two different actors or places share a name key."""
    owner: dict[str, tuple[str, str]] = {}
    for lf in report.files:
        entries: list[tuple[str, str | None, list[str]]] = [
            (a.id, a.name, a.aliases) for a in lf.data.actors
        ] + [(p.id, p.name, p.aliases) for p in lf.data.places]
        for rid, name, aliases in entries:
            for label in [*([name] if name else []), *aliases]:
                key = name_key(label)
                prev = owner.get(key)
                if prev is not None and prev[0] != rid:
                    report.warnings.append(
                        Issue(
                            str(lf.path),
                            rid,
                            "aliases" if label != name else "name",
                            f"name {label!r} matches {prev[1]!r} of {prev[0]!r}; a name or alias "
                            "must identify one actor or place",
                        )
                    )
                else:
                    owner[key] = (rid, label)


# -------------------------------------------------------------------- main


def _expand(paths: Sequence[Path], report: ValidationReport) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
            if not found:
                report.errors.append(
                    Issue(str(p), FILE_LEVEL, "-", "directory has no *.yaml or *.yml files")
                )
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            report.errors.append(Issue(str(p), FILE_LEVEL, "-", "no such file or directory"))
    return files


def validate_paths(
    paths: Sequence[Path],
    *,
    sources_dir: Path | None,
    strict: bool,
    loaded: Sequence[Path] = (),
) -> ValidationReport:
    """Validate dataset files (or directories of them) together.

    References resolve across all files given together, so a second source
    may refer to actors that the seed defines. `loaded` are the files of the
    sources already in the graph that the given files do not replace: they are
    validated with them, and messages name them as where an id was looked for.
    """
    with gc_paused():
        return _validate_paths(
            [*paths, *loaded], sources_dir=sources_dir, strict=strict, loaded=loaded
        )


def _validate_paths(
    paths: Sequence[Path], *, sources_dir: Path | None, strict: bool, loaded: Sequence[Path]
) -> ValidationReport:
    report = ValidationReport()
    for path in _expand(paths, report):

        def add(record: str, fld: str, message: str, path: Path = path) -> None:
            report.errors.append(Issue(str(path), record, fld, message))

        text = _read_text(path, add)
        if text is None:
            continue
        raw = _parse_yaml(text, add)
        if raw is None:
            continue
        try:
            data = SourceFile.model_validate(raw)
        except ValidationError as exc:
            for record, fld, message in _schema_issues(exc, raw):
                add(record, fld, message)
            continue
        report.files.append(LoadedFile(path, data))

    reg = _Registry()
    loaded_files = {p.resolve() for p in loaded}
    reg.loaded_sources = [
        lf.data.source.id for lf in report.files if lf.path.resolve() in loaded_files
    ]
    for lf in report.files:
        sid = lf.data.source.id
        if sid in reg.sources:
            report.errors.append(
                Issue(
                    str(lf.path),
                    "source",
                    "id",
                    f"source {sid!r} is also defined in {reg.sources[sid].path}; "
                    "keep one file per source",
                )
            )
        else:
            reg.sources[sid] = lf
        for a in lf.data.actors:
            if a.kind is None or a.name is None:
                continue  # an addition to an actor defined elsewhere; checked below
            prev_kind = reg.actor_kind.get(a.id)
            if prev_kind is not None and prev_kind != a.kind:
                report.errors.append(
                    Issue(
                        str(lf.path),
                        a.id,
                        "kind",
                        f"actor {a.id!r} is a {prev_kind} in another file; the same id is the "
                        "same actor, so the kinds must agree",
                    )
                )
            reg.actor_kind.setdefault(a.id, a.kind)
        reg.places.update(p.id for p in lf.data.places)
        reg.interactions.update(i.id for i in lf.data.interactions)
    clash = set(reg.actor_kind) & reg.places
    for lf in report.files:
        for p in lf.data.places:
            if p.id in clash:
                report.errors.append(
                    Issue(
                        str(lf.path),
                        p.id,
                        "id",
                        f"{p.id!r} is both a place and an actor; rename one",
                    )
                )

    for lf in report.files:

        def add3(record: str, fld: str, message: str, lf: LoadedFile = lf) -> None:
            report.errors.append(Issue(str(lf.path), record, fld, message))

        def warn3(record: str, fld: str, message: str, lf: LoadedFile = lf) -> None:
            report.warnings.append(Issue(str(lf.path), record, fld, message))

        _check_file(lf, reg, add3, warn3)

    _check_quotes(report, reg, sources_dir, strict)
    _check_names(report)
    _check_linked_dates(report)
    return report
