"""A load holds one file at a time: memory that does not grow with the number of files, links
that point to a later file, and a file that changes between validation and writing."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver

from actorgraph.settings import Settings
from loader.generations import live_generation
from loader.load import LoadError, load_paths
from loader.row_stream import STAGES, RowStream
from loader.schema import apply_schema
from loader.synth import generate
from loader.validation import validate_paths

PER_FILE = 200


def peak_bytes(files: int, folder: Path) -> int:
    """Peak traced memory of validating a synth dataset of `files` reports and reading every
    row of it, as a load would."""
    generate(folder, actors=100, interactions=files * PER_FILE, seed=3, per_file=PER_FILE)
    tracemalloc.start()
    try:
        report = validate_paths([folder], sources_dir=folder / "sources", strict=True)
        assert report.ok, [str(e) for e in report.errors[:3]]
        stream = RowStream(report)
        for stage in STAGES:
            if stage != "source_files":
                for _ in stream.rows(stage):
                    pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_validating_and_shaping_ten_times_the_files_does_not_take_ten_times_the_memory(
    tmp_path: Path,
) -> None:
    few = peak_bytes(2, tmp_path / "few")
    many = peak_bytes(20, tmp_path / "many")
    # Holding every file's records, as the loader did before, made this ratio about 8.
    assert many < 2.5 * few, (few, many)


def dataset(source_id: str, day: str, **records: Any) -> dict[str, Any]:
    return {
        "source": {
            "id": source_id,
            "title": source_id,
            "date": day,
            "text_file": f"{source_id}.txt",
        },
        **records,
    }


def write(folder: Path, doc: dict[str, Any], text: str) -> Path:
    sid = doc["source"]["id"]
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{sid}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture()
def two_files(tmp_path: Path) -> Path:
    """An earlier source whose statement and plan point to a meeting a later source records."""
    early = dataset(
        "early-2022-01-01",
        "2022-01-01",
        actors=[
            {"id": "ana", "kind": "person", "name": "Ana Example"},
            {"id": "ben", "kind": "person", "name": "Ben Example"},
        ],
        interactions=[
            {
                "id": "planned-meeting",
                "type": "meeting",
                "status": "planned",
                "date": {"precision": "unknown"},
                "participants": [{"actor": "ana", "role": "participant"}],
                "realized_by": "the-meeting",
                "evidence": [{"quote": "Ana plans to meet Ben."}],
            }
        ],
        statements=[
            {
                "id": "ana-on-the-meeting",
                "speaker": "ana",
                "date": {"precision": "unknown"},
                "interaction": "the-meeting",
                "quote": "useful",
                "evidence": [{"quote": "Ana called the meeting useful."}],
            }
        ],
    )
    late = dataset(
        "late-2022-02-01",
        "2022-02-01",
        interactions=[
            {
                "id": "the-meeting",
                "type": "meeting",
                "status": "held",
                "date": {"precision": "day", "earliest": "2022-01-20", "latest": "2022-01-20"},
                "participants": [
                    {"actor": "ana", "role": "participant"},
                    {"actor": "ben", "role": "participant"},
                ],
                "evidence": [{"quote": "Ana met Ben on Jan. 20."}],
            }
        ],
    )
    write(tmp_path, early, "Ana plans to meet Ben. Ana called the meeting useful.\n")
    write(tmp_path, late, "Ana met Ben on Jan. 20.\n")
    return tmp_path


@pytest.mark.neo4j
def test_a_statement_and_a_plan_may_point_to_a_meeting_that_a_later_file_records(
    graph: Driver, test_settings: Settings, two_files: Path
) -> None:
    database = test_settings.neo4j_database
    apply_schema(graph, database)
    load_paths(
        graph,
        [two_files],
        database=database,
        sources_dir=two_files / "sources",
        strict=True,
        wipe_first=True,
    )
    records, _, _ = graph.execute_query(
        """
        MATCH (d:Dataset {id: 'current'})
        MATCH (m:Interaction {id: 'the-meeting', gen: d.gen})
        RETURN COUNT { (:Statement)-[:ABOUT]->(m) } AS statements,
               COUNT { (:Interaction {id: 'planned-meeting'})-[:REALIZED_BY]->(m) } AS plans
        """,
        database_=database,
    )
    assert (records[0]["statements"], records[0]["plans"]) == (1, 1)


@pytest.mark.neo4j
def test_a_file_changed_after_it_was_validated_is_refused_and_nothing_is_published(
    graph: Driver, test_settings: Settings, two_files: Path
) -> None:
    database = test_settings.neo4j_database
    apply_schema(graph, database)
    before = live_generation(graph, database)
    report = validate_paths([two_files], sources_dir=two_files / "sources", strict=True)
    changed = two_files / "late-2022-02-01.yaml"
    changed.write_text(changed.read_text().replace("Jan. 20", "Jan. 21"), encoding="utf-8")
    with pytest.raises(LoadError, match=r"late-2022-02-01\.yaml changed after it was validated"):
        load_paths(
            graph,
            [two_files],
            database=database,
            sources_dir=two_files / "sources",
            given=report,
            wipe_first=True,
        )
    assert live_generation(graph, database) == before
