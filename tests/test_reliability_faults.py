"""Faults in the middle of a load: the loader killed with SIGKILL, Neo4j stopped or crashed.

Whatever happens, the live graph is the one before the load or the complete new one, never
a mix, and running the same load again gives the graph a clean load gives. "Midway" is not
guessed from time: each test waits until the graph holds interactions of the generation
being written (one the Dataset pointer does not name yet), then strikes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from child_env import child_env
from neo4j import Driver
from pydantic import SecretStr
from throwaway_neo4j import throwaway_server

from actorgraph import neo4j_server
from actorgraph.cli.output import EXIT_UNREACHABLE
from actorgraph.database import open_driver
from actorgraph.settings import Settings
from loader.generations import live_generation, wipe
from loader.load import load_paths
from loader.schema import apply_schema
from loader.snapshot import export_live_graph
from loader.synth import generate

pytestmark = pytest.mark.neo4j

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
TINY = FIXTURES / "tiny-report.yaml"
# Bounds that only keep a broken run from hanging the suite; none of them measures speed.
LOAD_TIMEOUT_S = 900.0
MIDWAY_TIMEOUT_S = 300.0
POLL_INTERVAL_S = 0.05
FAULT_PASSWORD = "actorgraph-faults"

UNPUBLISHED_INTERACTIONS = """
OPTIONAL MATCH (d:Dataset {id: 'current'})
RETURN COUNT { MATCH (i:Interaction) WHERE d IS NULL OR i.gen <> d.gen } AS interactions
"""
# Nodes of a generation the Dataset pointer does not name: an unfinished or replaced load.
STRAY_NODES = """
OPTIONAL MATCH (d:Dataset {id: 'current'})
RETURN COUNT { MATCH (n) WHERE NOT n:Dataset AND (d IS NULL OR n.gen <> d.gen) } AS nodes
"""


@dataclass(frozen=True)
class Size:
    interactions: int
    batch_size: int


# Small batches keep the loader writing for many transactions, so "midway" is a wide window.
FAST = Size(interactions=2_000, batch_size=10)
LARGE = Size(interactions=20_000, batch_size=100)


# ----------------------------------------------------------------- helpers


@dataclass
class Dataset:
    """A synthetic dataset plus tiny-report, with every source text in one folder."""

    folder: Path
    sources: Path

    def load_args(self, batch_size: int) -> list[str]:
        return ["load", "--batch-size", str(batch_size), "--sources", str(self.sources)]


def make_dataset(folder: Path, size: Size) -> Dataset:
    generate(folder, actors=400, interactions=size.interactions, seed=11, per_file=1_000)
    # tiny-report's text beside the synthetic ones: when the loader carries tiny-report
    # over from the live graph, its quotes are checked and located exactly as at first.
    shutil.copy(FIXTURES / "sources" / "tiny-report.txt", folder / "sources")
    return Dataset(folder=folder, sources=folder / "sources")


def start_cli(settings: Settings, args: list[str], log_dir: Path) -> subprocess.Popen[bytes]:
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / "stdout").open("wb") as out, (log_dir / "stderr").open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "actorgraph", *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=child_env(settings),
            cwd=PROJECT_ROOT / "tests",  # no .env here
        )


def finish(process: subprocess.Popen[bytes], log_dir: Path) -> tuple[int, str]:
    try:
        code = process.wait(timeout=LOAD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=60)
        pytest.fail(f"the loader did not finish within {LOAD_TIMEOUT_S:.0f} s")
    return code, (log_dir / "stderr").read_text(errors="replace")


def run_cli(settings: Settings, args: list[str], log_dir: Path) -> tuple[int, str]:
    return finish(start_cli(settings, args, log_dir), log_dir)


def count(driver: Driver, database: str, query: str) -> int:
    records, _, _ = driver.execute_query(query, database_=database, routing_="r")
    return int(records[0][0])


def wait_until_midway(driver: Driver, database: str, process: subprocess.Popen[bytes]) -> int:
    """Block until the loader has written interactions of its unpublished generation."""
    deadline = time.monotonic() + MIDWAY_TIMEOUT_S
    for _ in range(int(MIDWAY_TIMEOUT_S / POLL_INTERVAL_S)):
        if process.poll() is not None:
            pytest.fail(f"the loader exited (code {process.returncode}) before it was midway")
        written = count(driver, database, UNPUBLISHED_INTERACTIONS)
        if written > 0:
            return written
        if time.monotonic() > deadline:
            break
        time.sleep(POLL_INTERVAL_S)
    pytest.fail(f"no unpublished interactions appeared within {MIDWAY_TIMEOUT_S:.0f} s")


def facts(driver: Driver, database: str) -> str:
    """The live graph by export, without the one field that records *when* it was loaded:
    a clean load and a re-run hold the same facts but were loaded at different times."""
    export = export_live_graph(driver, database)
    nodes = [
        {**node, "props": {k: v for k, v in node["props"].items() if k != "loaded_at"}}
        if "Dataset" in node["labels"]
        else node
        for node in export.nodes
    ]
    return json.dumps({"nodes": nodes, "relationships": export.relationships}, sort_keys=True)


def load_tiny(driver: Driver, database: str) -> str:
    wipe(driver, database)
    apply_schema(driver, database)
    load_paths(driver, [TINY], database=database, sources_dir=FIXTURES / "sources", wipe_first=True)
    return facts(driver, database)


def assert_complete_and_equal_to_a_clean_load(
    driver: Driver, settings: Settings, data: Dataset, size: Size, log_dir: Path
) -> None:
    database = settings.neo4j_database
    rerun = facts(driver, database)
    assert count(driver, database, STRAY_NODES) == 0  # the unfinished generation is gone
    assert count(driver, database, "MATCH (i:Interaction) RETURN count(i)") == (
        size.interactions + 2  # tiny-report's two
    )
    # The files in the order the re-run read them: those given, then the live ones it
    # carried over. (In another order the facts are the same, but the Dataset node's
    # `sources` list and digest follow the order.)
    code, stderr = run_cli(
        settings,
        [*data.load_args(size.batch_size), "--wipe", "--yes", str(data.folder), str(TINY)],
        log_dir / "clean",
    )
    assert code == 0, stderr
    assert facts(driver, database) == rerun


# ----------------------------------------------------------------- kill -9 the loader


@pytest.fixture
def suite_graph(graph: Driver) -> Driver:
    return graph


@pytest.mark.parametrize(
    "size", [pytest.param(FAST, id="2k"), pytest.param(LARGE, id="20k", marks=pytest.mark.soak)]
)
def test_kill_9_of_the_loader_midway_leaves_the_graph_as_before_and_a_rerun_completes_it(
    size: Size, suite_graph: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    database = test_settings.neo4j_database
    data = make_dataset(tmp_path / "synth", size)
    before = load_tiny(suite_graph, database)
    generation = live_generation(suite_graph, database)

    load = start_cli(
        test_settings, [*data.load_args(size.batch_size), str(data.folder)], tmp_path / "killed"
    )
    try:
        wait_until_midway(suite_graph, database, load)
    finally:
        load.kill()  # SIGKILL: no handler, no cleanup, no goodbye to Neo4j
        load.wait(timeout=60)

    assert load.returncode == -signal.SIGKILL
    # The strike landed midway: part of the new generation is in the database...
    assert count(suite_graph, database, STRAY_NODES) > 0
    # ...and none of it is visible.
    assert live_generation(suite_graph, database) == generation
    assert facts(suite_graph, database) == before

    code, stderr = run_cli(
        test_settings, [*data.load_args(size.batch_size), str(data.folder)], tmp_path / "rerun"
    )
    assert code == 0, stderr
    assert_complete_and_equal_to_a_clean_load(suite_graph, test_settings, data, size, tmp_path)


def test_kill_9_midway_through_a_load_with_wipe_leaves_the_graph_as_before(
    suite_graph: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    database = test_settings.neo4j_database
    data = make_dataset(tmp_path / "synth", FAST)
    before = load_tiny(suite_graph, database)
    load = start_cli(
        test_settings,
        [*data.load_args(FAST.batch_size), "--wipe", "--yes", str(data.folder)],
        tmp_path / "killed",
    )
    try:
        wait_until_midway(suite_graph, database, load)
    finally:
        load.kill()
        load.wait(timeout=60)
    assert facts(suite_graph, database) == before


# ----------------------------------------------------------------- Neo4j stops midway


def crash(server: neo4j_server.LocalServer) -> None:
    """SIGKILL the server's process group: no shutdown, no checkpoint, as in a power cut."""
    pid = neo4j_server.status(server).pid
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)
    # The JVM is this process's child: reap it, so that its pid is free and not a zombie.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    neo4j_server.stop(server)  # only tidies the pid file now


