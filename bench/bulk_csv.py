"""The loader's rows as the CSV files of Neo4j's offline importer (`neo4j-admin database
import full`): the nodes, labels, relationships and typed properties that the `write_*`
statements of cypher/load/ create from the same rows, with `gen` on every node.

Pure: no database. bench/bulk_import.py writes the files, runs the importer and checks the
graph it gives against the loader's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from loader.rows import Row, Rows

# Quotes, aliases and titles are full of ';', the importer's default; the unit separator
# is in none of them (checked as each value is written).
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
# The importer stores no empty array (neo4j/neo4j#13566): a record names its empty lists
# here, and bench/bulk_import.py sets them once the server is up.
EMPTY_LISTS = "bulk_empty_lists"


class Node(NamedTuple):
    id: str
    labels: tuple[str, ...]
    props: Row


class Link(NamedTuple):
    start: str
    type: str
    end: str
    props: Row


@dataclass(frozen=True)
class Table:
    """One CSV file: its records come from `records(rows, gen)`. A node table names its ID
    space (`group`); a relationship table the ID spaces of its two ends."""

    name: str
    records: Callable[[Rows, int], Iterable[Node | Link]]
    group: str | None = None
    start: str | None = None
    end: str | None = None

    @property
    def is_nodes(self) -> bool:
        return self.group is not None


def _with_gen(props: Row, gen: int) -> Row:
    return {**props, "gen": gen}


def _keyed_nodes(attribute: str, label: str) -> Callable[[Rows, int], Iterator[Node]]:
    """Nodes of one stage; `SET n += r.props, n:$(r.label)` where the row has a label."""

    def records(rows: Rows, gen: int) -> Iterator[Node]:
        for r in getattr(rows, attribute):
            labels = (label, r["label"]) if "label" in r else (label,)
            yield Node(r["id"], labels, _with_gen(r["props"], gen))

    return records


def _evidence(attribute: str) -> Callable[[Rows, int], Iterator[Link]]:
    """EVIDENCED_BY from each node of a stage to the sources of its quotes, numbered by seq."""

    def records(rows: Rows, gen: int) -> Iterator[Link]:
        for r in getattr(rows, attribute):
            for seq, e in enumerate(r["evidence"]):
                props = {"quote": e["quote"], "start": e["start"], "end": e["end"], "seq": seq}
                yield Link(r["id"], "EVIDENCED_BY", e["source"], props)

    return records


def _participants(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.interactions:
        for p in r["participants"]:
            props = {k: p[k] for k in ("role", "took_part", "sources", "notes")}
            yield Link(p["actor"], "PARTICIPATED_IN", r["id"], props)


def _held_at(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.interactions:
        if r["place"] is not None:
            yield Link(r["id"], "HELD_AT", r["place"], {"sources": r["place_sources"]})


def _reported_in(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.interactions:
        for reading in r["readings"]:
            yield Link(r["id"], "REPORTED_IN", reading["source"], reading["props"])


def _in_state(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.places:
        if r["state"] is not None:
            yield Link(r["id"], "IN_STATE", r["state"], {})


def _interaction_links(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.interaction_links:
        yield Link(r["from"], r["type"], r["to"], {"sources": r["sources"]})


def _statement_links(key: str, rel: str, outward: bool) -> Callable[[Rows, int], Iterator[Link]]:
    """One of a statement's optional links: (speaker)-[:SAID]->(statement) is inward."""

    def records(rows: Rows, gen: int) -> Iterator[Link]:
        for r in rows.statements:
            other = r[key]
            if other is not None:
                start, end = (r["id"], other) if outward else (other, r["id"])
                yield Link(start, rel, end, {})

    return records


