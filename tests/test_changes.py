"""The history: each load records what it changed, and /changes and `actorgraph changes`
answer "which contacts appeared this week"."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from checkout import PROJECT_ROOT
from child_env import run_actorgraph
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app
from loader.generations import wipe
from loader.load import load_paths

pytestmark = pytest.mark.neo4j

SEED = PROJECT_ROOT / "data"
SECOND = PROJECT_ROOT / "tests" / "fixtures" / "second_source"
NOTE = SECOND / "press-note-2022-03-10.yaml"
NOTE_ID = "press-note-2022-03-10"
NEW_CONTACT = "dmytro-kuleba|mevlut-cavusoglu"


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory, test_settings: Settings) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    for text in [
        *test_settings.actorgraph_sources.glob("cameron-*.txt"),
        *(SECOND / "sources").iterdir(),
    ]:
        os.symlink(text, folder / text.name)
    return folder


@pytest.fixture(scope="module")
def history(graph: Driver, test_settings: Settings, texts: Path) -> TestClient:
    """The seed loaded, then the note beside it, then the same files again."""
    database = test_settings.neo4j_database
    wipe(graph, database)
    load_paths(graph, [SEED], database=database, sources_dir=texts)
    load_paths(graph, [NOTE], database=database, sources_dir=texts)
    load_paths(graph, [NOTE], database=database, sources_dir=texts)
    with TestClient(create_app(test_settings)) as api:
        yield api


def changes(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = api.get("/changes", params=params)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()
    return result


def test_each_load_is_recorded_newest_first(history: TestClient) -> None:
    rerun, note, seed = changes(history)
    assert seed["first"] and seed["changes"] == [] and seed["interactions"] > 40
    assert note["sources"] == [NOTE_ID] and not note["first"]
    assert rerun["sources"] == [NOTE_ID]
    assert rerun["changes"] == [], "the same files again change nothing"
    assert note["at"] >= seed["at"] and "@" in note["by"]


def test_a_first_load_counts_what_it_added_without_listing_it(history: TestClient) -> None:
    seed = changes(history)[-1]
    assert seed["first"] and seed["changes"] == []
    # Its interactions, plus at least as many actors and contacts: never the zeros that
    # read as if nothing happened.
    assert seed["counts"]["added"] > seed["interactions"] + 20
    assert seed["counts"]["removed"] == seed["counts"]["changed"] == 0


def test_one_load_shows_one_time_in_sources_changes_and_health(
    history: TestClient, test_settings: Settings, texts: Path
) -> None:
    # The note's load changed the dataset; the re-run after it changed nothing, so the
    # dataset and the note's source keep the time of the note's load.
    note_load = changes(history)[1]["at"]
    assert history.get("/health").json()["dataset"]["loaded_at"] == note_load
    listed = run_actorgraph(test_settings, texts, "sources")
    assert listed.returncode == 0, listed.stderr
    assert note_load in next(line for line in listed.stdout.splitlines() if NOTE_ID in line)


def test_the_contacts_that_appeared_this_week(history: TestClient) -> None:
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    loads = changes(history, since=week_ago, kind="contact")
    appeared = [c for load in loads for c in load["changes"] if c["change"] == "added"]
    assert {c["id"] for c in appeared} == {NEW_CONTACT}
    assert appeared[0]["sources"] == [NOTE_ID]
    assert all(c["kind"] == "contact" for load in loads for c in load["changes"])


def test_a_changed_record_names_its_sources(history: TestClient) -> None:
    _, note, _ = changes(history)
    interactions = {c["id"]: c for c in note["changes"] if c["kind"] == "interaction"}
    antalya = interactions["meeting-2022-03-10-antalya-kuleba-lavrov"]
    assert antalya["change"] == "changed"
    assert NOTE_ID in antalya["sources"]


def test_source_keeps_the_loads_of_that_source(history: TestClient) -> None:
    assert len(changes(history, source=NOTE_ID)) == 2
    assert changes(history, source="no-such-source") == []
    assert changes(history, since="2999-01-01") == []


def test_removing_a_source_records_what_went(
    history: TestClient, test_settings: Settings, texts: Path
) -> None:
    done = run_actorgraph(test_settings, texts, "sources", "remove", NOTE_ID)
    assert done.returncode == 0, done.stderr
    latest = changes(history)[0]
    assert latest["removed_sources"] == [NOTE_ID]
    removed = {c["id"] for c in latest["changes"] if c["change"] == "removed"}
    assert NEW_CONTACT in removed
    shown = run_actorgraph(test_settings, texts, "changes", "--kind", "contact")
    assert shown.returncode == 0, shown.stderr
    assert f"removed  contact      {NEW_CONTACT}" in shown.stdout
    assert f"added    contact      {NEW_CONTACT}" in shown.stdout
