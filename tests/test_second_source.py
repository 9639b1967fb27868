"""A second source added as a curator adds one: a file of its own, loaded on its own.

The press note (tests/fixtures/second_source/press-note-2022-03-10.yaml) has no headline
and no author, reuses the seed's ids without copying them, adds a spelling to the seed's
Cavusoglu, puts him at the table of the Antalya meeting where the seed has him as its
arranger, and repeats the seed's position of Kuleba.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from checkout import PROJECT_ROOT
from child_env import run_actorgraph
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app
from loader.validation import validate_paths

SECOND = Path(__file__).parent / "fixtures" / "second_source"
NOTE = SECOND / "press-note-2022-03-10.yaml"
NOTE_ID = "press-note-2022-03-10"
SEED_ID = "cameron-2022-03-21"
ANTALYA = "meeting-2022-03-10-antalya-kuleba-lavrov"


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory, test_settings: Settings) -> Path:
    """The note's text, beside the seed's where this machine has it (without, the seed's
    quotes load unverified: everything below holds either way)."""
    folder = tmp_path_factory.mktemp("sources")
    seed_text = test_settings.actorgraph_sources / f"{SEED_ID}.txt"
    if seed_text.is_file():
        os.symlink(seed_text, folder / seed_text.name)
    for text in (SECOND / "sources").iterdir():
        os.symlink(text, folder / text.name)
    return folder


@pytest.fixture(scope="module")
def note_loaded(
    seeded: Driver, test_settings: Settings, sources: Path
) -> subprocess.CompletedProcess[str]:
    """The seed in the graph, then the note loaded as one file, as data/README says."""
    done = run_actorgraph(test_settings, sources, "load", NOTE)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def client(note_loaded: Any, test_settings: Settings) -> Any:
    with TestClient(create_app(test_settings)) as api:
        yield api


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ------------------------------------------------------- 1. one file on its own


def test_the_note_alone_names_every_id_it_cannot_find_and_where_it_looked(
    sources: Path,
) -> None:
    report = validate_paths([NOTE], sources_dir=sources, strict=False)
    assert not report.ok
    assert all("looked in the files given" in e.message for e in report.errors)


def test_validate_finds_the_seeds_ids_in_the_graph(
    seeded: Driver, test_settings: Settings, sources: Path
) -> None:
    done = run_actorgraph(test_settings, sources, "validate", NOTE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Valid: 2 file(s)" in done.stdout


def test_the_note_loads_as_one_file_beside_the_seed(client: TestClient) -> None:
    health = get(client, "/health")
    assert health["dataset"]["sources"] == 2
    assert get(client, f"/sources/{NOTE_ID}")["id"] == NOTE_ID


def test_an_id_unknown_everywhere_names_the_sources_it_looked_in(
    note_loaded: Any, test_settings: Settings, sources: Path, tmp_path: Path
) -> None:
    broken = tmp_path / NOTE.name
    broken.write_text(NOTE.read_text(encoding="utf-8").replace("sergey-lavrov", "sergei-lavrov"))
    done = run_actorgraph(test_settings, sources, "load", broken)
    assert done.returncode == 1
    assert "unknown actor 'sergei-lavrov'" in done.stderr
    assert f"sources loaded in the graph ({SEED_ID})" in done.stderr
    assert "did you mean 'sergey-lavrov'" in done.stderr


# ------------------------------------------------------- 2. honest corroboration


def test_a_contact_only_the_note_reports_has_one_source(client: TestClient) -> None:
    contacts = {c["actor"]["id"]: c for c in get(client, "/actors/dmytro-kuleba/contacts")}
    cavusoglu = contacts["mevlut-cavusoglu"]
    assert (cavusoglu["sources"], cavusoglu["source_ids"]) == (1, [NOTE_ID])
    lavrov = contacts["sergey-lavrov"]
    assert (lavrov["sources"], lavrov["source_ids"]) == (2, sorted([SEED_ID, NOTE_ID]))


def test_the_disagreement_on_who_took_part_is_a_conflict_with_each_reading(
    client: TestClient,
) -> None:
    meeting = get(client, f"/interactions/{ANTALYA}")
    assert "participants" in meeting["conflicts"]
    readings = {r["source"]: r for r in meeting["readings"]}
    assert "mevlut-cavusoglu:arranger" in readings[SEED_ID]["participants"]
    assert "mevlut-cavusoglu:participant" in readings[NOTE_ID]["participants"]
    by_role = {(p["actor"]["id"], p["role"]): p["sources"] for p in meeting["participants"]}
    assert by_role[("mevlut-cavusoglu", "arranger")] == [SEED_ID]
    assert by_role[("mevlut-cavusoglu", "participant")] == [NOTE_ID]
    assert by_role[("dmytro-kuleba", "participant")] == [NOTE_ID, SEED_ID]


def test_min_sources_counts_the_sources_that_put_both_in(client: TestClient) -> None:
    pair = {"actor": "dmytro-kuleba", "with": "mevlut-cavusoglu"}
    assert [i["id"] for i in get(client, "/interactions", **pair)] == [ANTALYA]
    assert get(client, "/interactions", min_sources=2, **pair) == []
    kuleba_lavrov = get(
        client, "/interactions", actor="dmytro-kuleba", min_sources=2, **{"with": "sergey-lavrov"}
    )
    assert [i["id"] for i in kuleba_lavrov] == [ANTALYA]


# ------------------------------------------------------- 3. nothing dropped


def test_actors_the_note_names_list_it_among_their_sources(client: TestClient) -> None:
    for actor in ("dmytro-kuleba", "turkey", "sergey-lavrov", "mevlut-cavusoglu"):
        assert get(client, f"/actors/{actor}")["sources"] == [NOTE_ID, SEED_ID], actor


def test_a_repeated_position_keeps_both_sources_evidence(client: TestClient) -> None:
    kuleba = get(client, "/actors/dmytro-kuleba")
    position = next(
        a for a in kuleba["affiliations"] if a["id"] == "kuleba-foreign-minister-of-ukraine"
    )
    assert position["sources"] == [NOTE_ID, SEED_ID]
    assert {e["source"] for e in position["evidence"]} == {SEED_ID, NOTE_ID}
    assert position["conflicts"] == []


def test_the_notes_spelling_is_an_alias_of_the_seeds_actor(client: TestClient) -> None:
    cavusoglu = get(client, "/actors/mevlut-cavusoglu")
    assert cavusoglu["name"] == "Mevlut Cavusoglu"
    assert "Mevlüt Çavuşoğlu" in cavusoglu["aliases"]
    assert {e["source"] for e in cavusoglu["evidence"]} == {SEED_ID, NOTE_ID}
    found = [a["id"] for a in get(client, "/actors", q="Çavuşoğlu")]
    assert found == ["mevlut-cavusoglu"]


def test_a_position_two_sources_give_differently_is_a_conflict(
    note_loaded: Any, test_settings: Settings, sources: Path, tmp_path: Path
) -> None:
    data = yaml.safe_load(NOTE.read_text(encoding="utf-8"))
    data["affiliations"][0]["role"] = "Minister of Foreign Affairs"
    changed = tmp_path / NOTE.name
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = run_actorgraph(test_settings, sources, "load", changed)
    assert done.returncode == 0, done.stderr
    with TestClient(create_app(test_settings)) as api:
        kuleba = get(api, "/actors/dmytro-kuleba")
    position = next(
        a for a in kuleba["affiliations"] if a["id"] == "kuleba-foreign-minister-of-ukraine"
    )
    assert position["conflicts"] == ["role"]
    # The earliest source's (the note's), with the conflict named and both kept as evidence.
    assert position["role"] == "Minister of Foreign Affairs"
    restored = run_actorgraph(test_settings, sources, "load", NOTE)
    assert restored.returncode == 0, restored.stderr


# ------------------------------------------------------- 4. one way to add to an actor


def test_an_addition_to_an_actor_no_source_defines_says_how_to_define_it(
    tmp_path: Path, sources: Path
) -> None:
    data = yaml.safe_load(NOTE.read_text(encoding="utf-8"))
    data["actors"][0]["id"] = "hakan-fidan"
    lonely = tmp_path / NOTE.name
    lonely.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = validate_paths([PROJECT_ROOT / "data", lonely], sources_dir=sources, strict=False)
    messages = [e.message for e in report.errors if e.record == "hakan-fidan"]
    assert any("give its kind and name to define it here" in m for m in messages)


def test_half_a_definition_is_an_error(tmp_path: Path, sources: Path) -> None:
    data = yaml.safe_load(NOTE.read_text(encoding="utf-8"))
    data["actors"][0]["kind"] = "person"
    half = tmp_path / NOTE.name
    half.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = validate_paths([PROJECT_ROOT / "data", half], sources_dir=sources, strict=False)
    assert [(e.record, e.field) for e in report.errors] == [("mevlut-cavusoglu", "name")]


def test_the_data_readme_documents_the_addition_the_fixture_uses() -> None:
    readme = (PROJECT_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "never edits another source's file" in readme
    assert "leave out `kind` and `name`" in readme


# ------------------------------------------------------- 5. hints that help


def test_a_bad_same_as_never_suggests_the_records_own_id(tmp_path: Path, sources: Path) -> None:
    data = yaml.safe_load(NOTE.read_text(encoding="utf-8"))
    data["interactions"][0]["id"] = "meeting-2022-03-10-antalya-trilateral"
    data["interactions"][0]["same_as"] = "meeting-2022-03-10-antalya-trilateral-x"
    data["statements"][0]["interaction"] = "meeting-2022-03-10-antalya-trilateral"
    bad = tmp_path / NOTE.name
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = validate_paths([PROJECT_ROOT / "data", bad], sources_dir=sources, strict=False)
    (error,) = [e for e in report.errors if e.field == "same_as"]
    assert "did you mean 'meeting-2022-03-10-antalya-trilateral'" not in error.message


def test_a_quote_citing_a_source_not_given_suggests_no_other_source(
    tmp_path: Path, sources: Path
) -> None:
    seed = yaml.safe_load((PROJECT_ROOT / "data" / f"{SEED_ID}.yaml").read_text("utf-8"))
    seed["actors"][0]["evidence"].append({"quote": "x", "source": NOTE_ID})
    edited = tmp_path / f"{SEED_ID}.yaml"
    edited.write_text(yaml.safe_dump(seed, allow_unicode=True), encoding="utf-8")
    report = validate_paths([edited], sources_dir=sources, strict=False)
    (error,) = [e for e in report.errors if e.field.endswith(".source")]
    assert "did you mean" not in error.message
    assert "never edits the first one's file" in error.message


# ------------------------------------------------------- 6. no headline, no author


def test_a_source_without_a_headline_shows_its_first_words(client: TestClient) -> None:
    note = get(client, f"/sources/{NOTE_ID}")
    assert note["title"] == "ANTALYA, 10 March 2022"
    assert note["author"] is None
