"""Every canned query file: a complete header, params declared = params used, read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from actorgraph.queries import CatalogueError, browser_params_map, parse_query_file
from actorgraph.settings import Settings
from cypher import QUERIES, cypher_files

QUERY_FILES = cypher_files(QUERIES)


def test_there_are_canned_queries() -> None:
    assert len(QUERY_FILES) >= 10


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name.removesuffix(".cypher"))
def test_header_is_complete_and_params_match_the_query(path: Path) -> None:
    query = parse_query_file(path)
    assert query.name == path.stem
    assert query.title and query.description
    for parameter in query.parameters:
        assert parameter.description, parameter.name
        assert parameter.example is not None, f"{parameter.name}: no `e.g.` example"
    assert query.parameter_names == query.used_parameters()
    assert query.browser_params.startswith(":param {")
    assert query.browser_params.endswith("};")
    assert query.text.rstrip().endswith(";")


def test_a_file_without_a_title_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cypher"
    broken.write_text("// name: broken\n// description: x\n:param {};\nRETURN 1;\n")
    with pytest.raises(CatalogueError, match="title"):
        parse_query_file(broken)


@pytest.mark.neo4j
@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name.removesuffix(".cypher"))
def test_query_is_read_only_and_runs_with_its_browser_params(
    path: Path, seeded: Driver, test_settings: Settings
) -> None:
    query = parse_query_file(path)
    database = test_settings.neo4j_database
    # The server evaluates the `:param` map, as Browser and cypher-shell do.
    records, _, _ = seeded.execute_query(
        f"RETURN {browser_params_map(query)} AS params", database_=database, routing_="r"
    )
    params = records[0]["params"]
    assert set(params) == query.parameter_names
    _, summary, _ = seeded.execute_query(
        "EXPLAIN " + query.cypher, params, database_=database, routing_="r"
    )
    assert summary.query_type == "r"
    records, _, _ = seeded.execute_query(query.cypher, params, database_=database, routing_="r")
    assert records, f"{query.name} returns nothing for its own example parameters"
