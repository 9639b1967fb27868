"""Malformed datasets through the real `actorgraph load`: a clear error, its exit code, no
traceback, bounded memory, and the graph exactly as it was.

Every case starts from a graph that holds a small valid dataset (tiny-report), runs the
command a user would run on one broken file, and compares the graph by export before and
after. The validator's own unit tests (tests/test_validation.py) pin each message; these
prove the whole command path: argument parsing, validation, the exit code and the graph.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from checkout import PROJECT_ROOT
from child_env import child_env
from neo4j import Driver

from actorgraph.cli.output import EXIT_INVALID
from actorgraph.settings import Settings
from loader.generations import live_generation
from loader.load import load_paths
from loader.schema import apply_schema
from loader.snapshot import export_live_graph
from loader.validation import DEFAULT_LIMITS

pytestmark = pytest.mark.neo4j

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
SOURCES = FIXTURES / "sources"
TINY = FIXTURES / "tiny-report.yaml"
# Generous: one run takes about a second; the bound only keeps a hung run from hanging the suite.
RUN_TIMEOUT_S = 120.0
# A rejected file may cost the process this much memory above a run on an empty file. A file
# that was read, decoded or expanded would cost at least its own size, far more than this.
MEMORY_HEADROOM_KB = 64 * 1024
OVERSIZED_BYTES = 1024 * 1024 * 1024  # 1 GiB, twenty times the limit; sparse, so it costs no disk


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_kb: int


def run_cli(settings: Settings, *args: str, out_dir: Path) -> CliRun:
    """Run `python -m actorgraph ARGS` and measure the child's own peak memory.

    os.wait4 gives the resource usage of exactly this child (ru_maxrss, in KiB on Linux);
    RUSAGE_CHILDREN would report the largest of every child the test process ever reaped,
    the suite's Neo4j included. RLIMIT_AS was rejected: it caps virtual memory, which the
    driver's threads and Python's allocator reserve generously, so a tight cap fails at
    import time and a loose one proves nothing.
    """
    stdout_path, stderr_path = out_dir / "cli.stdout", out_dir / "cli.stderr"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "actorgraph", *args],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env=child_env(settings),
            cwd=PROJECT_ROOT / "tests",  # no .env here
        )
    deadline = time.monotonic() + RUN_TIMEOUT_S
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    while pid == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid == 0:
        process.kill()
        os.wait4(process.pid, 0)
        process.returncode = -9  # reaped here, so Popen must not wait for it again
        pytest.fail(f"actorgraph {' '.join(args)} did not finish within {RUN_TIMEOUT_S:.0f} s")
    process.returncode = os.waitstatus_to_exitcode(status)
    return CliRun(
        returncode=process.returncode,
        stdout=stdout_path.read_text(errors="replace"),
        stderr=stderr_path.read_text(errors="replace"),
        peak_rss_kb=usage.ru_maxrss,
    )


def graph_state(driver: Driver, database: str) -> dict[str, Any]:
    """The live graph by export, plus what an export cannot see: every node and relationship
    of any generation, so that a half-written generation beside the live one shows too."""
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships",
        database_=database,
        routing_="r",
    )
    return {
        "export": export_live_graph(driver, database).canonical(),
        "generation": live_generation(driver, database),
        "nodes": records[0]["nodes"],
        "relationships": records[0]["relationships"],
    }


@pytest.fixture(scope="module")
def loaded(graph: Driver, test_settings: Settings) -> Driver:
    """The suite's Neo4j holding exactly tiny-report, loaded from its fixture file."""
    apply_schema(graph, test_settings.neo4j_database)
    load_paths(
        graph, [TINY], database=test_settings.neo4j_database, sources_dir=SOURCES, wipe_first=True
    )
    return graph


