"""A graph shared by a team: a load from any machine, with only its own file, replaces its
source and rebuilds the others from what the graph keeps of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from child_env import child_env
from graph_views import comparable
from neo4j import Driver

from actorgraph.settings import Settings
from loader.generations import wipe
from loader.load import load_paths
from loader.snapshot import export_live_graph
from loader.stored_sources import LiveSource

pytestmark = pytest.mark.neo4j

SEED = PROJECT_ROOT / "data"
SECOND = PROJECT_ROOT / "tests" / "fixtures" / "second_source"
NOTE = SECOND / "press-note-2022-03-10.yaml"
NOTE_ID = "press-note-2022-03-10"
SEED_ID = "cameron-2022-03-21"


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory, seed_sources: Path) -> dict[str, Path]:
    """Two machines' source folders: one with every text, one with the note's only."""
    every, note_only = tmp_path_factory.mktemp("every"), tmp_path_factory.mktemp("note-only")
    os.symlink(seed_sources / f"{SEED_ID}.txt", every / f"{SEED_ID}.txt")
    for text in (SECOND / "sources").iterdir():
        os.symlink(text, every / text.name)
        os.symlink(text, note_only / text.name)
    return {"every": every, "note-only": note_only}


@pytest.fixture(scope="module")
def expected(graph: Driver, test_settings: Settings, texts: dict[str, Path]) -> dict[str, str]:
    """The graphs of the seed alone, and of the seed and the note loaded together."""
    database = test_settings.neo4j_database
    graphs = {}
    for name, paths in (("seed", [SEED]), ("seed+note", [SEED, NOTE])):
        wipe(graph, database)
        load_paths(graph, paths, database=database, sources_dir=texts["every"], wipe_first=True)
        graphs[name] = comparable(graph, database)
    return graphs


def actorgraph_elsewhere(
    settings: Settings, folder: Path, sources: Path, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    """`actorgraph ARGS` run in `folder`, a checkout of another curator: no data/ of ours."""
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *map(str, args)],
        env=child_env(settings, ACTORGRAPH_SOURCES=str(sources)),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def seed_loaded(graph: Driver, test_settings: Settings, texts: dict[str, Path]) -> None:
    database = test_settings.neo4j_database
    wipe(graph, database)
    load_paths(graph, [SEED], database=database, sources_dir=texts["every"], wipe_first=True)


def test_a_load_from_another_checkout_replaces_only_its_source(
    graph: Driver,
    test_settings: Settings,
    texts: dict[str, Path],
    expected: dict[str, str],
    seed_loaded: None,
    tmp_path: Path,
) -> None:
    # The second curator has the note and its text, not the seed's file nor its text.
    shutil.copy(NOTE, tmp_path / NOTE.name)
    done = actorgraph_elsewhere(test_settings, tmp_path, texts["note-only"], "load", NOTE.name)
    assert done.returncode == 0, done.stderr
    # The seed's quotes keep their offsets although its text is not on this machine.
    assert "unverified" not in done.stderr
    assert comparable(graph, test_settings.neo4j_database) == expected["seed+note"]


def test_sources_lists_each_live_source_with_its_digest_and_loader(
    graph: Driver, test_settings: Settings, texts: dict[str, Path], seed_loaded: None
) -> None:
    load_paths(graph, [NOTE], database=test_settings.neo4j_database, sources_dir=texts["every"])
    done = actorgraph_elsewhere(test_settings, PROJECT_ROOT, texts["every"], "sources")
    assert done.returncode == 0, done.stderr
    header, *lines = done.stdout.splitlines()
    assert header.split()[:3] == ["id", "records", "digest"]
    assert [line.split()[0] for line in lines] == [SEED_ID, NOTE_ID]
    assert all("@" in line and ".yaml" in line for line in lines), lines


def test_removing_a_source_leaves_the_graph_of_the_others(
    graph: Driver,
    test_settings: Settings,
    texts: dict[str, Path],
    expected: dict[str, str],
    seed_loaded: None,
) -> None:
    load_paths(graph, [NOTE], database=test_settings.neo4j_database, sources_dir=texts["every"])
    done = actorgraph_elsewhere(
        test_settings, PROJECT_ROOT, texts["every"], "sources", "remove", NOTE_ID
    )
    assert done.returncode == 0, done.stderr
    assert comparable(graph, test_settings.neo4j_database) == expected["seed"]


def test_removing_a_source_that_others_depend_on_changes_nothing(
    graph: Driver, test_settings: Settings, texts: dict[str, Path], seed_loaded: None
) -> None:
    database = test_settings.neo4j_database
    load_paths(graph, [NOTE], database=database, sources_dir=texts["every"])
    before = export_live_graph(graph, database).canonical()
    done = actorgraph_elsewhere(
        test_settings, PROJECT_ROOT, texts["every"], "sources", "remove", SEED_ID
    )
    assert done.returncode == 1, done.stderr
    # The note refers to the seed's actors: the errors name the note's file and the ids.
    assert NOTE.name in done.stderr and "dmytro-kuleba" in done.stderr, done.stderr
    assert export_live_graph(graph, database).canonical() == before


def test_removing_an_unknown_source_says_which_exist(
    graph: Driver, test_settings: Settings, texts: dict[str, Path], seed_loaded: None
) -> None:
    done = actorgraph_elsewhere(
        test_settings, PROJECT_ROOT, texts["every"], "sources", "remove", "no-such-source"
    )
    assert done.returncode == 1
    assert "no live source no-such-source" in done.stderr
    assert "actorgraph sources" in done.stderr


def stored(offsets: str) -> LiveSource:
    return LiveSource("note", None, None, None, None, None, None, None, offsets)


def test_stored_offsets_of_either_form_say_in_which_text_each_quote_was_found() -> None:
    # Before 2026-12 a source kept [quote, start, end] of every quote in its own text, from
    # any file; now its file's quotes, with the source named where it is another one.
    old = stored('[["a quote", 3, 10]]')
    new = stored('[["a quote", 3, 10], ["their words", 5, 16, "seed"]]')
    assert old.quote_offsets() == {("note", "a quote"): (3, 10)}
    assert new.quote_offsets() == {("note", "a quote"): (3, 10), ("seed", "their words"): (5, 16)}
    assert new.quote_offsets(foreign_only=True) == {("seed", "their words"): (5, 16)}
