"""The checks every drafted record passes (loader.drafting.vetting), on hand-built drafts."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from loader.drafting.text import split_sentences
from loader.drafting.vetting import vet

TEXT = """On Monday, French President Emmanuel Macron spoke with Russian President Vladimir Putin
by phone. The next day the Élysée said the two men would talk again.
Macron later met Chancellor Olaf Scholz in Berlin on 3 March 2022.
"""
DATELINE = dt.date(2022, 3, 9)  # a Wednesday: "On Monday" is 2022-03-07
KNOWN = [{"id": "france", "kind": "state", "name": "France", "aliases": []}]
CALL_QUOTE = "Macron spoke with Russian President Vladimir Putin by phone"


def actor(aid: str, name: str, kind: str = "person", **more: Any) -> dict[str, Any]:
    return {"id": aid, "kind": kind, "name": name, "aliases": [], **more}


ACTORS = [
    actor("emmanuel-macron", "Emmanuel Macron", aliases=["Macron"]),
    actor("vladimir-putin", "Vladimir Putin"),
    actor("olaf-scholz", "Olaf Scholz"),
]
GERMANY = actor("germany", "Germany", "state")  # not named: "Berlin" is no alias of it here


def call(**more: Any) -> dict[str, Any]:
    record = {
        "id": "call-2022-03-07-macron-putin",
        "type": "call",
        "status": "held",
        "date": {"precision": "day", "earliest": "2022-03-07", "latest": "2022-03-07"},
        "place": None,
        "medium": "phone",
        "participants": [
            {"actor": "emmanuel-macron", "role": "participant"},
            {"actor": "vladimir-putin", "role": "participant"},
        ],
        "notes": None,
        "evidence": [{"quote": CALL_QUOTE}],
    }
    return record | more


def vetted(**lists: Any) -> tuple[dict[str, Any], list[str]]:
    draft = {"draft": True, "source": {"id": "s", "date": DATELINE}, "actors": ACTORS} | lists
    return vet(draft, TEXT, dateline=DATELINE, known_actors=KNOWN)


def test_a_quote_that_differs_only_in_whitespace_is_kept() -> None:
    kept, lines = vetted(interactions=[call(evidence=[{"quote": "Putin\n  by   phone"}])])
    assert kept["interactions"][0]["evidence"] == [{"quote": "Putin\n  by   phone"}]
    assert lines == []


def test_a_made_up_quote_is_dropped_and_the_record_stands_on_its_other_evidence() -> None:
    made_up = {"quote": "Macron phoned Putin for two hours"}
    kept, lines = vetted(interactions=[call(evidence=[made_up, {"quote": CALL_QUOTE}])])
    assert kept["interactions"][0]["evidence"] == [{"quote": CALL_QUOTE}]
    assert lines == [
        "interaction call-2022-03-07-macron-putin: quote not in the text, dropped: "
        '"Macron phoned Putin for two hours"'
    ]


def test_a_record_left_without_evidence_is_dropped() -> None:
    kept, lines = vetted(interactions=[call(evidence=[{"quote": "macron spoke with"}])])
    assert kept["interactions"] == []
    assert lines[-1] == "interaction call-2022-03-07-macron-putin: no evidence left, dropped"


def test_an_actor_is_supported_by_its_name_folded_or_by_being_known() -> None:
    elysee = actor("elysee", "Elysee", "organization")  # the text writes "Élysée"
    france = actor("france", "France", "state")
    kept, lines = vetted(actors=[*ACTORS, GERMANY, elysee, france])
    assert [a["id"] for a in kept["actors"]] == [
        "emmanuel-macron",
        "vladimir-putin",
        "olaf-scholz",
        "elysee",
        "france",
    ]
    assert lines == ["actor germany: neither known, nor named in the text, nor quoted, dropped"]


def test_a_name_matches_whole_words_only() -> None:
    kept, _ = vetted(actors=[actor("put", "Put")])
    assert kept["actors"] == []


def test_a_participation_of_a_dropped_actor_goes_and_then_its_interaction() -> None:
    meeting = call(
        id="meeting-2022-03-03-scholz-germany",
        type="meeting",
        date={"precision": "unknown", "earliest": None, "latest": None},
        participants=[
            {"actor": "germany", "role": "participant"},
            {"actor": "olaf-scholz", "role": "subject"},
        ],
        evidence=[{"quote": "Macron later met Chancellor Olaf Scholz"}],
    )
    kept, lines = vetted(actors=[*ACTORS, GERMANY], interactions=[meeting])
    assert kept["interactions"] == []
    assert lines[-2:] == [
        "interaction meeting-2022-03-03-scholz-germany: participant 'germany' is no kept "
        "actor, dropped",
        "interaction meeting-2022-03-03-scholz-germany: no participant that took part left, "
        "dropped",
    ]


def test_types_and_roles_outside_the_vocabulary_are_dropped() -> None:
    chat = call(id="chat-2022-03-07", type="chat")
    odd_role = call(participants=[*call()["participants"], {"actor": "olaf-scholz", "role": "x"}])
    kept, lines = vetted(interactions=[chat, odd_role])
    assert [i["id"] for i in kept["interactions"]] == ["call-2022-03-07-macron-putin"]
    assert len(kept["interactions"][0]["participants"]) == 2
    assert lines == [
        "interaction chat-2022-03-07: type 'chat' is not in our vocabulary, dropped",
        "interaction call-2022-03-07-macron-putin: role 'x' is not a role, dropped",
    ]


def test_an_id_that_is_not_a_slug_or_a_record_that_is_no_mapping_is_dropped() -> None:
    kept, lines = vetted(interactions=[call(id="Call 7 March"), "a call on Monday"])
    assert kept["interactions"] == []
    assert lines == [
        "interactions[1]: not a record, dropped: 'a call on Monday'",
        "interaction Call 7 March: id 'Call 7 March' is not a slug (a-z, 0-9, single hyphens), "
        "dropped",
    ]


def test_references_to_records_not_kept_are_cleared_or_drop_their_record() -> None:
    berlin = {"id": "berlin", "name": "Berlin", "kind": "city", "state": "germany"}
    affiliation = {
        "id": "scholz-chancellor",
        "person": "olaf-scholz",
        "organization": "germany",
        "role": "Chancellor",
        "date": None,
        "evidence": [{"quote": "Chancellor Olaf Scholz"}],
    }
    talk = call(place="berlin", part_of="calls-macron-putin")
    kept, lines = vetted(
        actors=[*ACTORS, GERMANY], places=[berlin], affiliations=[affiliation], interactions=[talk]
    )
    assert kept["places"] == [] and kept["affiliations"] == []
    assert kept["interactions"][0]["place"] is None
    assert kept["interactions"][0]["part_of"] is None
    assert "place berlin: state 'germany' is no kept actor, dropped" in lines
    assert (
        "affiliation scholz-chancellor: organization 'germany' is no kept actor, dropped" in lines
    )
    assert (
        "interaction call-2022-03-07-macron-putin: part_of 'calls-macron-putin' is no kept "
        "record, left out" in lines
    )


def test_a_statement_keeps_only_the_words_the_text_has() -> None:
    said = {
        "id": "elysee-2022-03-08-talk-again",
        "speaker": None,
        "speaker_description": "the Élysée",
        "speaker_affiliation": "france",
        "reported_by": "elysee",
        "date": {"precision": "day", "earliest": "2022-03-08", "latest": "2022-03-08"},
        "quote": "we will talk again",
        "reported": "the two men would talk again",
        "evidence": [{"quote": "the Élysée said"}],
    }
    kept, lines = vetted(statements=[said])
    [statement] = kept["statements"]
    assert statement["quote"] is None and statement["reported"] == "the two men would talk again"
    assert statement["reported_by"] is None  # no "elysee" actor in this draft
    # "The next day" counts from the call's Monday, in the sentence before.
    assert statement["date"]["earliest"] == "2022-03-08"
    assert lines == [
        "statement elysee-2022-03-08-talk-again: quote not in the text, left out",
        "statement elysee-2022-03-08-talk-again: reported_by 'elysee' is no kept record, left out",
    ]


def test_a_date_the_sentences_of_the_evidence_give_is_kept() -> None:
    meeting = call(
        id="meeting-2022-03-03-macron-scholz",
        type="meeting",
        date={"precision": "day", "earliest": "2022-03-03", "latest": "2022-03-03", "notes": "x"},
        participants=[
            {"actor": "emmanuel-macron", "role": "participant"},
            {"actor": "olaf-scholz", "role": "participant"},
        ],
        evidence=[{"quote": "met Chancellor Olaf Scholz"}],
    )
    kept, lines = vetted(interactions=[call(), meeting])
    assert [i["date"] for i in kept["interactions"]] == [call()["date"], meeting["date"]]
    assert lines == []


def test_a_date_the_sentences_do_not_give_becomes_unknown() -> None:
    wrong_day = {"precision": "day", "earliest": "2022-03-06", "latest": "2022-03-06"}
    not_a_date = {"precision": "day", "earliest": "last Monday", "latest": None}
    # The date is in the text, but not in the sentence that holds this evidence.
    elsewhere = {"precision": "day", "earliest": "2022-03-03", "latest": "2022-03-03"}
    drafted = [
        call(date=wrong_day),
        call(id="call-b", date=not_a_date),
        call(id="call-c", date=elsewhere),
    ]
    kept, lines = vetted(interactions=drafted)
    for record in kept["interactions"]:
        assert record["date"]["precision"] == "unknown"
        assert record["date"]["earliest"] is None and record["date"]["latest"] is None
    assert kept["interactions"][0]["date"]["notes"].startswith("drafted as day 2022-03-06")
    assert lines[0] == (
        "interaction call-2022-03-07-macron-putin: date day 2022-03-06 not given by its "
        "sentences, now unknown"
    )
    assert len(lines) == 3


def test_an_unknown_date_stays_unknown_without_a_line() -> None:
    unknown = {"precision": "unknown", "earliest": None, "latest": None, "notes": None}
    kept, lines = vetted(interactions=[call(date=unknown)])
    assert kept["interactions"][0]["date"] == unknown
    assert lines == []


def test_the_draft_given_is_left_as_it_was() -> None:
    draft = {"draft": True, "actors": ACTORS, "interactions": [call(evidence=[{"quote": "no"}])]}
    before = copy.deepcopy(draft)
    vet(draft, TEXT, dateline=DATELINE, known_actors=[])
    assert draft == before


def test_sentences_do_not_end_at_initials_or_abbreviated_months() -> None:
    raw = "On Mar. 3, U.S. President Joe Biden met David R. Cameron. He left.\n\nNext"
    assert [raw[s.start : s.end] for s in split_sentences(raw)] == [
        "On Mar. 3, U.S. President Joe Biden met David R. Cameron.",
        "He left.",
        "Next",
    ]


def test_an_actor_named_only_by_an_adjective_stays_when_its_quote_is_in_the_text() -> None:
    russia = actor("russia", "Russia", "state", evidence=[{"quote": "Russian President"}])
    made_up = actor("italy", "Italy", "state", evidence=[{"quote": "Italian President"}])
    kept, lines = vetted(actors=[*ACTORS, russia, made_up])
    assert "russia" in [a["id"] for a in kept["actors"]]
    assert "italy" not in [a["id"] for a in kept["actors"]]
    assert any(line.startswith("actor italy") for line in lines)
