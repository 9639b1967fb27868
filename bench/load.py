"""Section 1: load throughput of our loader, the naive baseline and a raw ceiling.

All three write the same dataset to the same server in one run, so their ratios hold
even on a noisy machine. Every rate counts interactions per second of writing; the
validation that precedes a real load is timed apart (`validate_s`), since neither the
naive baseline nor the ceiling validates.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver

from bench.naive_loader import naive_load
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS
from loader.gc_pause import gc_paused
from loader.generations import wipe
from loader.load import load_paths
from loader.row_stream import build_rows
from loader.rows import Rows
from loader.schema import apply_schema
from loader.validation import ValidationReport, validate_paths
from loader.writer import write_plan, write_rows

CEILING_GENERATION = 1
# The loader's own statements with every node MERGE turned into a CREATE: the same graph
# from the same pre-shaped rows, written by the same parallel writers, minus what makes a
# load safe (validation, MERGE, shaping the rows, generations and their clean-up, the digest).
CEILING_PLAN: tuple[tuple[str, str], ...] = tuple(
    (name, statement.replace("MERGE (", "CREATE (")) for name, statement in write_plan()
)
assert not any("MERGE" in statement for _, statement in CEILING_PLAN)


@dataclass(frozen=True)
class LoadedGraph:
    """What the loader left in the database, for the latency section to measure."""

    interactions: int
    loader_seconds: float
    validate_seconds: float


def validate_dataset(folder: Path) -> tuple[ValidationReport, float]:
    began = time.monotonic()
    report = validate_paths([folder], sources_dir=folder / "sources", strict=True)
    if not report.ok:
        raise RuntimeError(f"the synth dataset {folder} does not validate: {report.errors[:3]}")
    return report, time.monotonic() - began


def run_loader(
    driver: Driver, database: str, folder: Path, report: ValidationReport, batch_size: int
) -> float:
    """Our loader on an empty graph; returns its seconds (rows shaped, written, published)."""
    wipe(driver, database)
    apply_schema(driver, database)
    summary = load_paths(
        driver,
        [folder],
        database=database,
        sources_dir=folder / "sources",
        batch_size=batch_size,
        given=report,
        wipe_first=True,
    )
    return summary.seconds


def run_naive(driver: Driver, database: str, rows: Rows, seconds: float) -> tuple[float, int]:
    """The baseline over a sample capped at `seconds`; returns (rows/s, interactions written)."""
    wipe(driver, database)
    apply_schema(driver, database)
    # Sources exist before the first record, as they would for a py2neo-era script.
    driver.execute_query(
        "UNWIND $ids AS id MERGE (:Source {id: id, gen: $gen})",
        ids=[source["id"] for source in rows.sources],
        gen=CEILING_GENERATION,
        database_=database,
    )
    run = naive_load(driver, rows, database=database, gen=CEILING_GENERATION, time_limit=seconds)
    return run.rows_per_second, run.interactions


def run_ceiling(driver: Driver, database: str, rows: Rows, batch_size: int) -> float:
    """CREATE every pre-shaped row with the loader's batches and writers; returns seconds."""
    wipe(driver, database)
    apply_schema(driver, database)
    began = time.monotonic()
    with gc_paused():
        write_rows(
            driver,
            rows,
            CEILING_PLAN,
            database=database,
            gen=CEILING_GENERATION,
            batch_size=batch_size,
            writers=DEFAULT_WRITERS,
        )
    return time.monotonic() - began


def measure_load(
    driver: Driver,
    database: str,
    folder: Path,
    *,
    naive_seconds: float,
    batch_size: int = DEFAULT_BATCH_SIZE,
    compare: bool = True,
    progress: Any = print,
) -> tuple[dict[str, float], dict[str, Any], LoadedGraph]:
    """Load `folder` (the loader runs last, so its graph stays for the latency section).

    With `compare`, the ceiling and the naive baseline run first on the same server.
    Returns the result row, details for the report, and what is now loaded.
    """
    report, validate_s = validate_dataset(folder)
    interactions = sum(f.counts["interactions"] for f in report.files)
    progress(f"validated {interactions} interactions in {validate_s:.1f} s")
    row: dict[str, float] = {}
    details: dict[str, Any] = {"interactions": interactions, "validate_s": round(validate_s, 1)}
    if compare:
        with gc_paused():
            rows = build_rows(report)
        ceiling_s = run_ceiling(driver, database, rows, batch_size)
        row["ceiling_rows_s"] = round(interactions / ceiling_s, 1)
        progress(f"ceiling: {row['ceiling_rows_s']:.0f} interactions/s ({ceiling_s:.1f} s)")
        naive_rate, naive_sample = run_naive(driver, database, rows, naive_seconds)
        row["naive_rows_s"] = round(naive_rate, 1)
        details["naive_sample"] = naive_sample
        progress(f"naive: {naive_rate:.0f} interactions/s over {naive_sample} interactions")
        del rows
        gc.collect()
    loader_s = run_loader(driver, database, folder, report, batch_size)
    row["loader_rows_s"] = round(interactions / loader_s, 1)
    details["loader_s"] = round(loader_s, 1)
    details["loader_with_validation_rows_s"] = round(interactions / (loader_s + validate_s), 1)
    progress(f"loader: {row['loader_rows_s']:.0f} interactions/s ({loader_s:.1f} s)")
    if compare:
        details["loader_over_naive"] = round(row["loader_rows_s"] / row["naive_rows_s"], 2)
        details["loader_over_ceiling"] = round(row["loader_rows_s"] / row["ceiling_rows_s"], 2)
        ordered = ("loader_rows_s", "naive_rows_s", "ceiling_rows_s")
        row = {key: row[key] for key in ordered}
    return row, details, LoadedGraph(interactions, loader_s, validate_s)
