"""docker-compose.yml cannot run here (no Docker engine); its shape is checked instead."""

from __future__ import annotations

from typing import Any

import yaml

from actorgraph.settings import PROJECT_ROOT, read_versions


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    return data


def test_neo4j_image_reads_the_one_pinned_version() -> None:
    image = compose()["services"]["neo4j"]["image"]
    assert image.startswith("neo4j:${NEO4J_VERSION")
    assert image.endswith("-community")
    assert read_versions()["NEO4J_VERSION"] not in (PROJECT_ROOT / "docker-compose.yml").read_text()


def test_neo4j_has_a_healthcheck_and_publishes_the_local_ports_on_loopback() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["healthcheck"]["test"]
    ports = neo4j["ports"]
    assert any(p.endswith(":7474") and p.startswith("127.0.0.1:") for p in ports)
    assert any(p.endswith(":7687") and p.startswith("127.0.0.1:") for p in ports)


def test_loader_runs_once_and_api_waits_for_a_healthy_database_and_a_finished_load() -> None:
    services = compose()["services"]
    assert services["loader"]["restart"] == "no"
    assert services["loader"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    api = services["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["depends_on"]["loader"]["condition"] == "service_completed_successfully"
    assert any(p.startswith("127.0.0.1:") and p.endswith(":8000") for p in api["ports"])


def test_app_services_use_the_same_setting_names_as_the_local_path() -> None:
    env = compose()["services"]["api"]["environment"]
    assert {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} <= set(env)
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["ACTORGRAPH_API_KEY"], "the compose file turns the /cypher API key on"