STOPS = {"graceful-stop": neo4j_server.stop, "crash": crash}


@dataclass
class CutLoad:
    """A load whose Neo4j stopped under it, and the server started again afterwards."""

    server: neo4j_server.LocalServer
    settings: Settings
    data: Dataset
    size: Size
    before: str
    exit_code: int
    stderr: str
    folder: Path


@pytest.fixture(scope="module", params=list(STOPS))
def cut_load(
    request: pytest.FixtureRequest,
    test_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[CutLoad]:
    """Stop (or crash) a Neo4j of this module's own midway through a load.

    The server lives in a temporary folder on free ports with a small heap: never the
    suite's server, which other modules use, nor the developer's.
    """
    how = request.param
    folder = tmp_path_factory.mktemp(f"cut-{how}")
    server = throwaway_server(folder / "neo4j", FAULT_PASSWORD)
    settings = test_settings.model_copy(
        update={"neo4j_uri": server.bolt_uri, "neo4j_password": SecretStr(FAULT_PASSWORD)}
    )
    size = Size(interactions=5_000, batch_size=25)
    data = make_dataset(folder / "synth", size)
    neo4j_server.start(server)
    try:
        with open_driver(settings) as driver:
            before = load_tiny(driver, settings.neo4j_database)
            load = start_cli(
                settings, [*data.load_args(size.batch_size), str(data.folder)], folder / "cut"
            )
            try:
                wait_until_midway(driver, settings.neo4j_database, load)
            except BaseException:
                load.kill()
                raise
        STOPS[how](server)
        exit_code, stderr = finish(load, folder / "cut")
        neo4j_server.start(server)
        yield CutLoad(server, settings, data, size, before, exit_code, stderr, folder)
    finally:
        neo4j_server.stop(server)


@pytest.mark.soak
def test_neo4j_stopping_midway_leaves_the_graph_as_before_and_a_rerun_completes_it(
    cut_load: CutLoad,
) -> None:
    settings, database = cut_load.settings, cut_load.settings.neo4j_database
    assert cut_load.exit_code != 0  # the load did not claim success
    with open_driver(settings) as driver:
        assert facts(driver, database) == cut_load.before
        code, stderr = run_cli(
            settings,
            [*cut_load.data.load_args(cut_load.size.batch_size), str(cut_load.data.folder)],
            cut_load.folder / "rerun",
        )
        assert code == 0, stderr
        assert_complete_and_equal_to_a_clean_load(
            driver, settings, cut_load.data, cut_load.size, cut_load.folder
        )


@pytest.mark.soak
def test_a_load_cut_off_from_neo4j_says_so_in_one_line_and_exits_2(cut_load: CutLoad) -> None:
    assert "Traceback" not in cut_load.stderr, cut_load.stderr
    assert cut_load.exit_code == EXIT_UNREACHABLE
    assert cut_load.settings.bolt_uri in cut_load.stderr
