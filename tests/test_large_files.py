"""Large input: a dataset file over the size limit, read in parts when it is JSON (with the
same checks, messages and rows as the same file read whole, in memory that does not grow
with the file) and refused, saying what to do, when it is not; and more errors than a
report keeps."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from actorgraph.settings import Settings
from loader.generations import wipe
from loader.json_parts import read_parts
from loader.load import load_paths
from loader.row_stream import RowStream
from loader.schema import apply_schema
from loader.snapshot import export_live_graph
from loader.synth import generate
from loader.validation import DEFAULT_LIMITS, Limits, ValidationReport, validate_paths
from loader.validation_report import KEPT_ISSUES, FileChanged

# Far below the size of any file here, so that every one is read in parts.
IN_PARTS = Limits(max_file_bytes=1_000, records_per_part=7)


def synth(folder: Path, interactions: int = 600) -> Path:
    """Two files: the actors', and one report of every interaction, read in parts at
    IN_PARTS."""
    generate(folder, actors=60, interactions=interactions, seed=3, per_file=interactions)
    return folder


def validate(folder: Path, limits: Limits = DEFAULT_LIMITS) -> ValidationReport:
    return validate_paths([folder], sources_dir=folder / "sources", strict=True, limits=limits)


def messages(report: ValidationReport) -> tuple[list[str], list[str]]:
    return [str(e) for e in report.errors], [str(w) for w in report.warnings]


def test_a_large_json_file_read_in_parts_validates_and_shapes_like_the_same_file_read_whole(
    tmp_path: Path,
) -> None:
    folder = synth(tmp_path)
    whole, parts = validate(folder), validate(folder, IN_PARTS)
    assert [f.records_per_part for f in parts.files] == [7, 7]  # really read in parts
    assert messages(parts) == messages(whole) and whole.ok
    for a, b in zip(whole.files, parts.files, strict=True):
        assert (a.counts, a.digest, a.offsets()) == (b.counts, b.digest, b.offsets())
    assert sum(f.counts["interactions"] for f in parts.files) == 600
    shaped_whole, shaped_parts = RowStream(whole), RowStream(parts)
    assert vars(shaped_parts.collect()) == vars(shaped_whole.collect())
    assert shaped_parts.digest() == shaped_whole.digest()


def test_reading_a_large_file_in_parts_holds_one_part_not_the_file(tmp_path: Path) -> None:
    folder = synth(tmp_path, interactions=3000)
    peaks = []
    for limits in (DEFAULT_LIMITS, Limits(max_file_bytes=1_000, records_per_part=200)):
        tracemalloc.start()
        try:
            assert validate(folder, limits).ok
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    whole, parts = peaks
    assert parts < 0.6 * whole, (whole, parts)  # measured: 10 MB against 29 MB at 500 a part


def report_file(folder: Path, interactions: list[Any], **sections: Any) -> Path:
    """A JSON report of the seed-like shape, with its text holding every quote."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "big.txt").write_text("Ana met Ben. " * 5, encoding="utf-8")
    doc = {
        "source": {"id": "big", "title": "Big", "date": "2022-03-01", "text_file": "big.txt"},
        "actors": [
            {"id": "ana", "kind": "person", "name": "Ana"},
            {"id": "ben", "kind": "person", "name": "Ben"},
        ],
        **sections,
        "interactions": interactions,
    }
    path = folder / "big.yaml"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def meeting(n: int) -> dict[str, Any]:
    return {
        "id": f"meeting-{n}",
        "type": "meeting",
        "status": "held",
        "date": {"precision": "unknown"},
        "participants": [
            {"actor": "ana", "role": "participant"},
            {"actor": "ben", "role": "participant"},
        ],
        "evidence": [{"quote": "Ana met Ben."}],
    }


def test_errors_in_a_file_read_in_parts_name_each_record_by_its_place_in_the_whole_file(
    tmp_path: Path,
) -> None:
    records = [meeting(n) for n in range(20)]
    del records[18]["id"]  # no id: named by its index (a schema error, found in pass one)
    report_file(tmp_path / "schema", records)
    records = [meeting(n) for n in range(20)]
    records[16] = meeting(1)  # a duplicate, two parts later (found in pass two)
    report_file(tmp_path / "duplicate", records)
    for folder, expected in (
        (tmp_path / "schema", "interactions[18]: id: required field 'id' is missing"),
        (tmp_path / "duplicate", "(already used in interactions[1])"),
    ):
        whole, parts = validate(folder), validate(folder, IN_PARTS)
        assert messages(parts) == messages(whole)
        (error,) = parts.errors
        assert expected in str(error)


