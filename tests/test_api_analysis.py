"""Mediators, path, timeline and the canned-query endpoints, on the seed."""

from __future__ import annotations

import re

import pytest
from checkout import PROJECT_ROOT
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j


def mediators(api: TestClient, a: str = "russia", b: str = "ukraine") -> dict[str, dict]:  # type: ignore[type-arg]
    response = api.get("/mediators", params={"a": a, "b": b})
    assert response.status_code == 200, response.text
    return {m["actor"]["id"]: m for m in response.json()}


def reasons(mediator: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(r["kind"], r["interaction"]["id"]) for r in mediator["reasons"]}


# ------------------------------------------------------------------ mediators


def test_erdogan_and_cavusoglu_arranged_antalya_at_ukraines_request(api: TestClient) -> None:
    found = mediators(api)
    for turk in ("recep-tayyip-erdogan", "mevlut-cavusoglu"):
        assert ("arranged", "meeting-2022-03-10-antalya-kuleba-lavrov") in reasons(found[turk])
        assert ("at_request", "meeting-2022-03-10-antalya-kuleba-lavrov") in reasons(found[turk])
    quotes = {e["quote"] for e in found["recep-tayyip-erdogan"]["evidence"]}
    assert any("arranged at Ukraine's request" in q for q in quotes)


def test_macron_called_putin_at_zelenskyys_request(api: TestClient) -> None:
    macron = mediators(api)["emmanuel-macron"]
    assert ("at_request", "call-2022-02-28-macron-putin") in reasons(macron)


def test_macrons_mediation_between_its_subjects_counts_with_its_evidence(api: TestClient) -> None:
    # Judgement call 27 records Russia and Ukraine as the subjects of Macron's mediation.
    macron = mediators(api)["emmanuel-macron"]
    assert ("mediated", "mediation-macron-before-invasion") in reasons(macron)
    quotes = {
        e["quote"]
        for e in macron["evidence"]
        if e["interaction"] == "mediation-macron-before-invasion"
    }
    assert "in an effort to resolve the dispute between Russia and Ukraine" in quotes
    assert macron["score"] == 8


def test_bennett_mediated_and_spoke_with_both_sides(api: TestClient) -> None:
    bennett = mediators(api)["naftali-bennett"]
    sides = {r["side"] for r in bennett["reasons"] if r["kind"] == "took_part_with_side"}
    assert {"russia", "ukraine"} <= sides
    mediated = [r for r in bennett["reasons"] if r["kind"] == "mediated"]
    assert mediated[0]["about"]["id"] == "negotiation-2022-02-28-gomel"


def test_the_sides_and_their_people_are_not_mediators(api: TestClient) -> None:
    found = mediators(api)
    for insider in (
        "russia",
        "ukraine",
        "vladimir-putin",
        "volodymyr-zelenskyy",
        "sergey-lavrov",
        "dmytro-kuleba",
        "vladimir-medinsky",
        "russian-delegation",
        "ukrainian-delegation",
    ):
        assert insider not in found


def test_mediators_are_ranked_by_score(api: TestClient) -> None:
    scores = [m["score"] for m in mediators(api).values()]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)


def readme_score_weights() -> dict[str, int]:
    """The weights the Mediators paragraph of docs/api.md gives, as written there."""
    readme = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    start = readme.index("**Score**")
    paragraph = readme[start : readme.index("ties by id", start)]
    pairs = re.findall(r"\b([a-z_]+) (\d+)\b", " ".join(paragraph.split()))
    return {kind: int(weight) for kind, weight in pairs}


def test_every_score_is_the_readme_formula_applied_to_the_reasons(api: TestClient) -> None:
    weights = readme_score_weights()
    assert set(weights) == {
        "mediated",
        "arranged",
        "at_request",
        "hosted",
        "took_part_with_side",
        "offered",
    }
    assert weights["offered"] < min(w for kind, w in weights.items() if kind != "offered")
    found = mediators(api)
    for mediator in found.values():
        # Distinct (reason, interaction between the sides): one reached through an
        # arranging interaction counts toward the one it arranges.
        counted = {(r["kind"], (r["about"] or r["interaction"])["id"]) for r in mediator["reasons"]}
        assert mediator["score"] == sum(weights[kind] for kind, _ in counted), mediator["actor"]
    assert found["recep-tayyip-erdogan"]["score"] == 5


def test_signing_an_agreement_with_both_sides_is_not_mediating(api: TestClient) -> None:
    found = mediators(api)
    assert "france" not in found and "germany" not in found


def test_mediators_errors(api: TestClient) -> None:
    assert api.get("/mediators", params={"a": "russia", "b": "russia"}).status_code == 422
    person = api.get("/mediators", params={"a": "russia", "b": "vladimir-putin"})
    assert person.status_code == 422
    assert "not a state" in person.json()["detail"]
    assert api.get("/mediators", params={"a": "russia", "b": "atlantis"}).status_code == 404
    assert api.get("/mediators", params={"a": "russia"}).status_code == 422


# ------------------------------------------------------------------ path


def test_zelenskyy_reaches_putin_through_bennett(api: TestClient) -> None:
    response = api.get("/path", params={"from": "volodymyr-zelenskyy", "to": "vladimir-putin"})
    assert response.status_code == 200
    path = response.json()
    assert path["hops"] == 2
    assert [a["id"] for a in path["chain"]] == [
        "volodymyr-zelenskyy",
        "naftali-bennett",
        "vladimir-putin",
    ]
    assert path["via"][0]["id"] == "calls-bennett-zelenskyy"
    assert len(path["via"]) == 2
    assert all(step["evidence"] for step in path["via"])


