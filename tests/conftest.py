"""Test fixtures: a Neo4j of the suite's own, never the one `make up` uses.

The suite starts a small local server (var/neo4j-test, Bolt 17687, HTTP 17474, auth on)
or uses the server that NEO4J_TEST_URI names. Each test module starts on an empty graph.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from checkout import PROJECT_ROOT
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph import neo4j_server
from actorgraph.database import open_driver
from actorgraph.settings import Settings

TEST_HOME = PROJECT_ROOT / "var" / "neo4j-test"
TEST_BOLT_PORT = 17687
TEST_HTTP_PORT = 17474
TEST_PASSWORD = "actorgraph-test"


def _test_settings() -> Settings:
    uri = os.environ.get("NEO4J_TEST_URI")
    # _env_file=None: a developer's .env (which may point at real data) never reaches the tests.
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        neo4j_uri=uri or None,
        neo4j_user=os.environ.get("NEO4J_TEST_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_TEST_PASSWORD", TEST_PASSWORD),
        neo4j_database=os.environ.get("NEO4J_TEST_DATABASE", "neo4j"),
        actorgraph_home=TEST_HOME,
        actorgraph_bolt_port=TEST_BOLT_PORT,
        actorgraph_http_port=TEST_HTTP_PORT,
        # Small, so that it fits beside the instance `make up` runs.
        actorgraph_heap="512m",
        actorgraph_pagecache="256m",
        actorgraph_sources=Path(os.environ.get("ACTORGRAPH_SOURCES", PROJECT_ROOT / "sources")),
    )


SEED_TEXT = "cameron-2022-03-21.txt"


@pytest.fixture(scope="session")
def seed_sources(test_settings: Settings) -> Path:
    """The folder holding the seed's source text; tests that need the text skip without it."""
    folder = test_settings.actorgraph_sources
    if not (folder / SEED_TEXT).is_file():
        pytest.skip(
            f"needs the seed's source text {SEED_TEXT} in {folder}: set ACTORGRAPH_SOURCES "
            "to the folder that holds it"
        )
    return folder


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    settings = _test_settings()
    # The suite wipes its server; it must never be the one `make up` serves.
    main_instance = Settings()
    if settings.bolt_uri == main_instance.bolt_uri:
        pytest.exit(
            f"NEO4J_TEST_URI={settings.bolt_uri} is the server `make up` uses; the tests wipe "
            "their server, so point NEO4J_TEST_URI at another one.",
            returncode=2,
        )
    return settings


def _hold_the_test_server(settings: Settings) -> IO[str]:
    """An exclusive lock on the suite's server for this run, held until the process ends.

    Each module wipes the graph, so two runs on one server fail each other at random. The
    lock is per URI (not per checkout: two clones share port 17687).
    """
    name = settings.bolt_uri.replace(":", "-").replace("/", "")
    lock = (Path(tempfile.gettempdir()) / f"actorgraph-tests-{name}.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pytest.exit(
            f"Another test run is using the suite's Neo4j at {settings.bolt_uri}. Wait for it "
            "to end, or point NEO4J_TEST_URI at a server of your own.",
            returncode=2,
        )
    return lock


@pytest.fixture(scope="session")
def neo4j_driver(test_settings: Settings) -> Iterator[Driver]:
    """A driver to the suite's Neo4j, started for the session when NEO4J_TEST_URI is unset."""
    lock = _hold_the_test_server(test_settings)
    started = None
    if test_settings.uses_local_server:
        server = neo4j_server.LocalServer.from_settings(test_settings)
        result = neo4j_server.start(server)
        started = None if result.already_running else server
    driver = open_driver(test_settings)
    driver.verify_connectivity()
    try:
        yield driver
    finally:
        driver.close()
        if started is not None:
            neo4j_server.stop(started)
        lock.close()


def wipe(driver: Driver, database: str) -> None:
    # The loader's own wipe: relationships first, in batches, so that a hub of a large
    # synthetic graph does not put a million deletions in one transaction.
    from loader.generations import wipe as wipe_everything

    wipe_everything(driver, database)


@pytest.fixture(scope="module")
def graph(neo4j_driver: Driver, test_settings: Settings) -> Iterator[Driver]:
    """The suite's Neo4j, emptied before the module runs."""
    wipe(neo4j_driver, test_settings.neo4j_database)
    yield neo4j_driver


@pytest.fixture(scope="module")
def seeded(graph: Driver, test_settings: Settings) -> Driver:
    """The suite's Neo4j holding exactly the seed dataset (data/), loaded by the real loader."""
    from loader.load import load_paths
    from loader.schema import apply_schema

    apply_schema(graph, test_settings.neo4j_database)
    load_paths(
        graph,
        [PROJECT_ROOT / "data"],
        database=test_settings.neo4j_database,
        sources_dir=test_settings.actorgraph_sources,
        wipe_first=True,
    )
    return graph


@pytest.fixture(scope="module")
def api(seeded: Driver, test_settings: Settings) -> Iterator[TestClient]:
    """An API client over the seed, talking to the suite's real Neo4j."""
    from api.main import create_app

    with TestClient(create_app(test_settings)) as client:
        yield client


MEDIATION_REPORT = Path(__file__).parent / "fixtures" / "mediation"


@pytest.fixture(scope="module")
def report_api(
    graph: Driver, test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """An API client over the seed and a second source that records mediation efforts,
    offers and one-sided dates (tests/fixtures/mediation), loaded by the real loader; the
    seed's quotes are unverified where its text is not at hand."""
    from api.main import create_app
    from loader.load import load_paths
    from loader.schema import apply_schema

    sources = tmp_path_factory.mktemp("sources")
    seed_text = test_settings.actorgraph_sources / SEED_TEXT
    if seed_text.is_file():
        os.symlink(seed_text, sources / SEED_TEXT)
    for text in (MEDIATION_REPORT / "sources").iterdir():
        os.symlink(text, sources / text.name)
    apply_schema(graph, test_settings.neo4j_database)
    load_paths(
        graph,
        [PROJECT_ROOT / "data", MEDIATION_REPORT / "report-2022-03-18.yaml"],
        database=test_settings.neo4j_database,
        sources_dir=sources,
        wipe_first=True,
    )
    with TestClient(create_app(test_settings)) as client:
        yield client
