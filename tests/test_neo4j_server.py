"""The local Neo4j launcher, run for real on ports of its own."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from neo4j import GraphDatabase

from actorgraph import neo4j_server
from actorgraph.settings import read_versions


def server_at(home: Path, password: str | None = None) -> neo4j_server.LocalServer:
    versions = read_versions()
    return neo4j_server.LocalServer(
        home=home,
        bolt_port=27687,
        http_port=27474,
        heap="256m",
        pagecache="64m",
        password=password,
        neo4j_version=versions["NEO4J_VERSION"],
        browser_version=versions["NEO4J_BROWSER_VERSION"],
    )


def our_java_processes(server: neo4j_server.LocalServer) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if server.process_marker in line]


def test_generated_config_listens_on_loopback_only_and_refuses_file_csv() -> None:
    config = neo4j_server.render_config(server_at(Path("/tmp/x")))
    listen = [line for line in config.splitlines() if "listen_address=" in line]
    assert listen and all("=127.0.0.1" in line for line in listen)
    assert "dbms.security.allow_csv_import_from_file_urls=false" in config
    assert "dbms.usage_report.enabled=false" in config
    assert "dbms.security.auth_enabled=false" in config


def test_config_turns_auth_on_when_a_password_is_set() -> None:
    config = neo4j_server.render_config(server_at(Path("/tmp/x"), password="s3cret-pw"))
    assert "dbms.security.auth_enabled=true" in config


def test_version_is_pinned_once_and_is_a_526_patch() -> None:
    versions = read_versions()
    assert versions["NEO4J_VERSION"].startswith("5.26.")
    pom = (PROJECT_ROOT / "actorgraph" / "pom.xml").read_text()
    assert versions["NEO4J_VERSION"] not in pom, "the pom must read the version, not repeat it"


@pytest.mark.neo4j
def test_start_stop_status_are_idempotent_and_leave_no_process(tmp_path: Path) -> None:
    server = server_at(tmp_path / "neo4j", password="launcher-pw")
    assert neo4j_server.stop(server) is False
    assert neo4j_server.status(server).running is False
    try:
        first = neo4j_server.start(server)
        assert first.already_running is False
        assert neo4j_server.status(server).running is True
        second = neo4j_server.start(server)
        assert second.already_running is True
        assert second.status.pid == first.status.pid

        with GraphDatabase.driver(server.bolt_uri, auth=("neo4j", "launcher-pw")) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1

        with urllib.request.urlopen(server.browser_url, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
            assert response.status == 200
            assert "text/html" in response.headers["Content-Type"]
        assert "<html" in body.lower()
    finally:
        stopped = neo4j_server.stop(server)
    assert stopped is True
    assert neo4j_server.status(server).running is False
    assert our_java_processes(server) == []
    assert neo4j_server.stop(server) is False


@pytest.mark.neo4j
def test_suite_server_answers_bolt(neo4j_driver) -> None:  # type: ignore[no-untyped-def]
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1
