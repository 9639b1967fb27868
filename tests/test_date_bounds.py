"""Dates as bounds: a date that sums up several interactions never contradicts one of them.

On the seed and a second source (tests/fixtures/mediation) that adds a call of Erdogan with
Putin on March 17, after the seed's consultation of the pair known only as on or before
March 10.
"""

from __future__ import annotations

import io

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

pytestmark = pytest.mark.neo4j

CONSULTATION = "consultation-erdogan-putin-before-antalya"


def contact(client: TestClient, actor: str, other: str) -> dict:  # type: ignore[type-arg]
    response = client.get(f"/actors/{actor}/contacts", params={"limit": 1000})
    assert response.status_code == 200, response.text
    return next(c for c in response.json() if c["actor"]["id"] == other)


def test_first_is_no_later_than_a_date_known_only_from_above(report_api: TestClient) -> None:
    putin = contact(report_api, "recep-tayyip-erdogan", "vladimir-putin")
    assert CONSULTATION in putin["interaction_ids"]
    assert (putin["first"], putin["first_bound"]) == ("2022-03-10", "on_or_before")
    assert (putin["last"], putin["last_bound"]) == ("2022-03-17", None)


def test_last_is_no_earlier_than_a_date_known_only_from_below(report_api: TestClient) -> None:
    # The talks "that began on Feb. 28" and continue: no end, so the last contact of the
    # delegations was on the last known start or after.
    talks = contact(report_api, "russian-delegation", "ukrainian-delegation")
    assert (talks["first"], talks["first_bound"]) == ("2022-02-28", None)
    assert talks["last_bound"] == "on_or_after"
    assert talks["last"] == "2022-03-18"


def test_every_contacts_first_and_last_hold_their_interactions(report_api: TestClient) -> None:
    for actor in ("vladimir-putin", "emmanuel-macron", "recep-tayyip-erdogan"):
        contacts = report_api.get(f"/actors/{actor}/contacts", params={"limit": 1000}).json()
        for c in contacts:
            dated = [report_api.get(f"/interactions/{i}").json() for i in c["interaction_ids"]]
            uppers = [d["latest"] for d in dated if d["latest"]]
            lowers = [d["earliest"] for d in dated if d["earliest"]]
            if uppers:
                assert c["first"] <= min(uppers), c
            if lowers:
                assert c["last"] >= max(lowers), c
            if c["first_bound"] is None and c["first"]:
                assert any(d["earliest"] == d["latest"] == c["first"] for d in dated), c


def test_spoke_with_carries_the_same_bounds(report_api: TestClient, graph: Driver) -> None:
    records, _, _ = graph.execute_query(
        "MATCH (d:Dataset {id: 'current'}) "
        "MATCH (:Actor {id: 'recep-tayyip-erdogan', gen: d.gen})-[s:SPOKE_WITH]-"
        "(:Actor {id: 'vladimir-putin', gen: d.gen}) "
        "RETURN toString(s.first) AS first, s.first_bound AS first_bound, "
        "toString(s.last) AS last, s.last_bound AS last_bound"
    )
    assert [dict(r) for r in records] == [
        {"first": "2022-03-10", "first_bound": "on_or_before", "last": "2022-03-17",
         "last_bound": None}
    ]  # fmt: skip


def test_the_timeline_says_which_dates_are_bounds(report_api: TestClient) -> None:
    entries = report_api.get("/timeline", params={"actor": "recep-tayyip-erdogan"}).json()
    bound = {e["id"]: e["date_bound"] for e in entries}
    assert bound[CONSULTATION] == "on_or_before"
    assert bound["call-2022-03-17-erdogan-putin"] is None
    ids = [e["id"] for e in entries]
    # Known only as on or before March 10, it comes before what happened on March 10.
    assert ids.index(CONSULTATION) < ids.index("meeting-2022-03-10-antalya-kuleba-lavrov")
    turkey = report_api.get("/timeline", params={"actor": "turkey"}).json()
    mediation = next(e for e in turkey if e["id"] == "mediation-turkey-since-invasion")
    assert (mediation["earliest"], mediation["date_bound"]) == ("2022-02-24", "on_or_after")


def test_gexf_spells_are_open_where_a_date_is_unbounded(report_api: TestClient) -> None:
    response = report_api.get("/export", params={"format": "gexf", "actor": "recep-tayyip-erdogan"})
    assert response.status_code == 200
    edge = nx.read_gexf(io.BytesIO(response.content)).edges[
        "recep-tayyip-erdogan", "vladimir-putin"
    ]
    # networkx reads an absent start back as "None".
    assert sorted(edge["spells"]) == [("2022-03-17", "2022-03-17"), ("None", "2022-03-10")]
    assert (edge["first"], edge["first_bound"], edge["last"]) == (
        "2022-03-10",
        "on_or_before",
        "2022-03-17",
    )
    assert "last_bound" not in edge
