"""A second source: spelling variants, the same event reported twice, merge-check."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app
from loader.load import load_paths
from loader.merge_check import find_candidates
from loader.schema import apply_schema
from loader.validation import validate_paths

SECOND = Path(__file__).parent / "fixtures" / "second_source"
SEED_TEXT = "cameron-2022-03-21.txt"


@pytest.fixture(scope="module")
def sources_dir(tmp_path_factory: pytest.TempPathFactory, seed_sources: Path) -> Path:
    """The seed's text (kept outside the repository) beside the second source's own."""
    seed_text = seed_sources / SEED_TEXT
    folder = tmp_path_factory.mktemp("sources")
    os.symlink(seed_text, folder / SEED_TEXT)
    for text in (SECOND / "sources").iterdir():
        os.symlink(text, folder / text.name)
    return folder


def load_seed_and(graph: Driver, settings: Settings, sources_dir: Path, second: str) -> None:
    """A clean graph holding the seed and one second source."""
    apply_schema(graph, settings.neo4j_database)
    load_paths(
        graph,
        [PROJECT_ROOT / "data", SECOND / second],
        database=settings.neo4j_database,
        sources_dir=sources_dir,
        strict=True,
        wipe_first=True,
    )


def test_a_new_id_with_a_known_spelling_is_flagged_not_merged(sources_dir: Path) -> None:
    report = validate_paths(
        [PROJECT_ROOT / "data", SECOND / "turkish-report-new-id.yaml"],
        sources_dir=sources_dir,
        strict=True,
    )
    assert report.ok, [str(e) for e in report.errors]
    found = {(c.first, c.second): c.reason for c in find_candidates(report)}
    assert "shared name or alias" in found[("mevlut-cavusoglu", "mevlut-cavusoglu-tr")]
    assert (
        "possibly the same event"
        in found[("antalya-meeting-tr", "meeting-2022-03-10-antalya-kuleba-lavrov")]
    )
    # An unknown spelling matches no actor: it stays apart and is not flagged as the same.
    assert not any("m-chavushoglu" in pair for pair in found)


def test_the_seed_has_no_unresolved_candidates(test_settings: Settings) -> None:
    report = validate_paths(
        [PROJECT_ROOT / "data"], sources_dir=test_settings.actorgraph_sources, strict=False
    )
    assert [str(c) for c in find_candidates(report)] == []


@pytest.mark.neo4j
def test_a_re_reported_meeting_with_a_new_spelling_stays_one_actor_and_one_meeting(
    graph: Driver, test_settings: Settings, sources_dir: Path
) -> None:
    load_seed_and(graph, test_settings, sources_dir, "turkish-report.yaml")
    records, _, _ = graph.execute_query(
        "MATCH (a:Actor) WHERE a.id STARTS WITH 'mevlut' RETURN a.id AS id, a.aliases AS aliases"
    )
    assert [r["id"] for r in records] == ["mevlut-cavusoglu"]
    assert "Mevlüt Çavuşoğlu" in records[0]["aliases"]
    records, _, _ = graph.execute_query(
        "MATCH (i:Interaction {id: 'meeting-2022-03-10-antalya-kuleba-lavrov'}) "
        "OPTIONAL MATCH (i)-[e:EVIDENCED_BY]->(s:Source) "
        "RETURN i.sources AS sources, collect(DISTINCT s.id) AS evidenced_by"
    )
    assert len(records) == 1
    assert sorted(records[0]["sources"]) == ["cameron-2022-03-21", "turkish-report"]
    assert sorted(records[0]["evidenced_by"]) == ["cameron-2022-03-21", "turkish-report"]
    # Each source's participants are kept: the Turkish report makes Cavusoglu the host.
    records, _, _ = graph.execute_query(
        "MATCH (:Actor {id: 'mevlut-cavusoglu'})-[p:PARTICIPATED_IN]->"
        "(:Interaction {id: 'meeting-2022-03-10-antalya-kuleba-lavrov'}) "
        "RETURN p.role AS role, p.sources AS sources ORDER BY role"
    )
    assert [(r["role"], r["sources"]) for r in records] == [
        ("arranger", ["cameron-2022-03-21"]),
        ("host", ["turkish-report"]),
    ]


@pytest.mark.neo4j
def test_same_as_keeps_one_event_with_both_sources_and_both_dates(
    graph: Driver, test_settings: Settings, sources_dir: Path
) -> None:
    load_seed_and(graph, test_settings, sources_dir, "late-report.yaml")
    records, _, _ = graph.execute_query(
        "MATCH (i:Interaction) WHERE i.id IN $ids "
        "RETURN i.id AS id, i.sources AS sources, i.conflicts AS conflicts, "
        "i.merged_ids AS merged, toString(i.earliest) AS earliest",
        ids=["meeting-2022-03-10-antalya-kuleba-lavrov", "antalya-meeting-late-report"],
    )
    assert len(records) == 1, "the same_as record joins the seed's meeting"
    meeting = records[0]
    assert meeting["id"] == "meeting-2022-03-10-antalya-kuleba-lavrov"
    assert meeting["merged"] == ["antalya-meeting-late-report"]
    assert sorted(meeting["sources"]) == ["cameron-2022-03-21", "late-report"]
    assert meeting["conflicts"] == ["earliest", "latest"]
    assert meeting["earliest"] == "2022-03-10"  # the node shows the first reading...
    readings, _, _ = graph.execute_query(
        "MATCH (:Interaction {id: 'meeting-2022-03-10-antalya-kuleba-lavrov'})"
        "-[r:REPORTED_IN]->(s:Source) RETURN s.id AS source, toString(r.earliest) AS earliest "
        "ORDER BY source"
    )
    # ...and every source's reading stays, never overwritten.
    assert [(r["source"], r["earliest"]) for r in readings] == [
        ("cameron-2022-03-21", "2022-03-10"),
        ("late-report", "2022-03-11"),
    ]


@pytest.fixture
def late_report_api(
    graph: Driver, test_settings: Settings, sources_dir: Path
) -> Iterator[TestClient]:
    """The API over the seed plus a late report that joins the Antalya meeting by same_as."""
    load_seed_and(graph, test_settings, sources_dir, "late-report.yaml")
    with TestClient(create_app(test_settings)) as api:
        yield api


@pytest.mark.neo4j
def test_the_api_shows_both_readings_and_filters_by_corroboration(
    late_report_api: TestClient,
) -> None:
    detail = late_report_api.get("/interactions/meeting-2022-03-10-antalya-kuleba-lavrov").json()
    corroborated = late_report_api.get("/interactions", params={"min_sources": 2}).json()
    assert detail["sources"] == 2
    assert detail["conflicts"] == ["earliest", "latest"]
    assert [(r["source"], r["earliest"]) for r in detail["readings"]] == [
        ("cameron-2022-03-21", "2022-03-10"),
        ("late-report", "2022-03-11"),
    ]
    assert [i["id"] for i in corroborated] == ["meeting-2022-03-10-antalya-kuleba-lavrov"]


@pytest.mark.neo4j
def test_a_record_joined_by_same_as_is_found_by_its_own_id(late_report_api: TestClient) -> None:
    by_merged_id = late_report_api.get("/interactions/antalya-meeting-late-report")
    unknown = late_report_api.get("/interactions/no-such-meeting")
    assert by_merged_id.status_code == 200, by_merged_id.text
    meeting = by_merged_id.json()
    assert meeting["id"] == "meeting-2022-03-10-antalya-kuleba-lavrov"
    assert meeting["merged_ids"] == ["antalya-meeting-late-report"]
    assert unknown.status_code == 404


def test_calls_of_one_day_with_different_parties_are_not_flagged_as_one() -> None:
    fixture = Path(__file__).parent / "fixtures" / "merge_check"
    report = validate_paths(
        [fixture / "elysee-2022-03-05.yaml"], sources_dir=fixture / "sources", strict=True
    )
    assert report.ok, [str(e) for e in report.errors]
    flagged = {(c.first, c.second) for c in find_candidates(report)}
    # Macron's four calls with four people are four calls; only the call recorded once
    # without Scholz and once with him (one's parties inside the other's) is a candidate.
    assert flagged == {
        ("call-2022-03-05-macron-putin", "call-2022-03-05-macron-scholz-putin"),
        ("call-2022-03-05-macron-scholz", "call-2022-03-05-macron-scholz-putin"),
    }
