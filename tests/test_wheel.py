"""The package as a stranger installs it: a wheel in a fresh venv, run outside the checkout.

Nothing may be found through the checkout's path: the Cypher, the Browser style and the
version pins travel inside the wheel. The venv gets its dependencies from the index (pip's
cache makes the second run quick).
"""

from __future__ import annotations

import subprocess
import sys
import time
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from checkout import PROJECT_ROOT
from child_env import child_env
from neo4j import Driver
from throwaway_neo4j import free_port

from actorgraph.settings import Settings

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(PROJECT_ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("actorgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `actorgraph` command of a fresh venv that holds only the wheel and its dependencies."""
    home = tmp_path_factory.mktemp("stranger")
    venv.create(home / "venv", with_pip=True)
    pip = home / "venv" / "bin" / "pip"
    done = subprocess.run(
        [str(pip), "install", "-q", "--disable-pip-version-check", str(wheel)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return home / "venv" / "bin" / "actorgraph"


def test_the_wheel_carries_the_cypher_the_style_and_the_pins(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    queries = {n for n in names if n.startswith("cypher/queries/") and n.endswith(".cypher")}
    checkout_queries = {
        f"cypher/queries/{p.name}" for p in (PROJECT_ROOT / "cypher" / "queries").glob("*.cypher")
    }
    assert queries == checkout_queries
    assert {"cypher/schema/01-constraints.cypher", "cypher/style.grass"} <= names
    assert {"actorgraph/versions.env", "actorgraph/pom.xml"} <= names


@pytest.fixture(scope="module")
def stranger_api(
    installed: Path,
    seeded: Driver,
    test_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """`actorgraph serve` from the wheel, run in an empty folder, on the suite's seeded Neo4j."""
    folder = tmp_path_factory.mktemp("elsewhere")
    port = free_port()
    server = subprocess.Popen(
        [str(installed), "serve", "--port", str(port), "--workers", "1"],
        cwd=folder, env=child_env(test_settings),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            server.terminate()
            pytest.fail(f"the installed API never answered: {server.communicate()[1][-2000:]}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_installed_api_answers_canned_queries(stranger_api: str) -> None:
    contacts = httpx.get(f"{stranger_api}/actors/vladimir-putin/contacts", timeout=10)
    assert contacts.status_code == 200, contacts.text
    assert contacts.json()[0]["actor"]["id"] == "emmanuel-macron"
    by_name = httpx.get(f"{stranger_api}/queries/actors", params={"q_key": "kuleba"}, timeout=10)
    assert by_name.status_code == 200, by_name.text
    catalogue = httpx.get(f"{stranger_api}/queries", timeout=10).json()
    assert {q["file"] for q in catalogue} >= {"cypher/queries/contacts.cypher"}
    style = httpx.get(f"{stranger_api}/browser/style.grass", timeout=10)
    assert style.status_code == 200 and "node.Actor" in style.text


def test_the_installed_loader_applies_the_schema_and_loads(
    installed: Path, graph: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    graph.execute_query(
        "DROP CONSTRAINT actor_id_gen IF EXISTS", database_=test_settings.neo4j_database
    )
    done = subprocess.run(
        [str(installed), "load", "--wipe", "--yes", str(PROJECT_ROOT / "data")],
        cwd=tmp_path, env=child_env(test_settings), capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    constraints = graph.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names",
        database_=test_settings.neo4j_database,
    ).records[0]["names"]
    assert "actor_id_gen" in constraints
