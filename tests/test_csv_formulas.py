"""CSV cells that a spreadsheet would run as a formula come out as plain text (OWASP's advice:
a leading `'`), in the export and in every `?format=csv`; numbers from the data stay numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.export_stream import rendered
from actorgraph.exports import CSV_COLUMNS, csv_cell
from actorgraph.settings import Settings
from api.main import create_app
from loader.load import load_paths
from loader.schema import apply_schema

FIXTURE = Path(__file__).parent / "fixtures" / "csv_formula"
FORMULA = '=HYPERLINK("http://x","y")'
INERT = "'" + FORMULA


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("text", [FORMULA, "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1", "\r=1"])
def test_text_starting_like_a_formula_gets_a_leading_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Ann Able", "a=b", "2022-03-14", "'quoted", " =1", ""])
def test_text_starting_otherwise_is_unchanged(text: str) -> None:
    assert csv_cell(text) == text


def test_numbers_from_the_data_stay_numbers() -> None:
    assert [csv_cell(-3), csv_cell(-0.5), csv_cell(0)] == ["-3", "-0.5", "0"]


def test_a_negative_number_written_as_text_is_text_and_gets_the_quote() -> None:
    assert csv_cell("-3") == "'-3"


def test_a_joined_list_is_checked_as_the_one_cell_it_becomes() -> None:
    assert csv_cell([FORMULA, "b"]) == INERT + ";b"
    # Only the start of a cell is read as a formula: an element further in stays as written.
    assert csv_cell(["b", FORMULA]) == "b;" + FORMULA


def test_the_export_renderer_writes_a_formula_as_text() -> None:
    row = {column: None for column in CSV_COLUMNS} | {
        "interaction": "call-x",
        "actor": "formula-account",
        "actor_name": FORMULA,
        "took_part": True,
        "role_sources": ["formula-report"],
    }
    [written] = csv_rows(rendered("csv", [row]))
    assert written["actor_name"] == INERT
    assert (written["took_part"], written["role_sources"]) == ("true", "formula-report")


@pytest.fixture(scope="module")
def api(graph: Driver, test_settings: Settings) -> Iterator[TestClient]:
    """The API over a graph holding only the formula-quoting fixture."""
    apply_schema(graph, test_settings.neo4j_database)
    load_paths(
        graph,
        [FIXTURE / "formula-report.yaml"],
        database=test_settings.neo4j_database,
        sources_dir=FIXTURE / "sources",
        strict=True,
        wipe_first=True,
    )
    with TestClient(create_app(test_settings)) as client:
        yield client


@pytest.mark.neo4j
def test_a_quoted_formula_comes_back_inert_from_statements_csv(api: TestClient) -> None:
    response = api.get("/statements", params={"format": "csv"})
    assert response.status_code == 200
    [statement] = csv_rows(response.text)
    assert statement["quote"] == INERT
    # JSON is not a spreadsheet: it keeps the quote exactly as the source has it.
    assert api.get("/statements").json()[0]["quote"] == FORMULA


@pytest.mark.neo4j
def test_an_actor_named_by_a_formula_comes_back_inert_from_actors_csv(api: TestClient) -> None:
    response = api.get("/actors", params={"format": "csv"})
    names = {row["id"]: row["name"] for row in csv_rows(response.text)}
    assert names == {"ann-able": "Ann Able", "formula-account": INERT}


@pytest.mark.neo4j
def test_the_export_csv_names_a_formula_actor_as_text(api: TestClient) -> None:
    response = api.get("/export", params={"format": "csv"})
    assert response.status_code == 200
    names = {row["actor"]: row["actor_name"] for row in csv_rows(response.text)}
    assert names == {"ann-able": "Ann Able", "formula-account": INERT}
