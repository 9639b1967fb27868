"""The whole suite in one run: load, latency and concurrency, size by size, then bulk.

At each size, `actorgraph validate` and `actorgraph load` first run as a user runs them
(child processes: wall time and peak RSS); then our loader in this process, last after the
naive baseline and the ceiling at the sizes that compare loaders. Every latency query
runs on the graph it leaves. Concurrency runs on the largest graph. Then the local server
is restarted (the one checkpoint Community allows) to measure the store on disk, and
warmed up again for the next size. The offline importer (bulk) runs after every size:
it restarts the server too. Results are written after every step, so a run cut short
still leaves what it measured.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver

from actorgraph.settings import Settings
from bench.api_server import running_api
from bench.as_user import load_as_user, validate_as_user
from bench.bulk_import import bulk_cell, bulk_details, run_bulk
from bench.concurrency import measure_concurrency
from bench.datasets import CACHE, actors_for, size_label, synth_dataset
from bench.latency import QueryCase, measure_latency, pick_cases
from bench.load import measure_load, validate_dataset
from bench.report import describe_machine, describe_neo4j, new_result, write_outputs
from bench.store_size import checkpointed_store_mb
from loader import DEFAULT_BATCH_SIZE
from loader.generations import wipe

SECTIONS = ("load", "latency", "concurrency", "bulk")
RESULTS_DIR = Path(__file__).parent / "results"
# A load comparison (validation, ceiling, naive, loader) at a size is skipped by default
# when its loader alone is known to take longer than the 10-minute budget.
COMPARE_LIMIT = 100_000
# The unmeasured load that warms a JIT-cold server up: the smallest size, at most 10k
# (at `--sizes 10M` alone a warm-up of the size itself would add hours).
WARM_UP_LIMIT = 10_000

LIVE_INTERACTIONS = """
MATCH (d:Dataset {id: 'current'})
RETURN COUNT { MATCH (i:Interaction) WHERE i.gen = d.gen } AS interactions
"""


@dataclass
class Options:
    sizes: list[int]
    compare_sizes: set[int]
    sections: set[str] = field(default_factory=lambda: set(SECTIONS))
    # Sizes of the offline import (the bulk section); none unless asked, as it restarts
    # the server (`python -m bench` asks for the compare sizes).
    bulk_sizes: set[int] = field(default_factory=set)
    requests: int = 200
    max_query_seconds: float = 120.0
    naive_seconds: float = 60.0
    clients: list[int] = field(default_factory=lambda: [16, 64])
    concurrency_seconds: float = 20.0
    batch_size: int = DEFAULT_BATCH_SIZE
    reuse_graph: bool = False
    # Skip the separate `actorgraph validate` run before each user's load: load.validate_s
    # is then the load's own validation, and memory.validate_peak_rss_mb is not measured.
    skip_validate: bool = False
    cache: Path = CACHE
    out_dir: Path = RESULTS_DIR
    stem: str = field(default_factory=lambda: dt.date.today().isoformat())


Progress = Callable[[str], None]


def _release_memory() -> None:
    """Hand the validated dataset's memory back to the OS before the queries run."""
    gc.collect()
    # Not glibc: the memory then stays with the process, which is harmless.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _live_interactions(driver: Driver, database: str) -> int | None:
    try:
        records, _, _ = driver.execute_query(LIVE_INTERACTIONS, database_=database)
    except Exception:
        return None
    return records[0]["interactions"] if records else None


def run(driver: Driver, settings: Settings, options: Options, progress: Progress) -> dict[str, Any]:
    database = settings.neo4j_database
    result = _new_suite_result(driver, settings, options)
    written: list[Path] = []
    if "load" in options.sections:
        _warm_up(driver, database, options, progress)
        result["details"]["notes"].append(
            f"The server was warmed up first, and after each restart that measured a store, "
            f"by one unmeasured load of {size_label(_warm_up_size(options))}: on a JIT-cold "
            "server the first loader measured ran at a third of its speed."
        )
    for size in options.sizes:
        began = time.monotonic()
        _run_size(driver, settings, options, size, result, progress)
        if "load" in options.sections and settings.uses_local_server:
            _store_size(driver, settings, size, result, progress)
            if size != options.sizes[-1]:
                _warm_up(driver, database, options, progress)  # the restart left it JIT-cold
        progress(f"[{size_label(size)}] done in {time.monotonic() - began:.0f} s")
        # After every size, so that a run cut short still leaves what it measured.
        written = write_outputs(result, options.out_dir, options.stem)
    if "bulk" in options.sections:
        for size in sorted(options.bulk_sizes):
            _bulk_size(settings, options, size, result, progress)
            written = write_outputs(result, options.out_dir, options.stem)
    progress("wrote " + ", ".join(str(path) for path in written))
    return result


