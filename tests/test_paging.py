"""Every list pages: walking the Link headers gives each row exactly once."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from checkout import PROJECT_ROOT
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app
from loader.load import load_paths

pytestmark = pytest.mark.neo4j

NEXT = re.compile(r'^<(?P<url>[^>]+)>; rel="next"$')
LISTS = [
    "/actors",
    "/actors/vladimir-putin/contacts",
    "/interactions",
    "/statements",
    "/timeline?actor=volodymyr-zelenskyy",
    "/places",
    "/search?q=Ukraine",
]


@pytest.fixture(scope="module")
def api(seeded: Driver, test_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(test_settings)) as client:
        yield client


def with_limit(url: str, limit: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}limit={limit}"


def walk(api: TestClient, url: str) -> tuple[list[Any], int]:
    """Every row by following rel="next", and the number of pages."""
    rows: list[Any] = []
    pages = 0
    next_url: str | None = url
    while next_url is not None:
        response = api.get(next_url)
        assert response.status_code == 200, response.text
        rows += response.json()
        pages += 1
        link = response.headers.get("link")
        next_url = NEXT.match(link)["url"] if link else None  # type: ignore[index]
        assert pages <= 1000, "a page loop that never ends"
    return rows, pages


@pytest.mark.parametrize("url", LISTS)
def test_walking_every_page_gives_each_row_exactly_once(api: TestClient, url: str) -> None:
    everything = api.get(with_limit(url, 1000))
    assert "link" not in everything.headers
    expected = everything.json()
    assert len(expected) >= 3, url
    page_size = max(1, len(expected) // 3)
    rows, pages = walk(api, with_limit(url, page_size))
    assert rows == expected
    assert pages == -(-len(expected) // page_size)


def test_a_list_answers_100_rows_by_default_and_at_most_1000(api: TestClient) -> None:
    assert len(api.get("/actors").json()) <= 100
    assert api.get("/actors?limit=1001").status_code == 422
    assert api.get("/actors?limit=0").status_code == 422


def test_csv_pages_the_same_way(api: TestClient) -> None:
    response = api.get("/interactions?format=csv&limit=5")
    assert response.status_code == 200
    assert response.text.count("\n") == 6  # a header and five rows
    link = NEXT.match(response.headers["link"])
    assert link and "format=csv" in link["url"] and "cursor=" in link["url"]
    assert api.get(link["url"]).headers["content-type"].startswith("text/csv")


def cursor_of(api: TestClient, url: str) -> str:
    link = NEXT.match(api.get(url).headers["link"])
    assert link
    return link["url"].rsplit("cursor=", 1)[1]


def test_a_tampered_cursor_is_a_422_that_says_so(api: TestClient) -> None:
    cursor = cursor_of(api, "/actors?limit=5")
    body, checksum = cursor.split(".")
    forged = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + checksum
    for bad in (forged, "nonsense", cursor[:-1]):
        response = api.get(f"/actors?limit=5&cursor={bad}")
        assert response.status_code == 422
        assert "altered" in response.json()["detail"]


def test_a_cursor_of_another_query_is_a_422_that_says_so(api: TestClient) -> None:
    cursor = cursor_of(api, "/actors?limit=5")
    for other in ("/places?limit=5", "/actors?limit=5&kind=person"):
        response = api.get(f"{other}&cursor={cursor}")
        assert response.status_code == 422, other
        assert "another query" in response.json()["detail"]


def test_a_cursor_from_before_a_reload_says_to_start_again(
    api: TestClient, seeded: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    cursor = cursor_of(api, "/interactions?limit=5")
    load_paths(
        seeded,
        [PROJECT_ROOT / "data"],
        database=test_settings.neo4j_database,
        sources_dir=test_settings.actorgraph_sources,
    )
    response = api.get(f"/interactions?limit=5&cursor={cursor}")
    assert response.status_code == 422
    assert "start again" in response.json()["detail"]


@pytest.fixture(scope="module")
def synth_100k(
    graph: Driver, test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """100k synthetic interactions, loaded into the suite's Neo4j by the real loader."""
    from loader.synth import generate

    folder = tmp_path_factory.mktemp("synth-100k")
    generate(folder, actors=2_000, interactions=100_000, seed=5, per_file=10_000)
    load_paths(
        graph,
        [folder],
        database=test_settings.neo4j_database,
        sources_dir=folder / "sources",
        wipe_first=True,
    )
    with TestClient(create_app(test_settings)) as client:
        yield client


@pytest.mark.soak
def test_walking_every_list_of_a_100k_graph_gives_each_row_once(synth_100k: TestClient) -> None:
    actor = "person-000000"  # synth's busiest actor: the first of its skewed degrees
    for url in (
        "/actors",
        f"/actors/{actor}/contacts",
        "/interactions",
        "/statements",
        f"/timeline?actor={actor}",
        "/places",
        "/search?q=talks",
    ):
        rows, pages = walk(synth_100k, with_limit(url, 1000))
        keys = [json.dumps(row, sort_keys=True) for row in rows]
        assert len(keys) == len(set(keys)), url
        assert len(rows) > 0, url
        if url == "/interactions":
            assert len(rows) == 100_000 and pages == 100
