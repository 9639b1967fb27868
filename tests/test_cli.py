"""The `actorgraph` command as a user runs it: exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from child_env import child_env

from actorgraph.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "loader"


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        env=child_env(**env),
        cwd=PROJECT_ROOT / "tests",  # no .env here
        timeout=120,
        check=False,
    )


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("up", "neo4j", "validate", "load", "serve"):
        assert command in result.stdout


def test_load_says_how_to_start_neo4j_when_it_is_unreachable() -> None:
    result = run(
        "load",
        "--sources",
        str(FIXTURES / "sources"),
        str(FIXTURES / "tiny-report.yaml"),
        ACTORGRAPH_BOLT_PORT="9",
    )
    assert result.returncode == 2
    assert "bolt://127.0.0.1:9" in result.stderr
    assert "make neo4j" in result.stderr
    assert "Traceback" not in result.stderr


def test_load_of_an_invalid_file_lists_its_errors_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (FIXTURES / "tiny-report.yaml").read_text().replace("role: called", "role: callee")
    )
    result = run(
        "load", "--sources", str(FIXTURES / "sources"), str(broken), ACTORGRAPH_BOLT_PORT="9"
    )
    assert result.returncode == 1
    assert "call-able-baker" in result.stderr and "role" in result.stderr


@pytest.mark.neo4j
def test_load_with_wrong_credentials_exits_2_and_names_the_settings(
    neo4j_driver: object, test_settings: Settings
) -> None:
    result = run(
        "load",
        "--sources",
        str(FIXTURES / "sources"),
        str(FIXTURES / "tiny-report.yaml"),
        NEO4J_URI=test_settings.bolt_uri,
        NEO4J_PASSWORD="not-the-password",
    )
    assert result.returncode == 2
    assert "NEO4J_PASSWORD" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_loads_neither_the_driver_nor_the_dataset_models() -> None:
    # -X importtime lists every module imported, on stderr.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "actorgraph", "--help"],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=PROJECT_ROOT / "tests",
        timeout=60,
        check=True,
    )
    modules = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "neo4j" not in modules
    assert "yaml" not in modules and "loader.dataset" not in modules


class _Answer(BaseHTTPRequestHandler):
    document = b"{}"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.document)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def listening(document: dict[str, object]) -> Iterator[int]:
    """A server on a free port of 127.0.0.1 that answers every GET with `document`."""
    handler = type("Answer", (_Answer,), {"document": json.dumps(document).encode()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("command", ["up", "serve"])
def test_a_second_up_says_where_the_api_already_serves_before_doing_anything(
    command: str,
) -> None:
    with listening({"info": {"title": "actorgraph"}}) as port:
        # NEO4J_URI at a closed port: had `up` gone on, it would have failed to load.
        result = run(command, "--port", str(port), NEO4J_URI="bolt://127.0.0.1:9")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"already serves at http://127.0.0.1:{port}" in result.stdout
    assert "Loaded" not in result.stdout and "Traceback" not in result.stderr


def test_serving_on_a_port_another_program_holds_is_a_clear_error() -> None:
    with listening({"hello": "world"}) as port:
        result = run("serve", "--port", str(port))
    assert result.returncode == 1
    assert f"Another program listens on 127.0.0.1:{port}" in result.stdout + result.stderr
    assert "Address already in use" not in result.stdout + result.stderr
