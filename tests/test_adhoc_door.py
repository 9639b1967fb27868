"""The ad hoc door cannot be held open: a few queries at a time, the rest 429, and the
canned queries keep answering while it is full."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app
from api.routes.cypher import TRANSACTION_METADATA

pytestmark = pytest.mark.neo4j

# Runs until the time limit stops it (UNWIND checks for termination between rows).
SLOW = "UNWIND range(1, 10000000000) AS x RETURN count(x) AS n"
CANNED = "/actors/vladimir-putin/contacts"


@pytest.fixture(scope="module")
def api(seeded: Driver, test_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(test_settings)) as client:
        yield client


def cypher(api: TestClient, query: str) -> Any:
    return api.post("/cypher", json={"query": query, "params": {}})


def test_a_query_over_the_limit_gets_429_while_others_still_run_on_the_server(
    api: TestClient, seeded: Driver, test_settings: Settings
) -> None:
    limit = test_settings.actorgraph_cypher_concurrency
    # Transactions as POST /cypher leaves them when Neo4j has not yet ended them: open,
    # with the door's metadata, whichever API process started them.
    sessions = [seeded.session(database=test_settings.neo4j_database) for _ in range(limit)]
    open_ones = [s.begin_transaction(metadata=TRANSACTION_METADATA) for s in sessions]
    try:
        for tx in open_ones:
            tx.run("RETURN 1").consume()
        busy = cypher(api, "RETURN 1 AS one")
        assert busy.status_code == 429, busy.text
        assert busy.headers["retry-after"] == "2"
        assert "at most 2 run at once" in busy.json()["detail"]
        assert api.get(CANNED).status_code == 200
    finally:
        for tx, session in zip(open_ones, sessions, strict=True):
            tx.close()
            session.close()
    assert cypher(api, "RETURN 1 AS one").status_code == 200


def test_a_flood_of_the_door_gets_429s_and_the_canned_queries_keep_answering(
    api: TestClient,
) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        flood = [pool.submit(cypher, api, SLOW) for _ in range(10)]
        canned = [api.get(CANNED) for _ in range(5)]
        answers = [future.result() for future in flood]
    codes = sorted(answer.status_code for answer in answers)
    assert set(codes) <= {422, 429}, [a.text for a in answers]
    assert codes.count(429) >= 1
    assert all("time limit" in a.json()["detail"] for a in answers if a.status_code == 422)
    assert all(response.status_code == 200 for response in canned)
    # The door opens again once Neo4j has ended the flood's transactions (on a busy machine
    # that may take a few seconds after the answers); bounded, so a stuck door fails.
    deadline = time.monotonic() + 30
    while cypher(api, "RETURN 1 AS one").status_code == 429 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert cypher(api, "RETURN 1 AS one").status_code == 200
