"""Load throughput: our loader against the naive one-MERGE-per-record baseline, in one run.

    python bench/load_throughput.py --interactions 100000 [--naive-seconds 60]

Uses the local Neo4j that `make neo4j` runs (or NEO4J_URI) and WIPES it. Synth datasets
are cached in bench/cache/.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from actorgraph.database import apply_schema, connect
from actorgraph.settings import get_settings, read_versions
from bench.naive_loader import naive_load
from loader.graph_writer import build_rows, load_paths, wipe
from loader.synth import generate
from loader.validation import validate_paths

CACHE = Path(__file__).parent / "cache"


def synth_dataset(interactions: int, actors: int) -> Path:
    folder = CACHE / f"synth-{interactions}-{actors}"
    if not (folder / ".complete").exists():
        generate(folder, actors=actors, interactions=interactions, seed=1)
        (folder / ".complete").touch()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--naive-seconds", type=float, default=60.0)
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args()

    settings = get_settings()
    folder = synth_dataset(args.interactions, args.actors)
    began = time.monotonic()
    report = validate_paths([folder], sources_dir=folder / "sources", strict=True)
    validate_s = time.monotonic() - began
    with connect(settings) as driver:
        db = settings.neo4j_database
        wipe(driver, db)
        apply_schema(driver, db)
        summary = load_paths(
            driver,
            [folder],
            database=db,
            sources_dir=folder / "sources",
            batch_size=args.batch_size,
            validated=report,
            wipe_first=True,
        )
        loader_rate = args.interactions / summary.seconds
        wipe(driver, db)
        rows = build_rows(report.files, report.offsets)
        driver.execute_query(
            "UNWIND $ids AS id MERGE (:Source {id: id, gen: 1})",
            ids=[r["id"] for r in rows.sources],
            database_=db,
        )
        naive = naive_load(driver, rows, database=db, gen=1, time_limit=args.naive_seconds)
        wipe(driver, db)
    result = {
        "machine": f"{platform.node()} ({platform.machine()}, {platform.processor() or 'cpu'})",
        "neo4j": read_versions()["NEO4J_VERSION"],
        "interactions": args.interactions,
        "validate_s": round(validate_s, 1),
        "loader_s": round(summary.seconds, 1),
        "loader_rows_s": round(loader_rate),
        "naive_rows_s": round(naive.rows_per_second, 1),
        "naive_sample": naive.interactions,
        "loader_over_naive": round(loader_rate / naive.rows_per_second, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
