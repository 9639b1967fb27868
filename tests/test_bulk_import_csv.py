"""The CSV files of bench/bulk_import.py, without a database: the importer's header types,
its field syntax (null, empty string, lists, dates, bytes), and the loader's rows of a small
synth dataset as node and relationship files whose ends all exist. The import itself runs
only on demand (`python -m bench.bulk_import`)."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT

# bench/ is run from the checkout, not installed (see tests/test_bench.py).
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.bulk_csv import (
    ARRAY_DELIMITER,
    EMPTY_LISTS,
    TABLES,
    Node,
    Table,
    cell,
    columns,
    header,
    publication,
    value_type,
    write_table,
)
from bench.bulk_import import shaped_rows
from bench.load import validate_dataset
from loader.synth import generate


def test_each_value_gets_the_importers_type() -> None:
    assert value_type(None) is None
    assert value_type(True) == "boolean"
    assert value_type(3) == "long"
    assert value_type(0.5) == "double"
    assert value_type("x") == "string"
    assert value_type(dt.date(2022, 3, 10)) == "date"
    assert value_type(dt.datetime(2022, 3, 10, 9, tzinfo=dt.UTC)) == "datetime"
    assert value_type(b"\x00\xff") == "byte[]"
    assert value_type(["a", "b"]) == "string[]"
    assert value_type([1, 2]) == "long[]"
    assert value_type([]) == "[]"


def test_a_column_settles_on_one_type() -> None:
    records = [
        Node("a", ("Actor",), {"n": 1, "tags": [], "never": None, "x": 1.5}),
        Node("b", ("Actor",), {"n": 2.5, "tags": ["t"], "never": None, "x": None}),
    ]
    # Integers beside floats are doubles; an empty list takes the others' type; a column
    # only ever null is left out; a table with empty lists names them in EMPTY_LISTS.
    assert columns(records) == {
        EMPTY_LISTS: "string[]", "n": "double", "tags": "string[]", "x": "double"
    }  # fmt: skip
    assert columns([Node("c", ("Actor",), {"tags": []})]) == {
        EMPTY_LISTS: "string[]",
        "tags": "string[]",
    }
    with pytest.raises(TypeError, match="several types"):
        columns([Node("a", ("A",), {"v": "x"}), Node("b", ("A",), {"v": 1})])


def test_headers_name_id_spaces_labels_and_types() -> None:
    nodes = Table("actors", lambda rows, gen: [], group="Actor")
    links = Table("said", lambda rows, gen: [], start="Actor", end="Statement")
    assert header(nodes, {"gen": "long"}) == ["id:ID(Actor)", ":LABEL", "gen:long"]
    assert header(links, {}) == [":START_ID(Actor)", ":TYPE", ":END_ID(Statement)"]


def test_fields_keep_null_empty_strings_quotes_lists_and_bytes_apart() -> None:
    assert cell(None, "string") == ""
    assert cell("", "string") == '""'
    assert cell('He said "no"', "string") == '"He said ""no"""'
    assert cell(["a; b", "c"], "string[]") == f'"a; b{ARRAY_DELIMITER}c"'
    assert cell([1, 2], "long[]") == f'"1{ARRAY_DELIMITER}2"'
    assert cell(False, "boolean") == "false"
    assert cell(dt.date(2022, 3, 10), "date") == "2022-03-10"
    assert cell(b"\x01\xff", "byte[]") == f"1{ARRAY_DELIMITER}-1"  # Java's bytes are signed
    with pytest.raises(ValueError, match="array delimiter"):
        cell([f"a{ARRAY_DELIMITER}b"], "string[]")


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as lines:
        reader = csv.reader(lines)
        names = next(reader)
        return names, [dict(zip(names, row, strict=True)) for row in reader]


def test_the_loaders_rows_become_files_whose_relationships_join_existing_nodes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "synth"
    generate(folder, actors=30, interactions=60, seed=1)
    report, _ = validate_dataset(folder)
    rows, digest = shaped_rows(report)
    at = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    pointer = publication(1, [r["id"] for r in rows.sources], digest, at, "me@here")
    out = tmp_path / "csv"
    out.mkdir()
    written = {t.name: write_table(t, rows, 1, out) for t in (*TABLES, pointer)}
    ids: dict[str, set[str]] = {}
    for table in (t for t in TABLES if t.is_nodes):
        names, records = read_table(written[table.name].path)
        assert names[:2] == [f"id:ID({table.group})", ":LABEL"]
        assert "gen:long" in names
        ids[str(table.group)] = {r[names[0]] for r in records}
    assert len(ids["Interaction"]) == len(rows.interactions)
    for table in (t for t in TABLES if not t.is_nodes):
        names, records = read_table(written[table.name].path)
        assert len(records) == written[table.name].records
        for record in records:
            assert record[names[0]] in ids[str(table.start)], table.name
            assert record[names[2]] in ids[str(table.end)], table.name
    participants = sum(len(r["participants"]) for r in rows.interactions)
    assert written["participants"].records == participants
    _, actors = read_table(written["actors"].path)
    assert {a[":LABEL"].split(ARRAY_DELIMITER)[0] for a in actors} == {"Actor"}
    assert all(
        "conflicts" in a[f"{EMPTY_LISTS}:string[]"] for a in actors if not a["conflicts:string[]"]
    )
    _, pointers = read_table(written["publication"].path)
    assert [p[":LABEL"] for p in pointers] == ["Dataset", "Changeset"]