def _new_suite_result(driver: Driver, settings: Settings, options: Options) -> dict[str, Any]:
    neo4j_version, neo4j_memory = describe_neo4j(driver, settings.neo4j_database, settings)
    notes: list[str] = []
    result = new_result(
        describe_machine(),
        neo4j_version,
        {
            "date": options.stem,
            "neo4j_memory": neo4j_memory,
            "sizes": {
                size_label(n): {"actors": actors_for(n)}
                for n in sorted(set(options.sizes) | options.bulk_sizes)
            },
            "requests_per_query": options.requests,
            "load": {},
            "latency": {},
            "concurrency": {},
            "bulk": {},
            "notes": notes,
        },
    )
    for skipped in sorted(set(options.sizes) - options.compare_sizes):
        if "load" in options.sections:
            notes.append(
                f"{size_label(skipped)}: naive and ceiling not run, the three loaders would not "
                f"fit in 10 minutes at this size; load.{size_label(skipped)} has our loader's "
                "rate and the user's timings (--compare-sizes to force them)."
            )
    if "load" in options.sections:
        notes.append(
            "load.<size>.validate_s and load_s are the wall seconds of `actorgraph validate "
            "--strict` and `actorgraph load --wipe --yes` (into an emptied database), each "
            "in a child process as a user runs it, Python's start and the load's own "
            "validation included; memory.<size> has their peak RSS (the child's ru_maxrss). "
            "details.load.<size>.validate_s is the in-process validation before the loaders "
            "at the compare sizes; above them, loader_rows_s is the user's load's own time "
            "(shaping, writing, publishing), as it reports it."
        )
        if options.skip_validate:
            notes.append(
                "--skip-validate: no `actorgraph validate` was run, so validate_s is the "
                "load's own validation, as it reports it, and validate_peak_rss_mb is empty."
            )
    if not settings.uses_local_server:
        notes.append(
            f"No store sizes and no bulk import: the server ({settings.bolt_uri}) is not the "
            "local one, whose folders the suite could read and which it could stop."
        )
    return result


def _labelled(progress: Progress, label: str) -> Progress:
    return lambda message: progress(f"[{label}] {message}")


def _run_size(
    driver: Driver,
    settings: Settings,
    options: Options,
    size: int,
    result: dict[str, Any],
    progress: Progress,
) -> None:
    """Load the graph of one size (unless it is live already), then query it."""
    database = settings.neo4j_database
    needs_graph = "latency" in options.sections or (
        "concurrency" in options.sections and size == max(options.sizes)
    )
    compare = "load" in options.sections and size in options.compare_sizes
    reusable = options.reuse_graph and not compare
    if reusable and _live_interactions(driver, database) == size:
        progress(
            f"[{size_label(size)}] the live graph already holds {size} interactions; reusing it"
        )
    elif compare or needs_graph or "load" in options.sections:
        _load_size(driver, settings, options, size, compare, result, progress)
    if needs_graph:
        _query_size(driver, settings, options, size, result, progress)


def _load_size(
    driver: Driver,
    settings: Settings,
    options: Options,
    size: int,
    compare: bool,
    result: dict[str, Any],
    progress: Progress,
) -> None:
    database = settings.neo4j_database
    label = size_label(size)
    folder = synth_dataset(size, actors_for(size), options.cache)
    # First, while this process holds nothing of this size: the children's peaks share
    # the machine with it.
    as_user = (
        _as_user(driver, settings, folder, options.skip_validate, _labelled(progress, label))
        if "load" in options.sections
        else None
    )
    if as_user is not None and not compare and as_user["loader_s"] is not None:
        # The user's load left the graph the queries need; loading it again in this process
        # would only repeat the same figure (at 1M, a quarter of an hour).
        loader_s = as_user["loader_s"]
        row = {"loader_rows_s": round(size / loader_s, 1)}
        details = {"interactions": size, "loader_s": round(loader_s, 1), "loaded_by": "cli"}
    else:
        progress(f"[{label}] loading {folder.name}" + (" (3 loaders)" if compare else ""))
        row, details, _ = measure_load(
            driver,
            database,
            folder,
            naive_seconds=options.naive_seconds,
            batch_size=options.batch_size,
            compare=compare,
            progress=_labelled(progress, label),
        )
    if as_user is not None:
        result["load"][label] = {**row, **as_user["load"]}
        result["memory"][label] = as_user["memory"]
    result["details"]["load"][label] = details
    _release_memory()


def _store_size(
    driver: Driver, settings: Settings, size: int, result: dict[str, Any], progress: Progress
) -> None:
    """The store of the graph this size left, once the server has checkpointed it."""
    label = size_label(size)
    progress(f"[{label}] restarting the server to measure its store")
    store_mb = checkpointed_store_mb(driver, settings)
    result["store"][label] = {"store_mb": store_mb}
    progress(f"[{label}] store on disk: {store_mb:,.1f} MB")


