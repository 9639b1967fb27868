"""One load at a time, enforced by Neo4j: real `actorgraph load` processes side by side.

Before the lock, two loads started 0.1–0.3 s apart both exited 0 and left a mix of both
(duplicated PARTICIPATED_IN, doubled contact counts).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from child_env import child_env, run_actorgraph
from graph_views import comparable
from neo4j import Driver

from actorgraph.queries import load_statement
from actorgraph.settings import Settings
from loader.generations import live_generation, wipe
from loader.load import load_paths
from loader.load_lock import LoadLock, LoadLocked, LostLock
from loader.schema import apply_schema
from loader.snapshot import export_live_graph

pytestmark = pytest.mark.neo4j

SEED = PROJECT_ROOT / "data"
NOTE = PROJECT_ROOT / "tests" / "fixtures" / "second_source" / "press-note-2022-03-10.yaml"


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory, test_settings: Settings) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    for text in [
        *test_settings.actorgraph_sources.glob("cameron-*.txt"),
        *(NOTE.parent / "sources").iterdir(),
    ]:
        os.symlink(text, folder / text.name)
    return folder


@pytest.fixture(scope="module")
def valid_graphs(graph: Driver, test_settings: Settings, sources: Path) -> dict[str, str]:
    """The graph each of the two loads gives on its own: the seed, and the seed with the note."""
    database = test_settings.neo4j_database
    graphs = {}
    for name, paths in (("seed", [SEED]), ("seed+note", [SEED, NOTE])):
        wipe(graph, database)
        load_paths(graph, paths, database=database, sources_dir=sources, wipe_first=True)
        graphs[name] = comparable(graph, database)
    assert graphs["seed"] != graphs["seed+note"]
    return graphs


def start_load(settings: Settings, sources: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "load", "--wipe", "--yes", *map(str, paths)],
        env=child_env(settings, ACTORGRAPH_SOURCES=str(sources)),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def race(graph: Driver, settings: Settings, sources: Path, graphs: dict[str, str]) -> None:
    loads = [start_load(settings, sources, SEED), start_load(settings, sources, SEED, NOTE)]
    outcomes = [(load.wait(timeout=300), *load.communicate()) for load in loads]
    codes = sorted(code for code, _, _ in outcomes)
    assert codes in ([0, 0], [0, 2]), outcomes
    for code, _, stderr in outcomes:
        if code == 2:
            assert "another load is running" in stderr and "pid" in stderr, stderr
    final = comparable(graph, settings.neo4j_database)
    assert final in graphs.values(), "the graph is a mix of the two loads:\n" + "\n".join(
        difference(final, valid) for valid in graphs.values()
    )


def difference(got: str, want: str) -> str:
    """The records in one graph and not the other, a few of each."""
    parts = []
    for kind in ("nodes", "relationships"):
        a = {json.dumps(x, sort_keys=True) for x in json.loads(got)[kind]}
        b = {json.dumps(x, sort_keys=True) for x in json.loads(want)[kind]}
        parts.append(
            f"{kind}: {len(a)} vs {len(b)}; extra {sorted(a - b)[:2]}; missing {sorted(b - a)[:2]}"
        )
    return "\n".join(parts)


def test_two_loads_started_together_end_in_one_valid_graph(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    for _ in range(3):
        race(graph, test_settings, sources, valid_graphs)


@pytest.mark.soak
def test_two_loads_started_together_end_in_one_valid_graph_20_rounds_in_a_row(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    for _ in range(20):
        race(graph, test_settings, sources, valid_graphs)


def test_a_load_while_another_holds_the_lock_exits_2_naming_the_holder(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    database = test_settings.neo4j_database
    before = live_generation(graph, database)
    with LoadLock(graph, database):
        done = run_actorgraph(test_settings, sources, "load", SEED)
    assert done.returncode == 2, done.stderr
    assert "another load is running" in done.stderr
    assert f"pid {os.getpid()}" in done.stderr and "--wait" in done.stderr
    assert live_generation(graph, database) == before


def test_a_load_with_wait_runs_once_the_other_finishes(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    database = test_settings.neo4j_database
    lock = LoadLock(graph, database)
    lock.acquire()
    waiting = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "load", "--wait", "60", str(SEED)],
        env=child_env(test_settings, ACTORGRAPH_SOURCES=str(sources)),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=5)
    finally:
        lock.release()
    _, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr
    assert "Waiting for another load" in stderr


def test_a_killed_loaders_lock_frees_itself_when_its_lease_runs_out(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    database = test_settings.neo4j_database
    # What a loader killed mid-load leaves: its lock, with a lease that has run out.
    load_statement("lock_take").write(
        graph, database, token="killed", host="elsewhere", pid=1, lease=0
    )
    summary = load_paths(graph, [SEED], database=database, sources_dir=sources)
    assert live_generation(graph, database) == summary.generation


def test_a_live_lock_is_not_broken(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    database = test_settings.neo4j_database
    with LoadLock(graph, database), pytest.raises(LoadLocked, match="another load is running"):
        load_paths(graph, [SEED], database=database, sources_dir=sources, wait=1.0)


def test_a_load_that_lost_its_lock_publishes_nothing(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    database = test_settings.neo4j_database
    apply_schema(graph, database)
    before = export_live_graph(graph, database).canonical()

    def steal(*_: object) -> None:
        # Another load takes over once this one's lease ran out, as after a long stall.
        graph.execute_query("MATCH (l:LoadLock) DELETE l", database_=database)

    with pytest.raises(LostLock, match="nothing was published"):
        load_paths(graph, [SEED, NOTE], database=database, sources_dir=sources, on_plan=steal)
    assert export_live_graph(graph, database).canonical() == before


def test_the_lock_of_a_dead_loader_on_this_machine_is_not_waited_for(
    graph: Driver, test_settings: Settings, sources: Path, valid_graphs: dict[str, str]
) -> None:
    database = test_settings.neo4j_database
    ended = subprocess.Popen(["true"])
    ended.wait()
    dead_pid = ended.pid
    load_statement("lock_take").write(
        graph, database, token="dead", host=socket.gethostname(), pid=dead_pid, lease=600
    )
    summary = load_paths(graph, [SEED], database=database, sources_dir=sources)
    assert live_generation(graph, database) == summary.generation
