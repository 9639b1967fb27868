"""Ids other datasets know: Wikidata items, the states' ISO 3166-1 codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from checkout import PROJECT_ROOT
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app
from loader.dataset import country

SEED = PROJECT_ROOT / "data" / "cameron-2022-03-21.yaml"


def seed_actors() -> list[dict[str, object]]:
    actors: list[dict[str, object]] = yaml.safe_load(Path(SEED).read_text())["actors"]
    return actors


def test_every_seed_state_has_its_iso_code_and_nothing_else_has_one() -> None:
    for actor in seed_actors():
        if actor.get("kind") == "state":
            assert actor.get("iso"), actor["id"]
            assert country(str(actor["iso"])) is not None, actor["id"]
        else:
            assert "iso" not in actor, actor["id"]


def test_seed_wikidata_ids_have_the_form_and_are_not_shared() -> None:
    given = [str(a["wikidata"]) for a in seed_actors() if "wikidata" in a]
    assert given and all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in given)
    assert len(given) == len(set(given))


@pytest.fixture(scope="module")
def api(seeded: Driver, test_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(test_settings)) as client:
        yield client


@pytest.mark.neo4j
def test_the_api_returns_the_ids_and_finds_an_actor_by_wikidata(api: TestClient) -> None:
    found = api.get("/actors", params={"wikidata": "Q7747"}).json()
    assert [a["id"] for a in found] == ["vladimir-putin"]
    russia = api.get("/actors/russia").json()
    assert (russia["iso2"], russia["iso3"], russia["wikidata"]) == ("RU", "RUS", "Q159")
    states = api.get("/actors", params={"kind": "state", "limit": 1000}).json()
    assert all(s["iso2"] and len(s["iso3"]) == 3 for s in states)
    person = api.get("/actors/mykhailo-podoliak").json()
    assert person["iso2"] is None and person["wikidata"] is None
    assert api.get("/actors", params={"wikidata": "7747"}).status_code == 422
