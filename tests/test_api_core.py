"""The core reads (actors, contacts, interactions, statements, sources, places) on the seed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j

SOURCE = "cameron-2022-03-21"


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def contact_ids(api: TestClient, actor: str, **params: str) -> list[str]:
    response = api.get(f"/actors/{actor}/contacts", params=params)
    assert response.status_code == 200, response.text
    return [c["actor"]["id"] for c in response.json()]


# ------------------------------------------------------------------ actors


def test_actor_search_ignores_case_diacritics_and_punctuation(api: TestClient) -> None:
    assert ids(api.get("/actors", params={"q": "Mevlüt Çavuşoğlu"}).json()) == ["mevlut-cavusoglu"]
    assert "united-states" in ids(api.get("/actors", params={"q": "u.s."}).json())


def test_actor_search_matches_aliases(api: TestClient) -> None:
    # "Kiev" is recorded as an alias of the state, not the city.
    assert "ukraine" in ids(api.get("/actors", params={"q": "kiev"}).json())


def test_actor_search_by_kind_returns_only_that_kind(api: TestClient) -> None:
    states = api.get("/actors", params={"kind": "state"}).json()
    assert {"russia", "ukraine", "turkey"} <= set(ids(states))
    assert {a["kind"] for a in states} == {"state"}
    assert set(states[0]) == {"id", "name", "kind", "aliases", "wikidata", "iso2", "iso3"}


def test_actor_search_refuses_an_unknown_kind_listing_the_allowed_ones(api: TestClient) -> None:
    response = api.get("/actors", params={"kind": "nation"})
    assert response.status_code == 422
    assert "person, state, organization" in response.json()["detail"]


def test_putin_is_president_of_russia_with_the_quote(api: TestClient) -> None:
    putin = api.get("/actors/vladimir-putin").json()
    assert putin["name"] == "Vladimir Putin"
    presidency = next(a for a in putin["affiliations"] if a["id"] == "putin-president-of-russia")
    assert presidency["organization"]["id"] == "russia"
    assert presidency["role"] == "President"
    assert presidency["evidence"][0]["quote"] == "Russian President Vladimir Putin"


def test_medinsky_headed_the_russian_delegation_from_feb_28(api: TestClient) -> None:
    medinsky = api.get("/actors/vladimir-medinsky").json()
    head = next(
        a for a in medinsky["affiliations"] if a["organization"]["id"] == "russian-delegation"
    )
    assert head["role"] == "head of delegation"
    assert head["earliest"] == "2022-02-28"


def test_a_state_lists_its_delegation_and_the_people_in_its_posts(api: TestClient) -> None:
    russia = api.get("/actors/russia").json()
    members = {(m["kind"], m["member"]["id"]) for m in russia["memberships"]}
    assert ("part_of", "russian-delegation") in members
    assert "sergey-lavrov" in {a["person"]["id"] for a in russia["affiliations"]}
    for membership in russia["memberships"]:
        assert membership["evidence"], membership["id"]


def test_unknown_actor_is_404_with_a_plain_detail(api: TestClient) -> None:
    response = api.get("/actors/nobody")
    assert response.status_code == 404
    assert response.json() == {"detail": "no actor 'nobody'"}


# ------------------------------------------------------------------ contacts


def test_putin_spoke_directly_with_macron_scholz_bennett_and_erdogan(api: TestClient) -> None:
    contacts = contact_ids(api, "vladimir-putin")
    assert {
        "emmanuel-macron",
        "olaf-scholz",
        "naftali-bennett",
        "recep-tayyip-erdogan",
        "alexander-lukashenko",
    } <= set(contacts)
    # Macron's many calls make him the most frequent.
    assert contacts[0] == "emmanuel-macron"


def test_zelenskyy_and_putin_are_not_direct_contacts(api: TestClient) -> None:
    # Macron's Feb 28 call was at Zelenskyy's request, and the leaders' meeting is only
    # proposed: neither is a contact.
    assert "volodymyr-zelenskyy" not in contact_ids(api, "vladimir-putin")
    assert "vladimir-putin" not in contact_ids(api, "volodymyr-zelenskyy")
    assert "naftali-bennett" in contact_ids(api, "volodymyr-zelenskyy")


def test_arrangers_of_the_antalya_meeting_are_not_contacts_of_kuleba(api: TestClient) -> None:
    contacts = contact_ids(api, "dmytro-kuleba")
    assert "sergey-lavrov" in contacts
    assert "recep-tayyip-erdogan" not in contacts
    assert "mevlut-cavusoglu" not in contacts


def test_contact_counts_the_three_way_calls(api: TestClient) -> None:
    contacts = api.get("/actors/olaf-scholz/contacts").json()
    macron = next(c for c in contacts if c["actor"]["id"] == "emmanuel-macron")
    assert {"call-2022-03-10-macron-scholz-putin", "call-2022-03-12-macron-scholz-putin"} <= set(
        macron["interaction_ids"]
    )
    assert macron["interactions"] >= 2
    assert "call" in macron["types"]
    assert macron["sources"] == 1
    assert macron["source_ids"] == [SOURCE]
    # Their joint mediation effort is known only as before Feb 28: the first contact was then
    # or earlier, not on their first three-way call (Mar 10).
    assert (macron["first"], macron["first_bound"]) == ("2022-02-28", "on_or_before")
    assert (macron["last"], macron["last_bound"]) == ("2022-03-12", None)


def test_contacts_window_keeps_overlapping_interactions(api: TestClient) -> None:
    # Erdogan spoke with Putin some time up to Mar 10; Lukashenko met him on Mar 11.
    later = contact_ids(api, "vladimir-putin", since="2022-03-11")
    assert "alexander-lukashenko" in later
    assert "recep-tayyip-erdogan" not in later
    earlier = contact_ids(api, "vladimir-putin", until="2022-02-24")
    assert "emmanuel-macron" in earlier
    assert "olaf-scholz" not in earlier


def test_contacts_by_type_keep_only_that_type(api: TestClient) -> None:
    calls = contact_ids(api, "vladimir-putin", type="call")
    assert "olaf-scholz" in calls
    assert "alexander-lukashenko" not in calls


def test_contacts_errors(api: TestClient) -> None:
    assert api.get("/actors/nobody/contacts").status_code == 404
    assert api.get("/actors/vladimir-putin/contacts?since=2022-13-01").status_code == 422
    assert api.get("/actors/vladimir-putin/contacts?type=chat").status_code == 422
    window = api.get("/actors/vladimir-putin/contacts?since=2022-03-10&until=2022-03-01")
    assert window.status_code == 422


# ------------------------------------------------------------------ interactions


def test_kuleba_and_lavrov_met_in_antalya_on_mar_10_at_ukraines_request(api: TestClient) -> None:
    response = api.get("/interactions", params={"actor": "dmytro-kuleba", "with": "sergey-lavrov"})
    assert response.status_code == 200
    [meeting] = [i for i in response.json() if i["type"] == "meeting"]
    assert meeting["id"] == "meeting-2022-03-10-antalya-kuleba-lavrov"
    assert meeting["date"] == "2022-03-10"
    assert meeting["date_precision"] == "day"
    assert meeting["place"] == {"id": "antalya", "name": "Antalya"}
    roles = {(p["actor"]["id"], p["role"], p["took_part"]) for p in meeting["participants"]}
    assert ("ukraine", "requester", False) in roles
    assert ("recep-tayyip-erdogan", "arranger", False) in roles
    assert ("mevlut-cavusoglu", "arranger", False) in roles
    assert ("turkey", "venue_state", False) in roles
    assert meeting["sources"] == 1
    assert any("arranged at Ukraine's request" in e["quote"] for e in meeting["evidence"])


def test_macron_scholz_and_putin_held_three_way_calls_on_mar_10_and_12(api: TestClient) -> None:
    calls = api.get(
        "/interactions",
        params={"actor": "olaf-scholz", "with": "vladimir-putin", "type": "call"},
    ).json()
    three_way = [
        c
        for c in calls
        if {p["actor"]["id"] for p in c["participants"] if p["took_part"]}
        == {"emmanuel-macron", "olaf-scholz", "vladimir-putin"}
    ]
    assert [c["date"] for c in three_way] == ["2022-03-10", "2022-03-12"]


def test_zelenskyy_and_putin_never_held_an_interaction_together(api: TestClient) -> None:
    held = api.get(
        "/interactions",
        params={"actor": "volodymyr-zelenskyy", "with": "vladimir-putin", "status": "held"},
    )
    assert held.status_code == 200
    assert held.json() == []
    # The meeting between them is only proposed.
    proposed = api.get(
        "/interactions", params={"actor": "volodymyr-zelenskyy", "with": "vladimir-putin"}
    ).json()
    assert {i["status"] for i in proposed} == {"proposed"}


def test_interactions_are_in_date_order_with_undated_last(api: TestClient) -> None:
    items = api.get("/interactions", params={"limit": 1000}).json()
    keys = [i["earliest"] or i["latest"] for i in items]
    dated = [k for k in keys if k is not None]
    assert dated == sorted(dated)
    assert keys[: len(dated)] == dated  # undated ones come last
    assert keys[-1] is None


def test_interactions_window_overlaps_and_pages(api: TestClient) -> None:
    window = api.get(
        "/interactions", params={"since": "2022-03-10", "until": "2022-03-10", "type": "call"}
    ).json()
    assert "call-2022-03-10-macron-scholz-putin" in ids(window)
    assert "call-2022-03-12-macron-scholz-putin" not in ids(window)
    everything = ids(api.get("/interactions", params={"limit": 1000}).json())
    page = ids(api.get("/interactions", params={"limit": 2, "offset": 1}).json())
    assert page == everything[1:3]


def test_interactions_errors(api: TestClient) -> None:
    response = api.get("/interactions", params={"with": "sergey-lavrov"})
    assert response.status_code == 422
    assert response.json() == {"detail": "`with` needs `actor`"}
    assert api.get("/interactions", params={"status": "done"}).status_code == 422
    assert api.get("/interactions", params={"since": "10 March"}).status_code == 422
    assert api.get("/interactions", params={"limit": 0}).status_code == 422
    assert api.get("/interactions", params={"actor": "nobody"}).status_code == 404


def test_one_interaction_links_what_arranged_it_and_what_was_said(api: TestClient) -> None:
    meeting = api.get("/interactions/meeting-2022-03-10-antalya-kuleba-lavrov").json()
    arranged_by = {
        link["interaction"]["id"]
        for link in meeting["links"]
        if link["relation"] == "arranges" and link["direction"] == "incoming"
    }
    assert {
        "consultation-erdogan-putin-before-antalya",
        "consultation-cavusoglu-lavrov-before-antalya",
    } <= arranged_by
    said = {(s["speaker"]["id"], s["quote"]) for s in meeting["statements"] if s["speaker"]}
    assert any(
        speaker == "mevlut-cavusoglu" and "expecting miracles" in (quote or "")
        for speaker, quote in said
    )
    assert {"dmytro-kuleba", "sergey-lavrov"} <= {speaker for speaker, _ in said}


def test_an_undated_interaction_has_no_date(api: TestClient) -> None:
    visit = api.get("/interactions/visit-bennett-putin-moscow").json()
    assert visit["date"] is None
    assert visit["date_precision"] == "unknown"
    assert visit["place"]["id"] == "moscow"


def test_a_month_precise_interaction_has_range_but_no_date(api: TestClient) -> None:
    minsk = api.get("/interactions/agreement-2015-02-minsk").json()
    assert minsk["date"] is None
    assert (minsk["earliest"], minsk["latest"]) == ("2015-02-01", "2015-02-28")


def test_unknown_interaction_is_404(api: TestClient) -> None:
    response = api.get("/interactions/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "no interaction 'nope'"}


# ------------------------------------------------------------------ statements, sources, places


def test_podoliak_said_no_territories_can_be_given_away_on_mar_18(api: TestClient) -> None:
    statements = api.get("/statements", params={"speaker": "mykhailo-podoliak"}).json()
    said = next(s for s in statements if "give away any territories" in (s["quote"] or ""))
    assert said["date"] == "2022-03-18"
    assert said["speaker"]["id"] == "mykhailo-podoliak"
    assert said["interaction"]["id"] == "negotiation-2022-03-18"


def test_statements_of_a_state_include_its_unnamed_speakers(api: TestClient) -> None:
    statements = api.get("/statements", params={"speaker": "france"}).json()
    official = next(s for s in statements if s["speaker"] is None)
    assert official["speaker_from"]["id"] == "france"
    assert official["speaker_description"] == "a French official"


def test_statements_window_and_errors(api: TestClient) -> None:
    window = api.get(
        "/statements",
        params={"speaker": "mykhailo-podoliak", "since": "2022-03-18", "until": "2022-03-18"},
    ).json()
    assert "2022-03-18" in {s["date"] for s in window}
    for statement in window:  # every range overlaps the day, open bounds included
        assert (statement["earliest"] or "0000") <= "2022-03-18" <= (statement["latest"] or "9999")
    assert api.get("/statements", params={"speaker": "nobody"}).status_code == 404
    assert api.get("/statements", params={"until": "2022/03/18"}).status_code == 422


def test_the_seed_source_backs_the_antalya_meeting(api: TestClient) -> None:
    source = api.get(f"/sources/{SOURCE}").json()
    assert source["author"] == "David R. Cameron"
    assert source["date"] == "2022-03-21"
    assert "meeting-2022-03-10-antalya-kuleba-lavrov" in source["interactions"]
    assert "putin-president-of-russia" in source["affiliations"]
    assert "russian-delegation-part-of-russia" in source["memberships"]
    assert api.get("/sources/nope").status_code == 404


def test_places_carry_their_states(api: TestClient) -> None:
    places = {p["id"]: p for p in api.get("/places").json()}
    assert places["antalya"]["state"]["id"] == "turkey"
    assert places["gomel"]["state"]["id"] == "belarus"
    assert places["gomel"]["interactions"] >= 1
