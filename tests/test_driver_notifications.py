"""Queries over a graph that lacks an optional property log nothing."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.database import connect
from actorgraph.settings import Settings
from api.main import create_app

pytestmark = pytest.mark.neo4j

UNKNOWN_KEY_QUERY = "MATCH (n:Actor) RETURN n.a_key_no_record_has_xyz AS value LIMIT 1"


def test_the_cli_driver_logs_no_notification_for_an_unknown_property_key(
    graph: Driver, test_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="neo4j")
    with connect(test_settings) as driver:
        driver.execute_query(UNKNOWN_KEY_QUERY, database_=test_settings.neo4j_database)
    assert not [r for r in caplog.records if "does not exist" in r.getMessage()]


def test_the_api_logs_no_notification_for_an_unknown_property_key(
    graph: Driver, test_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="neo4j")
    with TestClient(create_app(test_settings)) as client:
        response = client.post("/cypher", json={"query": UNKNOWN_KEY_QUERY})
    assert response.status_code == 200, response.text
    assert not [r for r in caplog.records if "does not exist" in r.getMessage()]