def test_kuleba_and_lavrov_are_one_hop_apart(api: TestClient) -> None:
    path = api.get("/path", params={"from": "dmytro-kuleba", "to": "sergey-lavrov"}).json()
    assert path["hops"] == 1
    assert path["via"][0]["id"] == "meeting-2022-03-10-antalya-kuleba-lavrov"


def test_no_chain_within_one_hop_is_404(api: TestClient) -> None:
    response = api.get(
        "/path", params={"from": "volodymyr-zelenskyy", "to": "vladimir-putin", "max_hops": 1}
    )
    assert response.status_code == 404
    assert "within 1 hop" in response.json()["detail"]


def test_path_errors(api: TestClient) -> None:
    base = {"from": "volodymyr-zelenskyy", "to": "vladimir-putin"}
    assert api.get("/path", params={**base, "max_hops": 7}).status_code == 422
    assert api.get("/path", params={**base, "kinds": "people"}).status_code == 422
    assert api.get("/path", params={**base, "to": "volodymyr-zelenskyy"}).status_code == 422
    assert api.get("/path", params={**base, "to": "nobody"}).status_code == 404


def test_path_kinds_let_states_stand_between(api: TestClient) -> None:
    # Through persons, Zelenskyy reaches France via Bennett and Putin (Minsk, 2015); with
    # states allowed, via Ukraine, which applied with him and signed at Minsk with France.
    persons = api.get("/path", params={"from": "volodymyr-zelenskyy", "to": "france"}).json()
    assert [a["id"] for a in persons["chain"]][1:3] == ["naftali-bennett", "vladimir-putin"]
    wider = api.get(
        "/path",
        params={"from": "volodymyr-zelenskyy", "to": "france", "kinds": "person,state"},
    ).json()
    assert wider["hops"] < persons["hops"]
    assert [a["id"] for a in wider["chain"]] == ["volodymyr-zelenskyy", "ukraine", "france"]


# ------------------------------------------------------------------ timeline


def test_macrons_timeline_of_early_march(api: TestClient) -> None:
    response = api.get(
        "/timeline",
        params={"actor": "emmanuel-macron", "since": "2022-03-01", "until": "2022-03-12"},
    )
    assert response.status_code == 200
    entries = response.json()
    kinds = {e["kind"] for e in entries}
    assert kinds == {"interaction", "statement"}
    call = next(e for e in entries if e["id"] == "call-2022-03-10-macron-scholz-putin")
    assert {a["id"] for a in call["with"]} == {"olaf-scholz", "vladimir-putin"}
    dates = [e["earliest"] or e["latest"] for e in entries]
    assert dates == sorted(dates)
    assert all((e["latest"] or e["earliest"]) >= "2022-03-01" for e in entries)
    said = next(e for e in entries if e["id"] == "macron-2022-03-03-lying-to-yourself")
    assert "lying to yourself" in said["quote"]


def test_timeline_errors(api: TestClient) -> None:
    assert api.get("/timeline", params={"actor": "nobody"}).status_code == 404
    assert api.get("/timeline").status_code == 422
    assert (
        api.get("/timeline", params={"actor": "emmanuel-macron", "since": "x"}).status_code == 422
    )


# ------------------------------------------------------------------ canned queries


def test_catalogue_lists_every_endpoint_query(api: TestClient) -> None:
    catalogue = {q["name"]: q for q in api.get("/queries").json()}
    assert {"contacts", "interactions", "mediators", "path", "timeline"} <= set(catalogue)
    contacts = catalogue["contacts"]
    assert contacts["browser_params"].startswith(":param {actor: 'vladimir-putin'")
    assert [p["name"] for p in contacts["params"]] == [
        "actor",
        "since",
        "until",
        "type",
        "skip",
        "limit",
    ]
    assert contacts["params"][0]["required"] is True


def test_running_the_contacts_query_by_name(api: TestClient) -> None:
    response = api.get("/queries/contacts", params={"actor": "vladimir-putin", "type": "call"})
    assert response.status_code == 200
    result = response.json()
    assert "actor" in result["columns"]
    assert "olaf-scholz" in {row["actor"]["id"] for row in result["rows"]}


def test_running_the_path_query_with_a_list_parameter(api: TestClient) -> None:
    response = api.get(
        "/queries/path",
        params={"from": "dmytro-kuleba", "to": "sergey-lavrov", "max_hops": "2", "kinds": "person"},
    )
    assert response.status_code == 200
    assert response.json()["rows"][0]["hops"] == 1


def test_canned_query_errors(api: TestClient) -> None:
    assert api.get("/queries/nope").status_code == 404
    assert api.get("/queries/contacts").status_code == 422  # actor is required
    assert api.get("/queries/contacts", params={"actor": "x", "bogus": "1"}).status_code == 422
    bad_date = api.get("/queries/contacts", params={"actor": "x", "since": "March"})
    assert bad_date.status_code == 422
    assert "ISO date" in bad_date.json()["detail"]


def test_openapi_describes_every_endpoint(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for operation in methods.values():
            assert operation.get("summary"), path
            assert operation.get("description"), path
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, parameter["name"])
