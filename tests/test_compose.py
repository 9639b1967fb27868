"""docker-compose.yml cannot run here (no Docker engine); its shape is checked instead, and,
where the docker CLI has the Compose plugin, its interpolation (`docker compose config`
needs no engine)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from checkout import PROJECT_ROOT

from actorgraph.settings import read_versions

MAIN = "docker-compose.yml"
SECRETS = ("NEO4J_PASSWORD", "ACTORGRAPH_API_KEY")
# The one pin, inside the package (which reads it as package data); compose includes it.
PIN = "actorgraph/versions.env"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / name).read_text())
    return data


def includes() -> list[dict[str, Any]]:
    return list(load(MAIN).get("include", []))


def compose_files() -> list[str]:
    return [MAIN, *(entry["path"] for entry in includes())]


def services() -> dict[str, Any]:
    """Every service, from the main file and the files it includes."""
    found: dict[str, Any] = {}
    for name in compose_files():
        found.update(load(name)["services"])
    return found


def test_neo4j_image_reads_the_one_pinned_version() -> None:
    image = services()["neo4j"]["image"]
    assert image.startswith("neo4j:${NEO4J_VERSION")
    assert image.endswith("-community")
    pin = read_versions()["NEO4J_VERSION"]
    assert all(pin not in (PROJECT_ROOT / name).read_text() for name in compose_files())


def test_versions_env_reaches_the_neo4j_file_through_include() -> None:
    neo4j_file = next(entry for entry in includes() if "neo4j" in load(entry["path"])["services"])
    assert neo4j_file["env_file"] in (PIN, [PIN])


def test_secrets_have_no_default_and_stop_compose_with_a_message() -> None:
    for name in compose_files():
        text = (PROJECT_ROOT / name).read_text()
        for secret in SECRETS:
            uses = re.findall(r"\$\{" + secret + r"([^}]*)\}", text)
            for use in uses:
                assert use.startswith(":?"), f"{name}: ${{{secret}{use}}} must use :?"
                assert f"set {secret} in .env" in use, f"{name}: say what to set"
    everywhere = "".join((PROJECT_ROOT / name).read_text() for name in compose_files())
    assert all(f"${{{secret}" in everywhere for secret in SECRETS)


def test_neo4j_has_a_healthcheck_and_publishes_the_local_ports_on_loopback() -> None:
    neo4j = services()["neo4j"]
    assert neo4j["healthcheck"]["test"]
    ports = neo4j["ports"]
    assert any(p.endswith(":7474") and p.startswith("127.0.0.1:") for p in ports)
    assert any(p.endswith(":7687") and p.startswith("127.0.0.1:") for p in ports)


def test_loader_runs_once_and_api_waits_for_a_healthy_database_and_a_finished_load() -> None:
    found = services()
    assert found["loader"]["restart"] == "no"
    assert found["loader"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    api = found["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["depends_on"]["loader"]["condition"] == "service_completed_successfully"
    assert any(p.startswith("127.0.0.1:") and p.endswith(":8000") for p in api["ports"])


def test_app_services_use_the_same_setting_names_as_the_local_path() -> None:
    env = services()["api"]["environment"]
    assert {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} <= set(env)
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["ACTORGRAPH_API_KEY"], "the compose file turns the /cypher API key on"


def docker_compose_available() -> bool:
    if not shutil.which("docker"):
        return False
    result = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, text=True, check=False
    )
    return result.returncode == 0


needs_compose = pytest.mark.skipif(
    not docker_compose_available(), reason="the docker CLI with its Compose plugin is not here"
)


def compose_config(project: Path, dotenv: str | None) -> subprocess.CompletedProcess[str]:
    """`docker compose config` on a copy of the compose files, with only `dotenv` as `.env`
    and none of the caller's own settings in the environment."""
    for name in (*compose_files(), PIN):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT_ROOT / name, project / name)
    if dotenv is not None:
        (project / ".env").write_text(dotenv)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "ACTORGRAPH_", "COMPOSE_"))
    }
    return subprocess.run(
        ["docker", "compose", "--project-directory", str(project), "config", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        check=False,
        timeout=60,
    )


@needs_compose
def test_plain_compose_reads_dotenv_and_the_pinned_version(tmp_path: Path) -> None:
    result = compose_config(
        tmp_path, "NEO4J_PASSWORD=from-dotenv-pw\nACTORGRAPH_API_KEY=from-dotenv-key\n"
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)["services"]
    version = read_versions()["NEO4J_VERSION"]
    assert config["neo4j"]["image"] == f"neo4j:{version}-community"
    assert config["neo4j"]["environment"]["NEO4J_AUTH"] == "neo4j/from-dotenv-pw"
    for service in ("api", "loader"):
        assert config[service]["environment"]["NEO4J_PASSWORD"] == "from-dotenv-pw"
        assert config[service]["environment"]["ACTORGRAPH_API_KEY"] == "from-dotenv-key"


@needs_compose
@pytest.mark.parametrize(
    ("dotenv", "missing"),
    [
        ("ACTORGRAPH_API_KEY=some-key\n", ("NEO4J_PASSWORD",)),
        ("NEO4J_PASSWORD=some-password\n", ("ACTORGRAPH_API_KEY",)),
        ("NEO4J_PASSWORD=\nACTORGRAPH_API_KEY=some-key\n", ("NEO4J_PASSWORD",)),
        # Compose reports the first missing variable it meets, in no fixed order.
        (None, SECRETS),
    ],
)
def test_compose_stops_and_names_the_missing_secret(
    tmp_path: Path, dotenv: str | None, missing: tuple[str, ...]
) -> None:
    result = compose_config(tmp_path, dotenv)
    assert result.returncode != 0
    assert any(f"set {name} in .env" in result.stderr for name in missing), result.stderr
