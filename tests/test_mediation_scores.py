"""Every reason of the mediators' score, held and not held, on the seed and a second source.

The report (tests/fixtures/mediation/report-2022-03-18.yaml) records mediations as
data/README.md says (the parties as subjects), an offer to mediate, a summit proposed with
its would-be arranger and venue, a meeting offered at Ukraine's request and a held call that
proposed it, and a planned call.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_api_analysis import mediators, readme_score_weights, reasons

pytestmark = pytest.mark.neo4j

ISTANBUL = "meeting-putin-zelenskyy-istanbul-proposed"
JERUSALEM = "meeting-putin-zelenskyy-jerusalem-proposed"


@pytest.fixture(scope="module")
def client(report_api: TestClient) -> TestClient:
    return report_api


def test_a_held_mediation_between_its_subjects_is_mediated(client: TestClient) -> None:
    found = mediators(client)
    assert reasons(found["roman-abramovich"]) == {("mediated", "mediation-abramovich")}
    assert found["roman-abramovich"]["score"] == 3
    assert ("mediated", "mediation-turkey-since-invasion") in reasons(found["turkey"])
    assert ("mediated", "mediation-macron-before-invasion") in reasons(found["emmanuel-macron"])


def test_a_proposed_mediation_is_an_offer_and_scores_nothing(client: TestClient) -> None:
    switzerland = mediators(client)["switzerland"]
    assert reasons(switzerland) == {("offered", "mediation-switzerland-offered")}
    assert switzerland["score"] == 0


def test_the_arranger_of_a_proposed_summit_only_offered_it(client: TestClient) -> None:
    bennett = reasons(mediators(client)["naftali-bennett"])
    assert ("offered", JERUSALEM) in bennett
    assert ("arranged", JERUSALEM) not in bennett
    # His held effort still counts.
    assert ("mediated", "mediation-bennett-toward-talks") in bennett


def test_an_offered_venue_is_no_hosting(client: TestClient) -> None:
    found = mediators(client)
    assert reasons(found["israel"]) == {("offered", JERUSALEM)}
    assert found["israel"]["score"] == 0
    turkey = reasons(found["turkey"])
    assert ("offered", ISTANBUL) in turkey and ("hosted", ISTANBUL) not in turkey
    assert ("hosted", "meeting-2022-03-10-antalya-kuleba-lavrov") in turkey


def test_an_offer_at_one_sides_request_earns_no_at_request(client: TestClient) -> None:
    erdogan = mediators(client)["recep-tayyip-erdogan"]
    kinds = {kind for kind, interaction in reasons(erdogan) if interaction == ISTANBUL}
    assert kinds == {"offered"}
    assert ("at_request", "meeting-2022-03-10-antalya-kuleba-lavrov") in reasons(erdogan)


def test_a_held_call_that_proposed_a_meeting_not_held_is_an_offer(client: TestClient) -> None:
    erdogan = mediators(client)["recep-tayyip-erdogan"]
    through = [
        r for r in erdogan["reasons"] if r["interaction"]["id"] == "call-2022-03-17-erdogan-putin"
    ]
    assert [(r["kind"], r["about"]["id"]) for r in through] == [("offered", ISTANBUL)]
    # Antalya (arranged 3, at_request 2) as on the seed alone: the offers add nothing.
    assert erdogan["score"] == 5


def test_a_planned_call_is_no_contact_with_a_side(client: TestClient) -> None:
    bennett = mediators(client)["naftali-bennett"]
    ids = {r["interaction"]["id"] for r in bennett["reasons"]}
    assert "call-2022-03-19-bennett-zelenskyy-planned" not in ids
    sides = {r["side"] for r in bennett["reasons"] if r["kind"] == "took_part_with_side"}
    assert sides == {"russia", "ukraine"}


def test_every_offer_names_an_interaction_not_held_and_every_other_reason_a_held_one(
    client: TestClient,
) -> None:
    for mediator in mediators(client).values():
        for reason in mediator["reasons"]:
            statuses = {reason["interaction"]["status"], (reason["about"] or {}).get("status")}
            if reason["kind"] == "offered":
                assert statuses - {"held", None}, reason
            else:
                assert statuses <= {"held", None}, reason


def test_scores_with_offers_follow_the_documented_weights(client: TestClient) -> None:
    weights = readme_score_weights()
    found = mediators(client)
    for mediator in found.values():
        counted = {(r["kind"], (r["about"] or r["interaction"])["id"]) for r in mediator["reasons"]}
        assert mediator["score"] == sum(weights[kind] for kind, _ in counted)
    ranked = list(found)
    assert ranked.index("roman-abramovich") < ranked.index("israel")
    assert [m["score"] for m in found.values()][-2:] == [0, 0]