def test_a_large_file_that_is_not_json_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("source: {id: big}\n" + "# padding\n" * 2000, encoding="utf-8")
    report = validate(tmp_path, IN_PARTS)
    (error,) = report.errors
    assert "over the 1000-byte limit" in error.message
    assert "write it as JSON, which is read in parts" in error.message


def test_a_syntax_error_deep_in_a_large_json_file_gives_its_line_and_column(
    tmp_path: Path,
) -> None:
    path = report_file(tmp_path, [meeting(n) for n in range(20)])
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if '"meeting-15"' in line)
    lines[broken] = lines[broken].replace('"meeting-15",', '"meeting-15" "oops",')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (error,) = validate(tmp_path, IN_PARTS).errors
    column = lines[broken].index('"oops"') + 1
    assert f"JSON syntax error at line {broken + 1}, column {column}" in error.message


def test_a_large_file_must_give_its_other_sections_before_its_records(tmp_path: Path) -> None:
    path = report_file(tmp_path, [meeting(n) for n in range(20)])
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["places"] = []  # now after the interactions
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    (error,) = validate(tmp_path, IN_PARTS).errors
    assert "'places' comes after the record lists" in error.message
    assert "before 'interactions' and 'statements'" in error.message


def test_a_large_file_changed_after_validation_is_refused_when_read_again(tmp_path: Path) -> None:
    path = report_file(tmp_path, [meeting(n) for n in range(20)])
    report = validate(tmp_path, IN_PARTS)
    path.write_text(path.read_text(encoding="utf-8").replace("meeting-19", "meeting-xx"))
    with pytest.raises(FileChanged, match="changed after it was validated"):
        for _ in report.files[0].parts():
            pass


@pytest.mark.parametrize("block", [1, 3, 7, 64])
def test_the_part_reader_gives_the_same_records_whatever_its_block_size(
    tmp_path: Path, block: int
) -> None:
    path = tmp_path / "odd.yaml"
    doc = {
        "source": {"id": "odd", "title": "Çavuşoğlu — «ünïcode»"},
        "draft": True,
        "interactions": [{"id": f"i{n}", "n": n * 1.5, "big": 10**n, "no": None} for n in range(9)],
        "statements": [],
    }
    raw = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    path.write_bytes(raw)
    sha256 = hashlib.sha256()
    parts = list(read_parts(path, 4, sha256, block=block))
    assert [p.first for p in parts] == [
        {"interactions": 0},
        {"interactions": 4},
        {"interactions": 8, "statements": 0},
    ]
    assert parts[0].raw["draft"] is True and parts[1].raw.keys() == {
        "source",
        "draft",
        "interactions",
    }
    assert [r for p in parts for r in p.raw["interactions"]] == doc["interactions"]
    assert sha256.hexdigest() == hashlib.sha256(raw).hexdigest()


@pytest.mark.neo4j
def test_a_file_loaded_in_parts_gives_the_graph_it_gives_when_loaded_whole(
    graph: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    database = test_settings.neo4j_database
    folder = synth(tmp_path)
    wipe(graph, database)
    apply_schema(graph, database)
    graphs = []
    for limits in (DEFAULT_LIMITS, IN_PARTS):
        given = validate(folder, limits)
        load_paths(graph, [folder], database=database, sources_dir=folder / "sources", given=given)
        graphs.append(export_live_graph(graph, database))
    whole, parts = graphs
    assert len(whole.nodes) > 600
    assert parts.canonical() == whole.canonical()


def test_a_dataset_with_more_errors_than_a_report_keeps_counts_them_and_keeps_the_first(
    tmp_path: Path,
) -> None:
    # Its actors left out: every participant is an unknown actor, two errors a meeting.
    meetings = [meeting(n) for n in range(KEPT_ISSUES // 2 + 3)]
    path = report_file(tmp_path, meetings)
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["actors"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = validate(tmp_path)
    assert report.error_count == 2 * len(meetings)
    assert len(report.errors) == KEPT_ISSUES and report.errors_not_kept == 6
    assert report.errors[0].record == "meeting-0" and "unknown actor 'ana'" in str(report.errors[0])
