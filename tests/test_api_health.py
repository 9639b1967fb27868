"""GET /health against the suite's real Neo4j, and against none."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.main import create_app

pytestmark = pytest.mark.neo4j


def test_health_reports_the_neo4j_version(graph, test_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(test_settings)) as client:
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["version"].startswith("5.26.")
    assert body["dataset"]["interactions"] == 0


LIVE_INTERACTIONS = """
MATCH (d:Dataset {id: 'current'})
MATCH (cs:Changeset {generation: d.gen, pending: false})
RETURN cs.interactions AS kept, COUNT { MATCH (i:Interaction) WHERE i.gen = d.gen } AS counted
"""
LIVE_CHANGESET = "MATCH (d:Dataset {id: 'current'}) MATCH (cs:Changeset {generation: d.gen})"


def test_health_reports_the_interaction_count_its_load_kept_or_counts_them_without_it(  # type: ignore[no-untyped-def]
    seeded, test_settings: Settings
) -> None:
    database = test_settings.neo4j_database
    live = seeded.execute_query(LIVE_INTERACTIONS, database_=database).records[0]
    assert live["counted"] > 0
    assert live["kept"] == live["counted"]
    with TestClient(create_app(test_settings)) as client:
        assert client.get("/health").json()["dataset"]["interactions"] == live["counted"]
        try:
            # It reports what the load kept, without counting the graph again.
            seeded.execute_query(
                LIVE_CHANGESET + " SET cs.interactions = $n", n=7, database_=database
            )
            assert client.get("/health").json()["dataset"]["interactions"] == 7
            # A graph whose load kept no count is counted.
            seeded.execute_query(LIVE_CHANGESET + " REMOVE cs.interactions", database_=database)
            assert client.get("/health").json()["dataset"]["interactions"] == live["counted"]
        finally:
            seeded.execute_query(
                LIVE_CHANGESET + " SET cs.interactions = $n",
                n=live["counted"],
                database_=database,
            )


def test_health_answers_503_with_json_when_neo4j_is_unreachable(test_settings: Settings) -> None:
    nowhere = test_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    began = time.monotonic()
    with TestClient(create_app(nowhere)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert "not reachable at bolt://127.0.0.1:9" in response.json()["detail"]
    assert time.monotonic() - began < 30  # generous: the driver's timeouts are 2 s