def _affiliations(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.affiliations:
        yield Link(r["person"], "HOLDS_POSITION", r["organization"], {"id": r["id"], **r["props"]})


def _memberships(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.memberships:
        yield Link(r["member"], r["type"], r["parent"], {"id": r["id"], **r["props"]})


def _spoke_with(rows: Rows, gen: int) -> Iterator[Link]:
    for r in rows.spoke_with:
        keys = ("interactions", "first", "first_bound", "last", "last_bound")
        props = {key: r[key] for key in keys}
        yield Link(r["a"], "SPOKE_WITH", r["b"], props)


# In the order of loader/writer.py's WRITE_STAGES, each relationship after its two ends.
TABLES: tuple[Table, ...] = (
    Table("sources", _keyed_nodes("sources", "Source"), group="Source"),
    Table("source_files", _keyed_nodes("source_files", "SourceFile"), group="SourceFile"),
    Table("actors", _keyed_nodes("actors", "Actor"), group="Actor"),
    Table("actor_evidence", _evidence("actors"), start="Actor", end="Source"),
    Table("places", _keyed_nodes("places", "Place"), group="Place"),
    Table("place_states", _in_state, start="Place", end="Actor"),
    Table("place_evidence", _evidence("places"), start="Place", end="Source"),
    Table("interactions", _keyed_nodes("interactions", "Interaction"), group="Interaction"),
    Table("participants", _participants, start="Actor", end="Interaction"),
    Table("held_at", _held_at, start="Interaction", end="Place"),
    Table("reported_in", _reported_in, start="Interaction", end="Source"),
    Table("interaction_evidence", _evidence("interactions"), start="Interaction", end="Source"),
    Table("interaction_links", _interaction_links, start="Interaction", end="Interaction"),
    Table("statements", _keyed_nodes("statements", "Statement"), group="Statement"),
    Table("said", _statement_links("speaker", "SAID", False), start="Actor", end="Statement"),
    Table(
        "speaker_from",
        _statement_links("speaker_affiliation", "SPEAKER_FROM", True),
        start="Statement",
        end="Actor",
    ),
    Table(
        "reported_by",
        _statement_links("reported_by", "REPORTED_BY", True),
        start="Statement",
        end="Actor",
    ),
    Table(
        "about",
        _statement_links("interaction", "ABOUT", True),
        start="Statement",
        end="Interaction",
    ),
    Table("statement_evidence", _evidence("statements"), start="Statement", end="Source"),
    Table("affiliations", _affiliations, start="Actor", end="Actor"),
    Table("memberships", _memberships, start="Actor", end="Actor"),
    Table("spoke_with", _spoke_with, start="Actor", end="Actor"),
)


def value_type(value: Any) -> str | None:
    """The importer's type for a value; None for null, '[]' for an empty list (any type)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        kinds = {value_type(item) for item in value}
        if not kinds:
            return "[]"
        return f"{_settle(kinds, repr(value))}[]"
    if isinstance(value, bytes):
        return "byte[]"
    # bool before int, datetime before date: each is a subclass of the other.
    for python, neo4j in SCALAR_TYPES:
        if isinstance(value, python):
            return neo4j
    raise TypeError(f"no importer type for {value!r}")


SCALAR_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "long"),
    (float, "double"),
    (str, "string"),
    (dt.datetime, "datetime"),
    (dt.date, "date"),
)


def _settle(kinds: set[str | None], what: str) -> str:
    """One type for the values of a column: numbers that mix integers and floats are double."""
    kinds = kinds - {None}
    if kinds <= {"long", "double"} and len(kinds) == 2:
        return "double"
    if kinds <= {"long[]", "double[]", "[]"} and {"long[]", "double[]"} <= kinds:
        return "double[]"
    if len(kinds) > 1:
        kinds.discard("[]")  # an empty list takes the type of the others
    if len(kinds) != 1:
        raise TypeError(f"{what}: values of several types {sorted(map(str, kinds))}")
    kind = kinds.pop()
    assert kind is not None
    return "string[]" if kind == "[]" else kind


def columns(records: Iterable[Node | Link]) -> dict[str, str]:
    """Every property a table's records give, with its type; a column only ever null is left
    out (the statements' `SET n += props` sets no null either)."""
    kinds: dict[str, set[str | None]] = {}
    for record in records:
        for key, value in record.props.items():
            kind = value_type(value)
            kinds.setdefault(key, set()).add(kind)
            if kind == "[]":
                kinds.setdefault(EMPTY_LISTS, set()).add("string[]")
    return {key: _settle(found, key) for key, found in sorted(kinds.items()) if found - {None}}


def header(table: Table, props: dict[str, str]) -> list[str]:
    if table.is_nodes:
        fixed = [f"id:ID({table.group})", ":LABEL"]
    else:
        fixed = [f":START_ID({table.start})", ":TYPE", f":END_ID({table.end})"]
    return fixed + [f"{key}:{kind}" for key, kind in props.items()]


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _element(value: Any, kind: str) -> str:
    if kind == "string":
        if ARRAY_DELIMITER in value:
            raise ValueError(f"{value!r} holds the array delimiter")
        return str(value)
    return _scalar(value, kind)


def _scalar(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("date", "datetime"):
        return str(value.isoformat())
    return repr(value) if kind == "double" else str(value)


def cell(value: Any, kind: str) -> str:
    """A field as the importer reads it: empty for null (no property), strings quoted (so
    that "" is an empty string), a list as one quoted field of delimited elements."""
    if value is None:
        return ""
    if kind == "string":
        return quoted(value)
    if kind == "byte[]":
        # Java's bytes are signed.
        return ARRAY_DELIMITER.join(map(str, memoryview(value).cast("b")))
    if kind.endswith("[]"):
        element = kind[:-2]
        return quoted(ARRAY_DELIMITER.join(_element(item, element) for item in value))
    return _scalar(value, kind)


def line(record: Node | Link, props: dict[str, str]) -> str:
    if isinstance(record, Node):
        fixed = [quoted(record.id), quoted(ARRAY_DELIMITER.join(record.labels))]
    else:
        fixed = [quoted(record.start), record.type, quoted(record.end)]
    values = record.props
    if EMPTY_LISTS in props:
        empty = [key for key, value in values.items() if isinstance(value, list) and not value]
        values = {**values, EMPTY_LISTS: empty or None}
    return ",".join(fixed + [cell(values.get(key), kind) for key, kind in props.items()]) + "\n"


class Written(NamedTuple):
    path: Path
    records: int
    multiline: bool
    nodes: bool
    # The longest line: the importer reads in buffers that must hold a whole line.
    longest: int


def write_table(table: Table, rows: Rows, gen: int, folder: Path) -> Written:
    """The table's CSV file: its header, then its records (read twice: once for the columns)."""
    props = columns(table.records(rows, gen))
    path = folder / f"{table.name}.csv"
    count, multiline, longest = 0, False, 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header(table, props)) + "\n")
        for record in table.records(rows, gen):
            text = line(record, props)
            # A quoted field that breaks a line: the importer must be told (it parses slower).
            multiline = multiline or text.count("\n") > 1
            longest = max(longest, len(text))
            out.write(text)
            count += 1
    return Written(path, count, multiline, table.is_nodes, longest)


def publication(gen: int, sources: list[str], digest: str, at: dt.datetime, by: str) -> Table:
    """The Dataset pointer at `gen` and the first load's Changeset, as `publish` and
    `record_changeset` leave them after a first load (one table: two ID spaces are two files,
    so both nodes share one here, keyed by label)."""

    def records(rows: Rows, _: int) -> Iterator[Node]:
        yield Node("current", ("Dataset",), {"gen": gen, "sources": sources, "digest": digest,
                                             "loaded_at": at})  # fmt: skip
        yield Node(
            f"bulk-{gen}",
            ("Changeset",),
            {
                "generation": gen, "at": at, "by": by, "sources": sorted(sources),
                "removed_sources": [], "first": True, "pending": False, "truncated": False,
                "interactions": len(rows.interactions), "added": 0, "removed": 0, "changed": 0,
            },
        )  # fmt: skip

    return Table("publication", records, group="Publication")
