"""The answers that skip FastAPI's model pass (api/model_json.py) are still the models'.

Contacts, interactions, mediators and path return their rows through `model_json`, not
through `response_model` validation. On the seed, every answer of theirs must validate
against the model the route declares (so against /openapi.json), and be byte for byte the
JSON that the model pass would have written from it.
"""

from __future__ import annotations

from itertools import combinations, islice
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, TypeAdapter

from api.main import ROUTERS
from api.model_json import in_model_order, model_json, shape_of
from api.schemas import Contact, Interaction, Mediator, Path


def model_of(path: str) -> Any:
    """The response model the route of `path` declares."""
    for resource in ROUTERS:
        for route in resource.router.routes:
            if isinstance(route, APIRoute) and route.path == path:
                return route.response_model
    raise AssertionError(f"no route {path}")


def assert_the_models_json(api: TestClient, route: str, url: str, **params: Any) -> Any:
    response = api.get(url, params=params)
    assert response.status_code == 200, (url, params, response.text)
    assert response.headers["content-type"] == "application/json"
    model = TypeAdapter(model_of(route))
    validated = model.validate_json(response.content)
    assert response.content == model.dump_json(validated, by_alias=True), (url, params)
    return response.json()


@pytest.mark.neo4j
def test_contacts_interactions_mediators_and_path_answer_their_models_json(
    api: TestClient,
) -> None:
    assert model_of("/actors/{actor_id}/contacts") == list[Contact]
    assert model_of("/interactions") == list[Interaction]
    assert model_of("/mediators") == list[Mediator]
    assert model_of("/path") == Path
    actors = api.get("/actors", params={"limit": 1000}).json()
    people = [a["id"] for a in actors if a["kind"] == "person"]
    states = [a["id"] for a in actors if a["kind"] == "state"]
    for actor in actors:
        route, url = "/actors/{actor_id}/contacts", f"/actors/{actor['id']}/contacts"
        assert_the_models_json(api, route, url)
        assert_the_models_json(api, route, url, since="2022-03-01", type="call")
    listed = assert_the_models_json(api, "/interactions", "/interactions", limit=1000)
    assert listed
    assert_the_models_json(api, "/interactions", "/interactions", limit=2)
    for actor, other in (("dmytro-kuleba", "sergey-lavrov"), ("vladimir-putin", None)):
        assert_the_models_json(api, "/interactions", "/interactions", actor=actor, **{
            "with": other} if other else {})  # fmt: skip
    assert states
    for a, b in islice(combinations(states, 2), 30):
        assert_the_models_json(api, "/mediators", "/mediators", a=a, b=b)
    ranked = assert_the_models_json(api, "/mediators", "/mediators", a="russia", b="ukraine")
    assert ranked
    chains = 0
    for first, last in islice(combinations(people, 2), 60):
        if api.get("/path", params={"from": first, "to": last}).status_code == 200:
            assert_the_models_json(api, "/path", "/path", **{"from": first, "to": last})
            chains += 1
    assert chains


@pytest.mark.neo4j
def test_a_paged_answer_keeps_its_link_header(api: TestClient) -> None:
    first = api.get("/interactions", params={"limit": 1})
    assert first.status_code == 200
    assert 'rel="next"' in first.headers["link"]
    assert len(first.json()) == 1


class Ref(BaseModel):
    id: str
    name: str


class Row(BaseModel):
    who: Ref
    refs: list[Ref]
    maybe: Ref | None
    tags: list[str] = Field(default=[])
    with_: list[Ref] = Field(alias="with")


def test_model_json_orders_keys_fills_defaults_and_drops_extras_as_the_model_does() -> None:
    row = {
        "extra": 1,
        "with": [{"name": "W", "id": "w"}],
        "maybe": None,
        "refs": [{"name": "B", "id": "b", "gen": 3}],
        "who": {"name": "A", "id": "a"},
    }
    model = TypeAdapter(list[Row])
    expected = model.dump_json(model.validate_python([row]), by_alias=True)
    assert model_json([row], list[Row]).body == expected
    assert in_model_order(None, shape_of(Row)) is None


def test_model_json_refuses_a_union_of_two_models() -> None:
    with pytest.raises(TypeError):
        shape_of(Ref | Row)
