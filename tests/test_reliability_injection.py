"""Quotes, backticks and Cypher fragments in every parameter are data, never Cypher.

Every path and query parameter of every GET endpoint (read from the app's own OpenAPI
document, so that a new endpoint is covered the day it is added), and every parameter of
every canned query behind GET /queries/{name}, receives each payload below. The answer
must be a 404, a 422 or a 200 (an empty or ordinary result), never a 5xx, and the graph
must be exactly as before. POST /cypher is the door for Cypher itself; its refusals are in
tests/test_api_cypher.py.
"""

from __future__ import annotations

import ast
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.queries import catalogue
from actorgraph.settings import Settings
from api.main import create_app
from loader.snapshot import export_live_graph

pytestmark = pytest.mark.neo4j

PAYLOADS: dict[str, str] = {
    "single-quote-or": "' OR 1=1 //",
    "double-quote-or": '" OR ""="',
    "backtick-label": "`x`",
    "close-and-delete": "'}) DETACH DELETE n //",
    "close-and-delete-unquoted": "}) DETACH DELETE n //",
    "parameter-name": "$x",
    "union-read": "x' UNION MATCH (n) RETURN n //",
    "admin-call": "x'}) CALL dbms.killQueries([]) YIELD queryId RETURN 1 //",
    "escaped-quote": "\\' OR 1=1 //",
    "newline-statement": "x\n;MATCH (n) DETACH DELETE n",
    "map-literal": "{id: 'vladimir-putin'}",
    "regex-everything": ".*",
    "nul-byte": "a\x00b",
    "unicode": "Çavuşoğlu \u202e 🕊️ 中文",
    "very-long": "a" * 8000,
}
# Percent-encoded bytes that are not UTF-8: sent as they are, not encoded again.
RAW_PAYLOADS: dict[str, str] = {"invalid-utf8-bytes": "%FF%FE%80"}
ALLOWED = {200, 404, 422}


def encoded_payloads() -> dict[str, str]:
    return {
        **{name: quote(value, safe="") for name, value in PAYLOADS.items()},
        **RAW_PAYLOADS,
    }


def schema_example(parameter: dict[str, Any]) -> str:
    examples = parameter.get("schema", {}).get("examples") or parameter.get("examples")
    assert examples, f"required parameter {parameter['name']} has no example to fill it with"
    return str(examples[0])


def endpoint_targets() -> list[tuple[str, str, str, dict[str, str]]]:
    """(path template, parameter, where, other required parameters with example values)."""
    document = create_app(Settings(_env_file=None)).openapi()  # type: ignore[call-arg]
    targets = []
    for path, operations in sorted(document["paths"].items()):
        parameters = operations.get("get", {}).get("parameters", [])
        for parameter in parameters:
            others = {
                p["name"]: schema_example(p)
                for p in parameters
                if p.get("required") and p["name"] != parameter["name"]
            }
            targets.append((path, parameter["name"], parameter["in"], others))
    return targets


def canned_example(literal: str | None) -> str:
    """A catalogue example is a Cypher literal ('x', 4, ['person']); the API takes text."""
    if literal is None:
        return ""
    value = ast.literal_eval(literal)
    return ",".join(value) if isinstance(value, list) else str(value)


def canned_targets() -> list[tuple[str, str, dict[str, str]]]:
    targets = []
    for name, query in sorted(catalogue().items()):
        for parameter in query.parameters:
            others = {
                p.name: canned_example(p.example)
                for p in query.parameters
                if p.required and p.name != parameter.name
            }
            targets.append((name, parameter.name, others))
    return targets


ENDPOINT_TARGETS = endpoint_targets()
CANNED_TARGETS = canned_targets()


