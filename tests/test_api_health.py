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


def test_health_answers_503_with_json_when_neo4j_is_unreachable(test_settings: Settings) -> None:
    nowhere = test_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    began = time.monotonic()
    with TestClient(create_app(nowhere)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert "not reachable at bolt://127.0.0.1:9" in response.json()["detail"]
    assert time.monotonic() - began < 30  # generous: the driver's timeouts are 2 s