@pytest.fixture(scope="module")
def baseline_rss_kb(
    test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    """The peak memory of the command refusing an empty file: the cost of starting at all."""
    folder = tmp_path_factory.mktemp("baseline")
    empty = folder / "empty.yaml"
    empty.write_text("")
    run = run_cli(test_settings, "load", "--sources", str(SOURCES), str(empty), out_dir=folder)
    assert run.returncode == EXIT_INVALID, run.stderr
    yield run.peak_rss_kb


# ------------------------------------------------------------------ the cases


def tiny_with(*edits: tuple[str, str]) -> Callable[[Path], Path]:
    """tiny-report with text replaced; each edit must hit, or the case would test nothing."""

    def build(folder: Path) -> Path:
        text = TINY.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"case edit {old!r} no longer matches tiny-report.yaml"
            text = text.replace(old, new, 1)
        path = folder / "broken-report.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return build


def raw_file(content: bytes, name: str = "broken-report.yaml") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return build


def oversized_file(folder: Path) -> Path:
    """A valid dataset's opening, then a hole up to 1 GiB: huge by size, nothing on disk."""
    path = folder / "huge-report.yaml"
    with path.open("wb") as handle:
        handle.write(TINY.read_bytes())
        handle.truncate(OVERSIZED_BYTES)
    return path


def alias_bomb() -> bytes:
    # "Billion laughs": nine levels of nine aliases each expand to 9**9 strings if followed.
    lines = [
        "source: {id: bomb, title: Bomb, date: 2022-03-21, text_file: tiny-report.txt}",
        'a0: &a0 "lol"',
    ]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def deep_yaml() -> bytes:
    return b"source: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"


def deep_json() -> bytes:
    return b'{"source": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}\n"


@dataclass(frozen=True)
class Case:
    build: Callable[[Path], Path]
    # Each must appear in stderr: the record and field that are wrong, and what is wrong.
    expect: tuple[str, ...]
    options: tuple[str, ...] = ()
    bounded_memory: bool = False


CASES: dict[str, Case] = {
    # wrong types
    "string-for-duration-minutes": Case(
        tiny_with(("topics: [ceasefire]", "topics: [ceasefire]\n    duration: {minutes: sixty}")),
        ("call-able-baker", "duration.minutes", "whole number"),
    ),
    "string-for-participants-list": Case(
        tiny_with(
            (
                "participants:\n      - {actor: ann-able, role: caller}\n"
                "      - {actor: bo-baker, role: called}",
                "participants: ann-able and bo-baker",
            )
        ),
        ("call-able-baker", "participants"),
    ),
    "list-for-actor-name": Case(
        tiny_with(("name: Bo Baker", "name: [Bo, Baker]")),
        ("bo-baker", "name"),
    ),
    "mapping-for-source-title": Case(
        tiny_with(("title: A tiny report", "title: {text: A tiny report}")),
        ("source", "title"),
    ),
    "top-level-list": Case(
        raw_file(b"- source: {id: tiny-report}\n- actors: []\n"),
        ("(file)", "top level is a list"),
    ),
    # unknown references
    "unknown-participant": Case(
        tiny_with(("actor: bo-baker, role: called", "actor: bo-bakr, role: called")),
        ("call-able-baker", "participants[1].actor", "bo-bakr"),
    ),
    "unknown-place": Case(
        tiny_with(("place: gammaville", "place: deltaville")),
        ("meeting-able-baker", "place", "deltaville"),
    ),
    "unknown-interaction-of-a-statement": Case(
        tiny_with(("interaction: meeting-able-baker", "interaction: meeting-that-never-was")),
        ("able-progress", "interaction", "meeting-that-never-was"),
    ),
    "unknown-role": Case(
        tiny_with(("role: called", "role: callee")),
        ("call-able-baker", "participants[1].role", "callee"),
    ),
    # duplicate ids
    "duplicate-actor-id": Case(
        tiny_with(
            (
                "{id: beta, kind: state, name: Beta}",
                "{id: beta, kind: state, name: Beta}\n  - {id: beta, kind: state, name: Bravo}",
            )
        ),
        ("beta", "duplicate id 'beta'"),
    ),
    "interaction-id-equal-to-an-actor-id": Case(
        tiny_with(("id: call-able-baker", "id: ann-able")),
        ("ann-able", "duplicate id 'ann-able'"),
    ),
    "duplicate-key-in-a-mapping": Case(
        tiny_with(("status: held", "status: held\n    status: planned")),
        ("(file)", "duplicate key 'status'"),
    ),
    # impossible dates
    "february-the-thirtieth": Case(
        tiny_with(
            ("earliest: 2022-03-14, latest: 2022-03-14", "earliest: 2022-02-30, latest: 2022-02-30")
        ),
        ("call-able-baker", "date.earliest", "2022-02-30", "not a real calendar date"),
    ),
    "month-thirteen": Case(
        tiny_with(("date: 2022-03-21", "date: 2022-13-01")),
        ("source", "date", "2022-13-01"),
    ),
    "earliest-after-latest": Case(
        tiny_with(
            (
                "precision: day, earliest: 2022-03-15, latest: 2022-03-15}\n    medium",
                "precision: month, earliest: 2022-02-28, latest: 2022-02-01}\n    medium",
            )
        ),
        ("meeting-able-baker", "date", "is after latest"),
    ),
    # quotes and source texts
    "quote-not-in-its-source": Case(
        tiny_with(("met in Gammaville.", "met secretly in Gammaville.")),
        ("meeting-able-baker", "evidence[0].quote", "quote not found", "tiny-report.txt"),
    ),
    "missing-source-text-under-strict": Case(
        tiny_with(("text_file: tiny-report.txt", "text_file: lost-report.txt")),
        ("source", "text_file", "lost-report.txt", "unverified"),
        options=("--strict",),
    ),
    "source-text-outside-the-sources-folder": Case(
        tiny_with(("text_file: tiny-report.txt", "text_file: ../../../../etc/passwd")),
        ("source", "text_file"),
    ),
    # files that are not datasets at all
    "empty-file": Case(raw_file(b""), ("(file)", "file is empty")),
    "comments-only": Case(raw_file(b"# nothing here yet\n"), ("(file)", "holds no data")),
    "invalid-utf8": Case(
        raw_file(b"source: {id: tiny-report, title: \xc7avu\xfeo\xf0lu}\n"),
        ("(file)", "not valid UTF-8", "0xc7"),
    ),
    "binary-garbage": Case(
        raw_file(bytes(range(256)) * 64, name="garbage.yaml"), ("(file)", "not valid UTF-8")
    ),
    "yaml-syntax-error": Case(
        raw_file(b"source:\n  id: tiny-report\n  title: [unclosed\n"),
        ("(file)", "YAML syntax error", "line"),
    ),
    "deeply-nested-yaml": Case(
        raw_file(deep_yaml()), ("(file)", "nested too deeply"), bounded_memory=True
    ),
    "deeply-nested-json": Case(
        raw_file(deep_json(), name="deep.json.yaml"),
        ("(file)", "nested too deeply"),
        bounded_memory=True,
    ),
    "yaml-alias-bomb": Case(
        raw_file(alias_bomb()), ("(file)", "anchors and aliases"), bounded_memory=True
    ),
    "file-far-over-the-size-limit": Case(
        oversized_file,
        ("(file)", f"over the {DEFAULT_LIMITS.max_file_bytes}-byte limit"),
        bounded_memory=True,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_dataset_is_refused_clearly_and_leaves_the_graph_unchanged(
    name: str,
    loaded: Driver,
    test_settings: Settings,
    baseline_rss_kb: int,
    tmp_path: Path,
) -> None:
    case = CASES[name]
    path = case.build(tmp_path)
    before = graph_state(loaded, test_settings.neo4j_database)
    assert before["generation"] is not None and before["nodes"] > 0  # something to protect

    run = run_cli(
        test_settings,
        "load",
        *case.options,
        "--sources",
        str(SOURCES),
        str(path),
        out_dir=tmp_path,
    )

    assert run.returncode == EXIT_INVALID, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{path}:" in run.stderr  # the file is named, at the start of its error line
    for fragment in case.expect:
        assert fragment in run.stderr, f"{fragment!r} missing from:\n{run.stderr}"
    assert "nothing was written" in run.stderr
    assert graph_state(loaded, test_settings.neo4j_database) == before
    if case.bounded_memory:
        grown_kb = run.peak_rss_kb - baseline_rss_kb
        assert grown_kb < MEMORY_HEADROOM_KB, (
            f"peak {run.peak_rss_kb} KiB, {grown_kb} KiB above a run on an empty file"
        )


def test_the_oversized_file_really_is_far_over_the_limit(tmp_path: Path) -> None:
    # Guards the case above: a limit raised past the file's size would make it test nothing.
    assert oversized_file(tmp_path).stat().st_size >= 20 * DEFAULT_LIMITS.max_file_bytes


def test_a_valid_file_through_the_same_command_loads(
    loaded: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    """The control: the same command on an unbroken file succeeds, so the refusals above
    come from the breakage and not from the way the command is run."""
    run = run_cli(
        test_settings, "load", "--strict", "--sources", str(SOURCES), str(TINY), out_dir=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert "Loaded 1 source(s)" in run.stderr