def url_with(path: str, name: str, where: str, payload: str, others: dict[str, str]) -> str:
    query = {k: quote(v, safe="") for k, v in others.items() if f"{{{k}}}" not in path}
    for key, value in others.items():
        path = path.replace(f"{{{key}}}", quote(value, safe=""))
    if where == "path":
        path = path.replace(f"{{{name}}}", payload)
    else:
        query[name] = payload
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def tokens(driver: Driver, database: str) -> dict[str, Any]:
    """What any write would change, cheap enough to check after every parameter: counts of
    nodes and relationships of every generation, the live one, and the tokens a stray
    CREATE or SET would leave behind (labels, types, property keys)."""

    def values(query: str) -> list[Any]:
        records, _, _ = driver.execute_query(query, database_=database, routing_="r")
        return sorted(r[0] for r in records)

    return {
        "nodes": values("MATCH (n) RETURN count(n)"),
        "relationships": values("MATCH ()-[r]->() RETURN count(r)"),
        "live": values("MATCH (d:Dataset) RETURN d.gen + ':' + d.digest"),
        "labels": values("CALL db.labels() YIELD label RETURN label"),
        "types": values("CALL db.relationshipTypes() YIELD relationshipType RETURN *"),
        "keys": values("CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey"),
    }


@pytest.fixture(scope="module")
def untouched(api: TestClient, seeded: Driver, test_settings: Settings) -> dict[str, Any]:
    """The seed before any injection: its tokens, and its export for the last test."""
    database = test_settings.neo4j_database
    return {
        "tokens": tokens(seeded, database),
        "export": export_live_graph(seeded, database).canonical(),
    }


def assert_treated_as_data(api: TestClient, url: str) -> None:
    response = api.get(url)
    assert response.status_code in ALLOWED, (url[:200], response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), url[:200]
    response.json()  # a JSON body, whatever the status


def test_every_get_endpoint_and_canned_query_parameter_is_covered() -> None:
    # Guards the two tables below: an empty or shrunken table would make them prove nothing.
    covered = {(path, name) for path, name, _, _ in ENDPOINT_TARGETS}
    assert {("/actors/{actor_id}", "actor_id"), ("/path", "from"), ("/actors", "q")} <= covered
    assert len(ENDPOINT_TARGETS) >= 25
    assert ("contacts", "actor") in {(query, name) for query, name, _ in CANNED_TARGETS}


@pytest.mark.parametrize(
    ("path", "name", "where", "others"),
    ENDPOINT_TARGETS,
    ids=[f"{path}:{name}" for path, name, _, _ in ENDPOINT_TARGETS],
)
def test_injection_into_an_endpoint_parameter_is_treated_as_data(
    path: str,
    name: str,
    where: str,
    others: dict[str, str],
    api: TestClient,
    seeded: Driver,
    test_settings: Settings,
    untouched: dict[str, Any],
) -> None:
    for payload in encoded_payloads().values():
        assert_treated_as_data(api, url_with(path, name, where, payload, others))
    assert tokens(seeded, test_settings.neo4j_database) == untouched["tokens"]


@pytest.mark.parametrize(
    ("query", "name", "others"),
    CANNED_TARGETS,
    ids=[f"{query}:{name}" for query, name, _ in CANNED_TARGETS],
)
def test_injection_into_a_canned_query_parameter_is_treated_as_data(
    query: str,
    name: str,
    others: dict[str, str],
    api: TestClient,
    seeded: Driver,
    test_settings: Settings,
    untouched: dict[str, Any],
) -> None:
    for payload in encoded_payloads().values():
        url = url_with("/queries/{query}", name, "query", payload, {**others, "query": query})
        assert_treated_as_data(api, url)
    assert tokens(seeded, test_settings.neo4j_database) == untouched["tokens"]


def test_an_injected_id_is_looked_up_literally(api: TestClient) -> None:
    # The 404 names the id exactly as sent: it reached Neo4j as one parameter value.
    response = api.get("/actors/" + quote("x' OR 'a'='a", safe=""))
    assert response.status_code == 404
    assert response.json()["detail"] == "no actor \"x' OR 'a'='a\""


def test_a_search_for_an_always_true_condition_finds_nothing_extra(api: TestClient) -> None:
    everyone = api.get("/actors").json()
    response = api.get("/actors", params={"q": "' OR 1=1 //"})
    assert response.status_code == 200
    assert len(response.json()) < len(everyone)


def test_the_graph_is_exactly_as_before_after_every_injection(
    seeded: Driver, test_settings: Settings, untouched: dict[str, Any]
) -> None:
    # Last in the module, so that it compares the export after all the tests above ran.
    assert (
        export_live_graph(seeded, test_settings.neo4j_database).canonical() == (untouched["export"])
    )
