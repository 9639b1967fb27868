"""The loader against a real Neo4j: all or nothing, idempotent, per-source replacement."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from actorgraph.settings import Settings
from loader.generations import live_generation, wipe
from loader.load import InvalidDataset, LoadError, UnreviewedDraft, load_paths
from loader.schema import apply_schema
from loader.snapshot import export_live_graph
from loader.validation import validate_paths

pytestmark = pytest.mark.neo4j

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
SOURCES = FIXTURES / "sources"


@pytest.fixture
def db(graph: Driver, test_settings: Settings) -> Driver:
    wipe(graph, test_settings.neo4j_database)
    apply_schema(graph, test_settings.neo4j_database)
    return graph


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIXTURES / "tiny-report.yaml", folder)
    return folder


def load(driver: Driver, settings: Settings, *paths: Path, **options: Any) -> Any:
    return load_paths(
        driver, list(paths), database=settings.neo4j_database, sources_dir=SOURCES, **options
    )


def count(driver: Driver, query: str, **params: Any) -> int:
    records, _, _ = driver.execute_query(query, params)
    return int(records[0][0])


def test_loading_twice_gives_the_identical_graph(db, test_settings, data_dir) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    first = export_live_graph(db, test_settings.neo4j_database)
    load(db, test_settings, data_dir, batch_size=1)
    second = export_live_graph(db, test_settings.neo4j_database)
    assert first.nodes  # the comparison means something only on a non-empty graph
    assert first.canonical() == second.canonical()
    # The replaced generation is gone: one node per id, whatever the number of loads.
    assert count(db, "MATCH (n:Interaction) RETURN count(n)") == 2


def test_parallel_writers_in_one_row_batches_give_the_identical_graph(
    db, test_settings, data_dir
) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(FIXTURES / "second-report.yaml", data_dir)
    load(db, test_settings, data_dir, writers=1)
    sequential = export_live_graph(db, test_settings.neo4j_database)
    load(db, test_settings, data_dir, batch_size=1, writers=4)
    parallel = export_live_graph(db, test_settings.neo4j_database)
    assert len(sequential.relationships) > 10
    assert parallel.canonical() == sequential.canonical()


def test_writers_below_one_are_refused_before_anything_is_written(
    db, test_settings, data_dir
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoadError, match="--writers"):
        load(db, test_settings, data_dir, writers=0)
    assert count(db, "MATCH (n) RETURN count(n)") == 0


def test_counts_after_loading_match_the_dataset(db, test_settings, data_dir) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    assert count(db, "MATCH (n:Actor) RETURN count(n)") == 4
    assert count(db, "MATCH (n:Person) RETURN count(n)") == 2
    assert count(db, "MATCH (n:State) RETURN count(n)") == 2
    assert count(db, "MATCH (n:Interaction:Call) RETURN count(n)") == 1
    assert count(db, "MATCH (n:Interaction:Meeting) RETURN count(n)") == 1
    assert count(db, "MATCH (:Actor)-[r:PARTICIPATED_IN]->(:Interaction) RETURN count(r)") == 4
    assert (
        count(db, "MATCH (:Interaction)-[:HELD_AT]->(:Place)-[:IN_STATE]->(:State) RETURN count(*)")
        == 1
    )
    assert (
        count(
            db,
            "MATCH (:Actor {id: 'ann-able'})-[:SAID]->(:Statement)-[:ABOUT]->(:Interaction) "
            "RETURN count(*)",
        )
        == 1
    )
    assert count(db, "MATCH ()-[r:HOLDS_POSITION]->() RETURN count(r)") == 1
    records, _, _ = db.execute_query(
        "MATCH (:Actor {id: 'ann-able'})-[s:SPOKE_WITH]-(:Actor {id: 'bo-baker'}) "
        "RETURN s.interactions AS n, toString(s.first) AS first, toString(s.last) AS last"
    )
    assert records[0].data() == {"n": 2, "first": "2022-03-14", "last": "2022-03-15"}


def test_evidence_carries_the_quote_and_its_offsets_in_the_source(
    db, test_settings, data_dir
) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    records, _, _ = db.execute_query(
        "MATCH (:Interaction {id: 'meeting-able-baker'})-[e:EVIDENCED_BY]->(s:Source) "
        "RETURN s.id AS source, e.quote AS quote, e.start AS start, e.end AS end"
    )
    text = (SOURCES / "tiny-report.txt").read_text()
    row = records[0]
    assert row["source"] == "tiny-report"
    assert text[row["start"] : row["end"]] == row["quote"]


def test_a_load_that_fails_midway_leaves_the_graph_as_it_was(
    db, test_settings, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    before = export_live_graph(db, test_settings.neo4j_database)
    shutil.copy(FIXTURES / "second-report.yaml", data_dir)

    class Interrupted(Exception):
        pass

    def fail_at_interactions(stage: str, rows: int) -> None:
        if stage == "interactions":
            raise Interrupted

    with pytest.raises(Interrupted):
        load(db, test_settings, data_dir, batch_size=1, progress=fail_at_interactions)
    assert export_live_graph(db, test_settings.neo4j_database).canonical() == before.canonical()
    # The unfinished generation is cleaned away by the next load, which then succeeds.
    load(db, test_settings, data_dir)
    assert count(db, "MATCH (n:Actor {id: 'ann-able'}) RETURN count(n)") == 1
    assert count(db, "MATCH (n:Source) RETURN count(n)") == 2


def test_invalid_input_writes_nothing(db, test_settings, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    before = export_live_graph(db, test_settings.neo4j_database)
    generation = live_generation(db, test_settings.neo4j_database)
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (FIXTURES / "second-report.yaml").read_text().replace("actor: cy-carr", "actor: cy-kar")
    )
    with pytest.raises(InvalidDataset) as caught:
        load(db, test_settings, broken)
    assert any("cy-kar" in str(issue) for issue in caught.value.report.errors)
    assert live_generation(db, test_settings.neo4j_database) == generation
    assert export_live_graph(db, test_settings.neo4j_database).canonical() == before.canonical()


def test_a_draft_validates_but_does_not_load_until_its_flag_is_removed(
    db, test_settings, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    before = export_live_graph(db, test_settings.neo4j_database)
    draft = tmp_path / "second-report.yaml"
    draft.write_text("draft: true\n" + (FIXTURES / "second-report.yaml").read_text())
    assert validate_paths([data_dir, draft], sources_dir=SOURCES, strict=True).ok
    with pytest.raises(UnreviewedDraft, match=r"second-report\.yaml.*remove the `draft: true`"):
        load(db, test_settings, draft)
    assert export_live_graph(db, test_settings.neo4j_database).canonical() == before.canonical()
    draft.write_text(draft.read_text().replace("draft: true\n", ""))
    assert "second-report" in load(db, test_settings, draft).sources


def test_a_second_source_sharing_actors_merges_without_duplicates(
    db, test_settings, data_dir
) -> None:  # type: ignore[no-untyped-def]
    load(db, test_settings, data_dir)
    load(db, test_settings, FIXTURES / "second-report.yaml")
    assert count(db, "MATCH (n:Actor {id: 'ann-able'}) RETURN count(n)") == 1
    assert count(db, "MATCH (n:Source) RETURN count(n)") == 2
    records, _, _ = db.execute_query(
        "MATCH (a:Actor {id: 'ann-able'}) RETURN a.sources AS sources, a.aliases AS aliases"
    )
    assert records[0]["sources"] == ["second-report", "tiny-report"] or records[0]["sources"] == [
        "tiny-report",
        "second-report",
    ]
    assert records[0]["aliases"] == ["Able"]
    # Ann Able now has contacts from both sources.
    assert count(db, "MATCH (:Actor {id: 'ann-able'})-[:SPOKE_WITH]-(b) RETURN count(b)") == 2


def test_reloading_a_source_replaces_only_its_facts(db, test_settings, data_dir) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(FIXTURES / "second-report.yaml", data_dir)
    load(db, test_settings, data_dir)
    tiny = data_dir / "tiny-report.yaml"
    text = tiny.read_text()
    # Drop the meeting (and the statement about it) from the first source only.
    cut = text.index("  - id: meeting-able-baker")
    tiny.write_text(text[:cut] + "statements: []\n")
    load(db, test_settings, tiny)
    assert count(db, "MATCH (n:Interaction {id: 'meeting-able-baker'}) RETURN count(n)") == 0
    assert count(db, "MATCH (n:Interaction {id: 'call-able-baker'}) RETURN count(n)") == 1
    # What the other source states stays.
    assert count(db, "MATCH (n:Interaction {id: 'contact-able-carr'}) RETURN count(n)") == 1


def test_a_live_source_whose_file_is_gone_is_rebuilt_from_the_graph(
    db, test_settings, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    second = tmp_path / "second-report.yaml"
    shutil.copy(FIXTURES / "second-report.yaml", second)
    load(db, test_settings, data_dir, second)
    before = export_live_graph(db, test_settings.neo4j_database).canonical()
    second.unlink()
    load(db, test_settings, data_dir)
    assert export_live_graph(db, test_settings.neo4j_database).canonical() == before


def test_a_source_from_before_sources_were_stored_whose_file_is_gone_stops_the_load(
    db, test_settings, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    second = tmp_path / "second-report.yaml"
    shutil.copy(FIXTURES / "second-report.yaml", second)
    load(db, test_settings, data_dir, second)
    # What an older actorgraph left: the file's path, and no stored file.
    db.execute_query(
        "MATCH (s:Source {id: 'second-report'}) SET s.path = $path "
        "WITH s MATCH (f:SourceFile {id: s.id}) DELETE f",
        path=str(second),
        database_=test_settings.neo4j_database,
    )
    second.unlink()
    with pytest.raises(LoadError, match="--wipe"):
        load(db, test_settings, data_dir)
    load(db, test_settings, data_dir, wipe_first=True)
    assert count(db, "MATCH (n:Source) RETURN count(n)") == 1
