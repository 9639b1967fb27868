"""Neo4j goes away while the API runs, then comes back.

The API runs against a Neo4j of this module's own (in tmp_path, on free ports, small heap),
which the test stops and starts again: never the suite's server, which other modules use.
Every endpoint that needs the database must answer 503 with JSON within the driver's short
timeouts, and the same app instance must recover by itself when Neo4j is back.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from throwaway_neo4j import free_port, throwaway_server

from actorgraph import neo4j_server
from actorgraph.database import (
    ACQUISITION_TIMEOUT_S,
    CONNECTION_TIMEOUT_S,
    open_driver,
)
from actorgraph.settings import Settings
from api.main import create_app
from loader.load import load_paths
from loader.schema import apply_schema

pytestmark = pytest.mark.neo4j

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
PASSWORD = "actorgraph-api-down"
# Generous bounds that only keep a broken run from hanging; they measure no speed. A request
# to a stopped server fails within the 2 s timeouts; 30 s leaves room for a loaded machine.
ANSWER_BOUND_S = 30.0
RECOVERY_BOUND_S = 120.0
POLL_INTERVAL_S = 0.5

# Endpoints that read the graph, on tiny-report's ids.
READS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/health", None),
    ("GET", "/actors", None),
    ("GET", "/actors/ann-able", None),
    ("GET", "/actors/ann-able/contacts", None),
    ("GET", "/interactions", None),
    ("GET", "/interactions/call-able-baker", None),
    ("GET", "/statements", None),
    ("GET", "/timeline?actor=ann-able", None),
    ("GET", "/mediators?a=alpha&b=beta", None),
    ("GET", "/path?from=ann-able&to=bo-baker", None),
    ("GET", "/places", None),
    ("GET", "/sources/tiny-report", None),
    ("GET", "/queries/contacts?actor=ann-able", None),
    ("POST", "/cypher", {"query": "MATCH (a:Actor) RETURN a.id AS id ORDER BY id", "params": {}}),
]
# Endpoints that need no database keep answering while it is down.
STATIC = ["/queries", "/openapi.json", "/browser/style.grass", "/browser/guide"]


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[neo4j_server.LocalServer]:
    server = throwaway_server(tmp_path_factory.mktemp("api-down") / "neo4j", PASSWORD)
    neo4j_server.start(server)
    try:
        yield server
    finally:
        neo4j_server.stop(server)


@pytest.fixture(scope="module")
def own_settings(own_server: neo4j_server.LocalServer, test_settings: Settings) -> Settings:
    """Settings for the module's server, holding tiny-report."""
    settings = test_settings.model_copy(
        update={"neo4j_uri": own_server.bolt_uri, "neo4j_password": SecretStr(PASSWORD)}
    )
    with open_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        load_paths(
            driver,
            [FIXTURES / "tiny-report.yaml"],
            database=settings.neo4j_database,
            sources_dir=FIXTURES / "sources",
            wipe_first=True,
        )
    return settings


def call(client: TestClient, method: str, url: str, body: dict[str, Any] | None) -> Any:
    return client.request(method, url, json=body)


def timed_call(
    client: TestClient, method: str, url: str, body: dict[str, Any] | None
) -> tuple[float, Any]:
    began = time.monotonic()
    response = call(client, method, url, body)
    return time.monotonic() - began, response


def test_the_driver_gives_up_on_a_missing_server_within_2_s() -> None:
    app = create_app(Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:9"))  # type: ignore[call-arg]
    assert CONNECTION_TIMEOUT_S <= 2.0
    assert ACQUISITION_TIMEOUT_S <= 2.0
    with TestClient(app):
        driver = app.state.driver
        # The driver's own configuration, as the app opened it (private, but the only place
        # that shows what the app really passed).
        assert driver._pool.pool_config.connection_timeout <= 2.0
        assert driver._default_workspace_config.connection_acquisition_timeout <= 2.0


def assert_all_answer_503(client: TestClient, bolt_uri: str) -> None:
    # All at once: each request spends the driver's retry time (2 s) before it gives up,
    # and the requests must not queue behind one another (nor the test behind them).
    with ThreadPoolExecutor(max_workers=len(READS)) as pool:
        answers = list(pool.map(lambda read: timed_call(client, *read), READS))
    for (_, url, _), (seconds, response) in zip(READS, answers, strict=True):
        assert seconds < ANSWER_BOUND_S, url
        assert response.status_code == 503, (url, response.text)
        assert response.headers["content-type"] == "application/json"
        assert bolt_uri in response.json()["detail"], url
    for url in STATIC:
        assert client.get(url).status_code == 200, url


def test_every_endpoint_answers_503_with_json_when_neo4j_never_answered(
    test_settings: Settings,
) -> None:
    # A port nothing listens on: refused at once, as a stopped server's is.
    nowhere = test_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    with TestClient(create_app(nowhere)) as client:
        assert_all_answer_503(client, nowhere.bolt_uri)


class UnusableDriver:
    """Stands in for the driver while the circuit is open: no request may reach it."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"a request used the driver ({name}) while the circuit was open")


def test_once_neo4j_is_found_down_requests_answer_503_without_trying_it(
    test_settings: Settings,
) -> None:
    nowhere = test_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    app = create_app(nowhere)
    with TestClient(app) as client:
        first = client.get("/health")
        assert first.status_code == 503
        assert first.headers["retry-after"] == "1"
        assert app.state.circuit.open_because is not None
        driver, app.state.driver = app.state.driver, UnusableDriver()
        try:
            for method, url, body in READS:
                response = call(client, method, url, body)
                assert response.status_code == 503, (url, response.text)
                assert nowhere.bolt_uri in response.json()["detail"], url
                assert response.headers["retry-after"] == "1", url
            for url in STATIC:
                assert client.get(url).status_code == 200, url
        finally:
            app.state.driver = driver


@pytest.mark.soak
def test_endpoints_answer_503_while_neo4j_is_down_and_recover_without_a_restart(
    own_server: neo4j_server.LocalServer, own_settings: Settings
) -> None:
    with TestClient(create_app(own_settings)) as client:
        healthy = {}
        for method, url, body in READS:
            response = call(client, method, url, body)
            assert response.status_code == 200, (url, response.text)
            healthy[url] = response.json()
        assert healthy["/health"]["dataset"]["interactions"] == 2

        neo4j_server.stop(own_server)

        assert_all_answer_503(client, own_server.bolt_uri)

        neo4j_server.start(own_server)

        # The same app, the same driver: its pool reconnects on the next requests.
        deadline = time.monotonic() + RECOVERY_BOUND_S
        for _ in range(int(RECOVERY_BOUND_S / POLL_INTERVAL_S)):
            if client.get("/health").status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(POLL_INTERVAL_S)
        for method, url, body in READS:
            response = call(client, method, url, body)
            assert response.status_code == 200, (url, response.text)
            assert response.json() == healthy[url], url
