"""POST /cypher on the seed: reads answer; every way of writing is refused and changes nothing."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import READ_ACCESS, AsyncGraphDatabase, Driver
from neo4j.exceptions import ClientError
from pydantic import SecretStr

from actorgraph.settings import Settings
from api.main import create_app
from api.routes.cypher import Refused, fetch, refuse_by_plan, refuse_by_text
from loader.snapshot import export_live_graph

pytestmark = pytest.mark.neo4j


def cypher(api: TestClient, query: str, **params: Any) -> Any:
    return api.post("/cypher", json={"query": query, "params": params})


def rows(api: TestClient, query: str, **params: Any) -> list[dict[str, Any]]:
    response = cypher(api, query, **params)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()["rows"]
    return result


def fingerprint(driver: Driver, database: str) -> dict[str, Any]:
    """Everything a refused statement could have changed: the live graph, stray nodes
    outside it, label and type tokens, the schema, the users and the databases."""

    def values(query: str, key: str, db: str = database) -> list[Any]:
        records, _, _ = driver.execute_query(query, database_=db, routing_="r")
        return sorted(r[key] for r in records)

    return {
        "graph": export_live_graph(driver, database).canonical(),
        "nodes": values("MATCH (n) RETURN count(n) AS c", "c"),
        "relationships": values("MATCH ()-[r]->() RETURN count(r) AS c", "c"),
        "labels": values("CALL db.labels() YIELD label RETURN label", "label"),
        "types": values("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t", "t"),
        "keys": values("CALL db.propertyKeys() YIELD propertyKey AS k RETURN k", "k"),
        "indexes": values("SHOW INDEXES YIELD name RETURN name", "name"),
        "constraints": values("SHOW CONSTRAINTS YIELD name RETURN name", "name"),
        "users": values("SHOW USERS YIELD user RETURN user", "user", "system"),
        "databases": values(
            "SHOW DATABASES YIELD name, currentStatus RETURN name + ':' + currentStatus AS db",
            "db",
            "system",
        ),
    }


@pytest.fixture(scope="module")
def untouched(api: TestClient, seeded: Driver, test_settings: Settings) -> dict[str, Any]:
    """The fingerprint of the seed before any attempt to write through the door."""
    return fingerprint(seeded, test_settings.neo4j_database)


# ------------------------------------------------------------------ reads


def test_a_read_returns_its_columns_and_rows(api: TestClient) -> None:
    response = cypher(
        api,
        "MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.kind AS kind",
        id="vladimir-putin",
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "columns": ["name", "kind"],
        "rows": [{"name": "Vladimir Putin", "kind": "person"}],
        "truncated": False,
    }


def test_a_node_comes_back_as_labels_and_properties_without_the_generation(
    api: TestClient,
) -> None:
    [row] = rows(api, "MATCH (p:Person {id: 'vladimir-putin'}) RETURN p")
    assert row["p"]["labels"] == ["Actor", "Person"]
    assert row["p"]["properties"]["name"] == "Vladimir Putin"
    assert "gen" not in row["p"]["properties"]


def test_relationships_and_paths_come_back_as_types_properties_and_node_lists(
    api: TestClient,
) -> None:
    [row] = rows(
        api,
        "MATCH path = (:Person {id: 'vladimir-putin'})-[r:HOLDS_POSITION]->(:State {id: 'russia'}) "
        "RETURN r, path",
    )
    assert row["r"]["type"] == "HOLDS_POSITION"
    assert row["r"]["properties"]["role"] == "President"
    assert [n["properties"]["id"] for n in row["path"]["nodes"]] == ["vladimir-putin", "russia"]
    assert [r["type"] for r in row["path"]["relationships"]] == ["HOLDS_POSITION"]


def test_temporal_values_come_back_as_iso_strings(api: TestClient) -> None:
    [row] = rows(
        api,
        "MATCH (i:Interaction {id: 'call-2022-02-24-macron-putin'}) "
        "RETURN i.earliest AS day, datetime('2022-03-29T10:00:00Z') AS at, "
        "duration('P1DT2H') AS span",
    )
    # Neo4j keeps nanoseconds, and so does its ISO form.
    assert row == {
        "day": "2022-02-24",
        "at": "2022-03-29T10:00:00.000000000+00:00",
        "span": "P1DT2H",
    }


def test_values_json_cannot_hold_come_back_as_strings(api: TestClient) -> None:
    [row] = rows(api, "RETURN 0.0 / 0.0 AS nan, 1.0 / 0.0 AS inf, -1.0 / 0.0 AS minus")
    assert row == {"nan": "NaN", "inf": "Infinity", "minus": "-Infinity"}


def test_the_listed_read_procedures_run(api: TestClient) -> None:
    labels = {r["label"] for r in rows(api, "CALL db.labels() YIELD label RETURN label")}
    assert {"Actor", "Person", "State", "Interaction", "Call", "Statement"} <= labels
    assert rows(api, "CALL db.schema.visualization()")[0].keys() == {"nodes", "relationships"}
    [kernel] = rows(api, "CALL dbms.components() YIELD name, edition RETURN name, edition")
    assert kernel == {"name": "Neo4j Kernel", "edition": "community"}


def test_a_mention_of_load_csv_inside_a_string_is_data(api: TestClient) -> None:
    assert rows(api, "RETURN 'LOAD CSV' AS words; // LOAD CSV in a comment") == [
        {"words": "LOAD CSV"}
    ]


# ------------------------------------------------------------------ row cap


def test_more_rows_than_the_cap_are_cut_at_the_cap_and_flagged(api: TestClient) -> None:
    body = cypher(api, "UNWIND range(1, 2500) AS x RETURN x").json()
    assert len(body["rows"]) == 1000
    assert body["rows"][-1] == {"x": 1000}
    assert body["truncated"] is True


def test_exactly_the_cap_is_not_truncated(api: TestClient) -> None:
    body = cypher(api, "UNWIND range(1, 1000) AS x RETURN x").json()
    assert len(body["rows"]) == 1000
    assert body["truncated"] is False


def test_the_row_cap_comes_from_the_settings(seeded: Driver, test_settings: Settings) -> None:
    capped = test_settings.model_copy(update={"actorgraph_row_cap": 3})
    with TestClient(create_app(capped)) as client:
        body = cypher(client, "MATCH (p:Person) RETURN p.id AS id").json()
    assert len(body["rows"]) == 3
    assert body["truncated"] is True


# ------------------------------------------------------------------ read-only

WRITES = {
    "create": "CREATE (:Probe {id: 'x'})",
    "merge": "MERGE (p:Probe {id: 'x'}) RETURN p",
    "set": "MATCH (a:Actor {id: 'vladimir-putin'}) SET a.name = 'x' RETURN a",
    "set-label": "MATCH (a:Actor {id: 'vladimir-putin'}) SET a:Probe",
    "delete": "MATCH (s:Statement) DELETE s",
    "detach-delete": "MATCH (n) DETACH DELETE n",
    "remove": "MATCH (a:Actor {id: 'vladimir-putin'}) REMOVE a.name",
    "remove-label": "MATCH (a:Actor) REMOVE a:Actor",
    "foreach": "MATCH (a:Actor) FOREACH (x IN [1] | SET a.probe = x)",
    "write-in-subquery": "CALL () { CREATE (:Probe) } RETURN 1 AS one",
    "in-transactions": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "read-in-transactions": "UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y",
    "create-index": "CREATE INDEX probe_index FOR (n:Probe) ON (n.id)",
    "create-constraint": "CREATE CONSTRAINT probe_id FOR (n:Probe) REQUIRE n.id IS UNIQUE",
    "drop-constraint": "DROP CONSTRAINT actor_id_gen IF EXISTS",
    "drop-index": "DROP INDEX actor_gen IF EXISTS",
    "write-procedure": "CALL db.createLabel('Probe')",
    "write-procedure-2": "CALL db.createProperty('probe')",
    "unlisted-procedure": "CALL dbms.listConfig() YIELD name RETURN name",
    "cache-procedure": "CALL db.clearQueryCaches()",
    "dbms-read-then-write": "CALL dbms.components() YIELD name CREATE (:Probe {name: name})",
    "create-user": "CREATE USER probe SET PASSWORD 'probe-password' CHANGE NOT REQUIRED",
    "alter-user": "ALTER USER neo4j SET PASSWORD 'probe-password'",
    "stop-database": "STOP DATABASE neo4j",
    "create-database": "CREATE DATABASE probe",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "show-transactions": "SHOW TRANSACTIONS",
    "show-settings": "SHOW SETTINGS",
    "show-procedures": "SHOW PROCEDURES YIELD *",
    "use-system": "USE system CALL dbms.components() YIELD name RETURN name",
    "use-system-show": "USE system SHOW USERS",
    "two-statements": "RETURN 1; CREATE (:Probe)",
    "two-statements-comment": "RETURN 1 /* ; */; // harmless\nMATCH (n) DETACH DELETE n",
    "load-csv": "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
}


@pytest.mark.parametrize("query", WRITES.values(), ids=WRITES.keys())
def test_every_way_of_writing_is_refused_and_changes_nothing(
    api: TestClient, seeded: Driver, test_settings: Settings, untouched: dict[str, Any], query: str
) -> None:
    response = cypher(api, query)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["detail"]
    assert fingerprint(seeded, test_settings.neo4j_database) == untouched


def test_show_procedures_is_refused_with_the_procedures_it_may_call(api: TestClient) -> None:
    response = cypher(api, "SHOW PROCEDURES YIELD name RETURN name")
    assert response.status_code == 400
    assert "db.labels" in response.json()["detail"]
    assert "dbms.listConfig" not in response.json()["detail"]


def test_show_functions_indexes_and_constraints_pass(api: TestClient, seeded: Driver) -> None:
    for query in (
        "SHOW FUNCTIONS YIELD name RETURN name LIMIT 3",
        "SHOW INDEXES YIELD name RETURN name",
        "SHOW CONSTRAINTS YIELD name RETURN name",
    ):
        response = cypher(api, query)
        assert response.status_code == 200, (query, response.text)
        assert response.json()["rows"], query


LOAD_CSV = [
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv from 'file:///etc/passwd' as line return line",
    "LoAd CsV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    "LOAD/* hidden */CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD // hidden\nCSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD\t\n  CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD\u00a0CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL () { LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line } RETURN line",
]


@pytest.mark.parametrize("query", LOAD_CSV)
def test_load_csv_is_refused_in_any_form(api: TestClient, query: str) -> None:
    response = cypher(api, query)
    assert response.status_code == 400, response.text
    assert "LOAD CSV" in response.json()["detail"]


@pytest.mark.parametrize("query", LOAD_CSV)
def test_the_text_check_alone_refuses_load_csv_before_neo4j_sees_it(query: str) -> None:
    with pytest.raises(Refused, match="LOAD CSV"):
        refuse_by_text(query)


def test_the_plan_check_alone_refuses_load_csv_writes_and_unlisted_procedures(
    seeded: Driver, test_settings: Settings
) -> None:
    # Each check must hold on its own: EXPLAIN plans go straight to the plan check here,
    # past the text check that would have stopped LOAD CSV first.
    refused = {}
    for name, query in {
        "load-csv": "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "write": "MATCH (a:Actor) SET a.probe = 1",
        "procedure": "CALL db.createLabel('Probe')",
    }.items():
        with seeded.session(database=test_settings.neo4j_database) as session:
            summary = session.run("EXPLAIN " + query).consume()
        with pytest.raises(Refused) as caught:
            refuse_by_plan(summary.query_type, summary.plan, test_settings.neo4j_database)
        refused[name] = str(caught.value)
    assert "LOAD CSV" in refused["load-csv"]
    assert "SET" in refused["write"]
    assert "db.createLabel" in refused["procedure"]


def test_the_read_transaction_alone_refuses_a_write(
    seeded: Driver, test_settings: Settings, untouched: dict[str, Any]
) -> None:
    # The third check, without the first two: the route's fetch in a read transaction.
    async def write_through_fetch() -> None:
        driver = AsyncGraphDatabase.driver(test_settings.bolt_uri, auth=test_settings.auth)
        try:
            async with driver.session(
                database=test_settings.neo4j_database, default_access_mode=READ_ACCESS
            ) as session:
                await session.execute_read(fetch, "CREATE (:Probe {id: 'x'})", {}, 10)
        finally:
            await driver.close()

    with pytest.raises(ClientError, match=r"(?i)write"):
        asyncio.run(write_through_fetch())
    assert fingerprint(seeded, test_settings.neo4j_database) == untouched


# ------------------------------------------------------------------ errors


def test_a_syntax_error_answers_422_with_neo4j_message_at_the_users_position(
    api: TestClient,
) -> None:
    response = cypher(api, "MATCH (n RETURN n")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "Invalid input 'RETURN'" in detail
    assert "(line 1, column 10 (offset: 9))" in detail
    assert "EXPLAIN" not in detail


def test_an_empty_query_answers_422(api: TestClient) -> None:
    assert cypher(api, "  \n ").status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "RETURN $x AS x", "params": {"x": 1180591620717411303424}}',
        '{"query": "RETURN $x AS x", "params": {"x": ["ok", "\\ud800"]}}',
        '{"query": "RETURN \'\\ud800\' AS x", "params": {}}',
    ],
    ids=["integer-beyond-64-bits", "lone-surrogate-param", "lone-surrogate-query"],
)
def test_values_neo4j_cannot_receive_answer_422_not_500(api: TestClient, body: str) -> None:
    response = api.post("/cypher", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_neo4j_down_answers_503(test_settings: Settings) -> None:
    nowhere = test_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    began = time.monotonic()
    with TestClient(create_app(nowhere)) as client:
        response = cypher(client, "RETURN 1 AS one")
    assert response.status_code == 503
    assert "not reachable" in response.json()["detail"]
    assert time.monotonic() - began < 30  # generous: the driver's timeouts are 2 s


# ------------------------------------------------------------------ time limit

RUNAWAYS = {
    "cartesian": "MATCH (a), (b), (c), (d), (e) RETURN count(a.id + b.id + c.id + d.id + e.id)",
    "var-length": "MATCH p = (a)-[*]-(b) RETURN count(p)",
}


def transactions_running(driver: Driver, database: str, marker: str) -> list[str]:
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery, status "
        "WHERE currentQuery CONTAINS $marker RETURN currentQuery + ' ' + status AS tx",
        marker=marker,
        database_=database,
        routing_="r",
    )
    return [r["tx"] for r in records]


@pytest.mark.parametrize("query", RUNAWAYS.values(), ids=RUNAWAYS.keys())
def test_a_runaway_query_stops_at_the_time_limit_and_leaves_no_transaction(
    api: TestClient, seeded: Driver, test_settings: Settings, query: str
) -> None:
    # The marker is a comment, so that SHOW TRANSACTIONS finds this test's query only.
    marker = f"runaway-{uuid.uuid4().hex}"
    began = time.monotonic()
    response = cypher(api, f"/* {marker} */ {query}")
    elapsed = time.monotonic() - began
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("stopped after 2.0 s")
    assert elapsed < 30  # the limit is 2 s; generous for a busy machine
    left: list[str] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = transactions_running(seeded, test_settings.neo4j_database, marker)
        if not left:
            break
        time.sleep(0.2)
    assert left == []


# ------------------------------------------------------------------ API key


def test_the_api_key_guards_post_cypher_when_set(seeded: Driver, test_settings: Settings) -> None:
    # model_copy does not validate, so the key goes in as the SecretStr the setting holds.
    keyed = test_settings.model_copy(update={"actorgraph_api_key": SecretStr("s3cret-key")})
    query = {"query": "RETURN 1 AS one", "params": {}}
    with TestClient(create_app(keyed)) as client:
        missing = client.post("/cypher", json=query)
        wrong = client.post("/cypher", json=query, headers={"X-API-Key": "guess"})
        # Bytes beyond ASCII, as a client may send: refused, not a 500.
        unicode = client.post(
            "/cypher", json=query, headers={"X-API-Key": "s3cret-kéy".encode("latin-1")}
        )
        right = client.post("/cypher", json=query, headers={"X-API-Key": "s3cret-key"})
        other_endpoint = client.get("/places")
    assert missing.status_code == 401
    assert wrong.status_code == 401
    assert unicode.status_code == 401
    assert right.status_code == 200
    assert right.json()["rows"] == [{"one": 1}]
    assert other_endpoint.status_code == 200


def test_without_a_key_setting_post_cypher_is_open(api: TestClient) -> None:
    assert cypher(api, "RETURN 1 AS one").status_code == 200
