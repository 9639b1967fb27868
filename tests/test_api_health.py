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
RETURN d.interactions AS kept, COUNT { MATCH (i:Interaction) WHERE i.gen = d.gen } AS counted
"""


def test_health_reports_the_interaction_count_kept_at_publish_or_counted_without_it(  # type: ignore[no-untyped-def]
    seeded, test_settings: Settings
) -> None:
    database = test_settings.neo4j_database
    live = seeded.execute_query(LIVE_INTERACTIONS, database_=database).records[0]
    assert live["counted"] > 0
    assert live["kept"] == live["counted"]
    with TestClient(create_app(test_settings)) as client:
        assert client.get("/health").json()["dataset"]["interactions"] == live["counted"]
        # A graph published before the pointer kept its count.
        seeded.execute_query(
            "MATCH (d:Dataset {id: 'current'}) REMOVE d.interactions", database_=database
        )
        try:
            assert client.get("/health").json()["dataset"]["interactions"] == live["counted"]
        finally:
            seeded.execute_query(
                "MATCH (d:Dataset {id: 'current'}) SET d.interactions = $n",
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