def _as_user(
    driver: Driver, settings: Settings, folder: Path, skip_validate: bool, progress: Progress
) -> dict[str, Any]:
    """`actorgraph validate` and `actorgraph load` in child processes, on an emptied
    database: their wall seconds (for load.<size>) and peak RSS (for memory.<size>)."""
    wipe(driver, settings.neo4j_database)
    validated = None if skip_validate else validate_as_user(folder, settings)
    if validated is not None:
        progress(
            f"actorgraph validate: {validated.seconds:.1f} s, "
            f"peak RSS {validated.peak_rss_mb:,.0f} MB"
        )
    loaded = load_as_user(folder, settings)
    progress(f"actorgraph load: {loaded.seconds:.1f} s, peak RSS {loaded.peak_rss_mb:,.0f} MB")
    validate_s = validated.seconds if validated else loaded.validated_seconds()
    return {
        "loader_s": loaded.load_seconds(),
        "load": {
            "validate_s": None if validate_s is None else round(validate_s, 1),
            "load_s": round(loaded.seconds, 1),
        },
        "memory": {
            "validate_peak_rss_mb": round(validated.peak_rss_mb, 1) if validated else None,
            "load_peak_rss_mb": round(loaded.peak_rss_mb, 1),
        },
    }


def _bulk_size(
    settings: Settings, options: Options, size: int, result: dict[str, Any], progress: Progress
) -> None:
    """The offline import of this size (bench/bulk_import.py): the server is stopped, its
    database replaced by `neo4j-admin database import full`, and started again."""
    label = size_label(size)
    if not settings.uses_local_server:
        progress(f"[{label}] bulk skipped: {settings.bolt_uri} is not the local server")
        return
    folder = synth_dataset(size, actors_for(size), options.cache)
    report, validate_s = validate_dataset(folder)
    progress(f"[{label}] bulk: validated in {validate_s:.1f} s; importing (the server restarts)")
    run = run_bulk(settings, report)
    del report
    _release_memory()
    # A synth dataset holds exactly `size` interactions (details.load.<size>.interactions).
    result["bulk"][label] = bulk_cell(size, run)
    result["details"]["bulk"][label] = {**bulk_details(run), "validate_s": round(validate_s, 1)}
    progress(
        f"[{label}] bulk: {result['bulk'][label]['rows_s']:,.0f} interactions/s "
        f"({run.seconds:.1f} s end to end)"
    )


def _query_size(
    driver: Driver,
    settings: Settings,
    options: Options,
    size: int,
    result: dict[str, Any],
    progress: Progress,
) -> None:
    """Latency on the graph of this size; concurrency too when it is the largest."""
    database = settings.neo4j_database
    label = size_label(size)
    cases = pick_cases(driver, database)
    with running_api(settings) as base_url:
        if "latency" in options.sections:
            cells, details = measure_latency(
                driver,
                database,
                base_url,
                cases,
                requests=options.requests,
                max_seconds=options.max_query_seconds,
                progress=_labelled(progress, label),
            )
            for query, cell in cells.items():
                result["latency"].setdefault(query, {})[label] = cell
            result["details"]["latency"][label] = details
        if "concurrency" in options.sections and size == max(options.sizes):
            _concurrency(result, base_url, cases, options, label, progress)


def _warm_up_size(options: Options) -> int:
    return min(WARM_UP_LIMIT, *options.sizes)


def _warm_up(driver: Driver, database: str, options: Options, progress: Progress) -> None:
    size = _warm_up_size(options)
    folder = synth_dataset(size, actors_for(size), options.cache)
    progress(f"warm-up: loading {folder.name} once, unmeasured")
    measure_load(
        driver,
        database,
        folder,
        naive_seconds=0,
        batch_size=options.batch_size,
        compare=False,
        progress=lambda message: None,
    )


def _concurrency(
    result: dict[str, Any],
    base_url: str,
    cases: dict[str, list[QueryCase]],
    options: Options,
    label: str,
    progress: Progress,
) -> None:
    # The four queries interleaved, so every client sends the same mix.
    requests = [
        (case.api_path, case.api_params)
        for group in zip(*(cases[query] for query in cases if cases[query]), strict=False)
        for case in group
    ]
    result["details"]["concurrency"]["graph"] = label
    for clients in options.clients:
        row, details = measure_concurrency(base_url, requests, clients, options.concurrency_seconds)
        result["concurrency"][str(clients)] = row
        result["details"]["concurrency"][str(clients)] = details
        progress(
            f"[{label}] {clients} clients: {row['rps']:.0f} requests/s, "
            f"{row['errors']} errors, p99 {row['p99_ms']:.0f} ms"
        )
