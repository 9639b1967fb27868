"""Exports round-trip: GraphML opens as a graph (networkx, as Gephi would), CSV and JSON parse."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from checkout import PROJECT_ROOT
from child_env import child_env
from fastapi.testclient import TestClient
from neo4j import Driver
from whole_exports import WHOLE

from actorgraph.export_stream import rendered
from actorgraph.exports import FORMATS, SOURCE_QUERY
from actorgraph.queries import canned
from actorgraph.settings import Settings

pytestmark = pytest.mark.neo4j

LIVE_PARTICIPATIONS = """
MATCH (d:Dataset {id: 'current'})
MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i:Interaction) WHERE i.gen = d.gen
RETURN count(p) AS edges, count(DISTINCT a) AS actors, count(DISTINCT i) AS interactions
"""


@pytest.fixture(scope="module")
def expected(seeded: Driver) -> dict[str, int]:
    records, _, _ = seeded.execute_query(LIVE_PARTICIPATIONS)
    return records[0].data()


def test_graphml_opens_as_a_graph_with_the_graphs_counts(
    api: TestClient, expected: dict[str, int]
) -> None:
    response = api.get("/export", params={"format": "graphml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    kinds = [data["kind"] for _, data in graph.nodes(data=True)]
    assert kinds.count("actor") == expected["actors"]
    assert kinds.count("interaction") == expected["interactions"]
    assert graph.number_of_edges() == expected["edges"]
    # Typed attributes survive: Gephi reads took_part as a boolean, sources as a number.
    _, _, edge = next(iter(graph.edges(data=True)))
    assert isinstance(edge["took_part"], bool)
    assert isinstance(edge["sources"], int)


def test_graphml_dates_are_iso_text_and_typed_day_numbers_that_agree(api: TestClient) -> None:
    """GraphML has no date type: each date is its ISO text (as before) and a `long` day
    number that Gephi can filter by range, and the two name the same day."""
    response = api.get("/export", params={"format": "graphml"})
    graph = nx.read_graphml(io.BytesIO(response.content))
    antalya = graph.nodes["interaction:meeting-2022-03-10-antalya-kuleba-lavrov"]
    assert antalya["earliest"] == antalya["latest"] == "2022-03-10"
    assert isinstance(antalya["earliest_day"], int)
    assert antalya["earliest_day"] == antalya["latest_day"] == 19061
    undated = [
        d
        for _, d in graph.nodes(data=True)
        if d["kind"] == "interaction" and "earliest" not in d and "latest" not in d
    ]
    assert undated, "the seed has interactions the text does not date"
    assert all("earliest_day" not in d and "latest_day" not in d for d in undated)
    assert b'attr.name="earliest_day" attr.type="long"' in response.content


def test_csv_has_one_line_per_participation(api: TestClient, expected: dict[str, int]) -> None:
    response = api.get("/export", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == expected["edges"]
    antalya = [r for r in rows if r["interaction"] == "meeting-2022-03-10-antalya-kuleba-lavrov"]
    assert {(r["actor"], r["role"], r["took_part"]) for r in antalya} >= {
        ("dmytro-kuleba", "participant", "true"),
        ("ukraine", "requester", "false"),
    }


def test_json_filtered_by_actor_and_window_keeps_only_those_interactions(
    api: TestClient,
) -> None:
    body = api.get(
        "/export",
        params={
            "format": "json",
            "actor": "olaf-scholz",
            "since": "2022-03-10",
            "until": "2022-03-12",
        },
    ).json()
    interactions = {n["label"] for n in body["nodes"] if n["kind"] == "interaction"}
    assert {"call-2022-03-10-macron-scholz-putin", "call-2022-03-12-macron-scholz-putin"} <= (
        interactions
    )
    assert "call-2022-03-04-scholz-putin" not in interactions
    # Every participant of a kept interaction comes along, not only the filtered actor.
    actors = {n["id"] for n in body["nodes"] if n["kind"] == "actor"}
    assert "actor:vladimir-putin" in actors


def test_export_errors_are_plain(api: TestClient) -> None:
    assert api.get("/export", params={"actor": "nobody"}).status_code == 404
    assert api.get("/export", params={"format": "xlsx"}).status_code == 422
    assert (
        api.get("/export", params={"since": "2022-03-12", "until": "2022-03-01"}).status_code == 422
    )


def test_cli_export_writes_graphml_that_networkx_reads(
    seeded: Driver, test_settings: Settings, tmp_path: Path, expected: dict[str, int]
) -> None:
    out = tmp_path / "actorgraph.graphml"
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--format", "graphml", "-o", str(out)],
        env=child_env(test_settings),
        cwd=PROJECT_ROOT / "tests",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(out)
    assert graph.number_of_edges() == expected["edges"]
    assert json.loads(json.dumps(dict(graph.nodes(data=True))))  # plain, serializable attributes


def test_list_endpoints_answer_csv_with_dotted_columns(api: TestClient) -> None:
    response = api.get("/actors/vladimir-putin/contacts", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    as_json = api.get("/actors/vladimir-putin/contacts").json()
    assert [r["actor.id"] for r in rows] == [c["actor"]["id"] for c in as_json]
    assert rows[0]["sources"] == "1"
    for path in ("/actors", "/interactions", "/places", "/statements"):
        listed = api.get(path, params={"format": "csv"})
        assert listed.status_code == 200
        assert len(list(csv.DictReader(io.StringIO(listed.text)))) == len(api.get(path).json())
    timeline = api.get("/timeline", params={"actor": "olaf-scholz", "format": "csv"})
    assert "kind" in next(csv.DictReader(io.StringIO(timeline.text)))


def test_gexf_is_the_contact_network_with_dates_for_gephis_timeline(api: TestClient) -> None:
    response = api.get("/export", params={"format": "gexf"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/gexf+xml")
    graph = nx.read_gexf(io.BytesIO(response.content))
    contacts = api.get("/actors/vladimir-putin/contacts", params={"limit": 1000}).json()
    assert {c["actor"]["id"] for c in contacts} == set(graph.neighbors("vladimir-putin"))
    macron = graph.edges["vladimir-putin", "emmanuel-macron"]
    expected = next(c for c in contacts if c["actor"]["id"] == "emmanuel-macron")
    assert macron["weight"] == expected["interactions"]
    bounds = ("first", "first_bound", "last", "last_bound")
    assert {k: macron.get(k) for k in bounds} == {k: expected[k] for k in bounds}
    # Macron's consultations with Putin are known only as before the invasion: their spell is
    # open at its start (networkx reads the absent start back as "None").
    assert ("None", "2022-02-24") in macron["spells"]
    assert (expected["first"], expected["first_bound"]) == ("2022-02-24", "on_or_before")
    days = sorted(start for start, _ in macron["spells"] if start != "None")
    assert days[-1] == expected["last"]
    assert graph.nodes["vladimir-putin"]["label"] == "Vladimir Putin"


def test_cli_export_writes_gexf_filtered_by_actor(
    seeded: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "contacts.gexf"
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--format", "gexf",
         "--actor", "dmytro-kuleba", "-o", str(out)],
        env=child_env(test_settings),
        cwd=PROJECT_ROOT / "tests",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    graph = nx.read_gexf(out)
    assert all("dmytro-kuleba" in edge for edge in graph.edges)
    assert "contacts" in result.stderr


def test_ftm_lines_parse_back_with_followthemoney(
    api: TestClient, expected: dict[str, int]
) -> None:
    from followthemoney import model

    response = api.get("/export", params={"format": "ftm"})
    assert response.status_code == 200
    entities = [
        model.get_proxy(json.loads(line), cleaned=False) for line in response.text.splitlines()
    ]
    by_id = {e.id: e for e in entities}
    assert len(by_id) == len(entities), "every entity once"
    events = [e for e in entities if e.schema.name == "Event"]
    assert len(events) == expected["interactions"]
    putin = by_id["actorgraph-actor-vladimir-putin"]
    assert putin.schema.name == "Person" and putin.get("wikidataId") == ["Q7747"]
    russia = by_id["actorgraph-actor-russia"]
    assert russia.schema.name == "PublicBody" and russia.get("jurisdiction") == ["ru"]
    for event in events:
        for prop in ("involved", "organizer", "proof"):
            assert all(ref in by_id for ref in event.get(prop)), (event.id, prop)
        assert event.get("summary"), event.id
    antalya = by_id["actorgraph-interaction-meeting-2022-03-10-antalya-kuleba-lavrov"]
    assert antalya.get("date") == ["2022-03-10"]
    assert "actorgraph-actor-mevlut-cavusoglu" in antalya.get("organizer")
    assert "actorgraph-actor-dmytro-kuleba" in antalya.get("involved")


FILTERS = {
    "all": {},
    "one-actor": {"actor": "olaf-scholz", "since": "2022-03-01"},
    "nothing": {"actor": "olaf-scholz", "since": "2030-01-01"},
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_the_streamed_export_is_the_whole_document_byte_for_byte(
    api: TestClient, seeded: Driver, test_settings: Settings, fmt: str, filters: dict[str, str]
) -> None:
    """Written as the rows come, each format gives the bytes it gave when the document
    was built whole first (tests/whole_exports.py)."""
    rows = canned(SOURCE_QUERY[fmt]).run(seeded, test_settings.neo4j_database, **filters)
    expected = WHOLE[fmt](rows)
    assert api.get("/export", params={"format": fmt, **filters}).text == expected
    assert rendered(fmt, rows) == expected


def test_the_cli_streams_every_format_to_the_same_bytes_as_the_api(
    api: TestClient, test_settings: Settings, tmp_path: Path
) -> None:
    for fmt in FORMATS:
        out = tmp_path / f"actorgraph.{fmt}"
        result = subprocess.run(
            [sys.executable, "-m", "actorgraph", "export", "--format", fmt, "-o", str(out)],
            env=child_env(test_settings),
            cwd=PROJECT_ROOT / "tests",
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert out.read_bytes() == api.get("/export", params={"format": fmt}).content, fmt


def test_graphml_and_json_escape_text_as_elementtree_and_json_dumps_did() -> None:
    """The streamed GraphML writes its elements by hand: markup, quotes, tabs, line breaks
    and empty text come out as ElementTree wrote them."""
    tricky = 'Tom & "Jerry" <b>\tline\r\nbreak'
    row = {
        "interaction": "call-1&2", "type": "call", "status": "held", "date_precision": "",
        "earliest": "2022-03-01", "latest": None, "interaction_sources": ["a", "b"],
        "actor": 'x"<y>', "actor_name": tricky, "actor_kind": "person", "role": "",
        "took_part": False, "role_sources": None,
    }  # fmt: skip
    for fmt in ("graphml", "json"):
        assert rendered(fmt, [row, {**row, "actor": "z", "role": tricky}]) == WHOLE[fmt](
            [row, {**row, "actor": "z", "role": tricky}]
        ), fmt
