"""GET /search: full-text over names, statements and evidence quotes, on the seed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def api(seeded: Driver, test_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(test_settings)) as client:
        yield client


def search(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = api.get("/search", params=params)
    assert response.status_code == 200, response.text
    hits: list[dict[str, Any]] = response.json()
    return hits


def marked(hit: dict[str, Any]) -> list[str]:
    return [hit["text"][start:end].lower() for start, end in hit["marks"]]


def test_where_anyone_said_security_guarantees(api: TestClient) -> None:
    hits = search(api, q='"security guarantees"')
    assert hits and all(h["kind"] in ("statement", "evidence") for h in hits)
    assert all(marked(h) == ["security", "guarantees"] for h in hits)
    assert all(h["source"] == "cameron-2022-03-21" for h in hits)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert any(h["record"]["label"] == "Mykhailo Podoliak" for h in hits)


def test_names_match_without_diacritics(api: TestClient) -> None:
    hits = search(api, q="Çavuşoğlu", kinds=["actor"])
    assert [h["record"]["id"] for h in hits] == ["mevlut-cavusoglu"]
    assert marked(hits[0]) == ["cavusoglu"]


def test_kinds_and_dates_narrow_the_hits(api: TestClient) -> None:
    every = search(api, q="Ukraine", limit=1000)
    assert {h["kind"] for h in every} == {"actor", "statement", "evidence"}
    quotes = search(api, q="Ukraine", kinds=["evidence"], limit=1000)
    assert quotes and {h["kind"] for h in quotes} == {"evidence"}
    dated = search(api, q="Ukraine", since="2022-03-01", until="2022-03-10", limit=1000)
    assert dated and all(h["kind"] != "actor" for h in dated)
    for h in dated:
        # A date range that may overlap the window: an open end may fall inside it.
        assert h["earliest"] or h["latest"]
        assert h["latest"] is None or h["latest"] >= "2022-03-01"
        assert h["earliest"] is None or h["earliest"] <= "2022-03-10"
    assert len(search(api, q="Ukraine", limit=3)) == 3


def test_a_query_lucene_cannot_parse_is_a_422_with_the_parsers_message(api: TestClient) -> None:
    response = api.get("/search", params={"q": "AND ("})
    assert response.status_code == 422
    assert "Encountered" in response.json()["detail"]
    assert "Was expecting" not in response.json()["detail"]
    assert api.get("/search", params={"q": "x", "limit": 1001}).status_code == 422


def test_a_bare_operator_is_a_422_that_says_how_to_search_for_the_word(api: TestClient) -> None:
    response = api.get("/search", params={"q": "AND"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "Lucene operator" in detail and "lower case (and)" in detail
    assert api.get("/search", params={"q": "and"}).status_code == 200


def test_a_spelling_the_graph_lacks_finds_the_close_names_and_says_so(api: TestClient) -> None:
    hits = search(api, q="Zelensky", kinds="actor")
    assert [h["record"]["id"] for h in hits][:1] == ["volodymyr-zelenskyy"]
    assert {h["loosened_query"] for h in hits} == {"Zelensky~"}
    assert marked(hits[0]) == ["zelenskyy"]
    # As typed where it matches: nothing is loosened.
    assert {h["loosened_query"] for h in search(api, q="Zelenskyy")} == {None}
    assert search(api, q="Qwxzvbnmt") == []


def test_loosened_hits_page_on(api: TestClient) -> None:
    first = api.get("/search", params={"q": "Ukrainn", "limit": 2})
    assert first.status_code == 200 and len(first.json()) == 2
    following = first.links["next"]["url"]
    second = api.get(following)
    assert second.status_code == 200, second.text
    assert second.json() and {h["loosened_query"] for h in second.json()} == {"Ukrainn~"}
