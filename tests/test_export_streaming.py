"""Exports stream: the API sends an export in chunks as Neo4j sends the rows, an error
before the first byte is still a plain 503, one after it ends the body short, and a CLI
export that fails leaves no file behind. On a synthetic graph bigger than one chunk."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.exceptions import ServiceUnavailable
from test_reliability_load import running_api

from actorgraph.cli import cli
from actorgraph.cli import data as cli_data
from actorgraph.export_stream import CHUNK_CHARS
from actorgraph.queries import AsyncRows, Rows
from actorgraph.settings import Settings
from api.main import create_app
from loader.load import load_paths
from loader.schema import apply_schema
from loader.synth import generate

pytestmark = pytest.mark.neo4j

PARTICIPATIONS = "MATCH (:Actor)-[p:PARTICIPATED_IN]->(:Interaction) RETURN count(p) AS n"
ROWS_BEFORE_THE_FAILURE = 100


@pytest.fixture(scope="module")
def participations(graph: Driver, test_settings: Settings, tmp_path_factory: Any) -> int:
    """A synthetic graph whose CSV export is many chunks long; its participations."""
    out = tmp_path_factory.mktemp("synth")
    generate(out, actors=200, interactions=2000, seed=3, per_file=1000)
    apply_schema(graph, test_settings.neo4j_database)
    load_paths(
        graph,
        [out],
        database=test_settings.neo4j_database,
        sources_dir=out / "sources",
        wipe_first=True,
    )
    records, _, _ = graph.execute_query(PARTICIPATIONS)
    count: int = records[0]["n"]
    return count


@pytest.mark.parametrize("fmt", ["csv", "graphml"])
def test_the_api_sends_the_export_in_chunks_as_it_reads(
    participations: int, test_settings: Settings, tmp_path: Path, fmt: str
) -> None:
    with (
        running_api(test_settings, tmp_path / "server.log") as server,
        httpx.stream("GET", f"{server.base_url}/export?format={fmt}", timeout=60) as response,
    ):
        assert response.status_code == 200
        assert "content-length" not in response.headers
        assert response.headers["transfer-encoding"] == "chunked"
        assert response.headers["content-disposition"] == f'attachment; filename="actorgraph.{fmt}"'
        chunks = list(response.iter_raw())
    body = b"".join(chunks)
    assert len(body) > 4 * CHUNK_CHARS
    assert len(chunks) > 1
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(body.decode())))) == participations
    else:
        assert body.count(b"<edge ") == participations


def failing_after(rows: int, exc: Exception) -> Any:
    """A Rows.__iter__ that gives the first `rows` rows of the query, then raises `exc`."""
    real = Rows.__iter__

    def rows_then_failure(self: Rows) -> Iterator[dict[str, Any]]:
        for index, row in enumerate(real(self)):
            if index == rows:
                raise exc
            yield row

    return rows_then_failure


def test_a_cli_export_that_fails_midway_leaves_no_file(
    participations: int,
    test_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_data, "get_settings", lambda: test_settings)
    monkeypatch.setattr(
        Rows, "__iter__", failing_after(ROWS_BEFORE_THE_FAILURE, ServiceUnavailable("gone"))
    )
    fresh, older = tmp_path / "fresh.csv", tmp_path / "older.csv"
    older.write_text("the export of yesterday\n", encoding="utf-8")
    for out in (fresh, older):
        result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(out)])
        assert result.exit_code == 2, result.output
    assert not fresh.exists()
    assert older.read_text(encoding="utf-8") == "the export of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older.csv"]  # no part file left


def test_a_cli_export_writes_every_row_to_its_file(
    participations: int, test_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_data, "get_settings", lambda: test_settings)
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == participations
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.csv"]


def test_an_error_before_the_first_byte_is_the_usual_503(
    participations: int, test_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refused(self: AsyncRows) -> None:
        raise ServiceUnavailable("gone")

    monkeypatch.setattr(AsyncRows, "start", refused)
    with TestClient(create_app(test_settings)) as api:
        response = api.get("/export", params={"format": "csv"})
    assert response.status_code == 503
    assert "not reachable" in response.json()["detail"]


def test_an_error_once_the_export_has_begun_ends_it_short(
    participations: int, test_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = AsyncRows.__aiter__

    async def rows_then_failure(self: AsyncRows) -> AsyncIterator[dict[str, Any]]:
        index = 0
        async for row in real(self):
            if index == ROWS_BEFORE_THE_FAILURE:
                raise ServiceUnavailable("gone")
            index += 1
            yield row

    monkeypatch.setattr(AsyncRows, "__aiter__", rows_then_failure)
    with TestClient(create_app(test_settings), raise_server_exceptions=False) as api:
        response = api.get("/export", params={"format": "json"})
    assert response.status_code == 200  # sent before the failure
    assert response.text.startswith('{\n "nodes": [')
    assert not response.text.endswith("\n}")  # no reader takes it for a whole export
