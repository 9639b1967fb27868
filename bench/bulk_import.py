"""The offline ceiling: the loader's rows through `neo4j-admin database import full`, beside
the online loader on the same files, in one run.

Run on demand against the local server of the current settings (it is stopped, its
database overwritten, and started again; reload the seed afterwards):

    python -m bench.bulk_import --size 100k [--repeat 2] [--snapshot]

The bulk path is timed end to end, phase by phase: shaping the rows (the loader's own
code), writing the CSV files, stopping the server, the import, starting the server,
applying the schema (its indexes are built on the imported data). The online path is
`load_paths` as bench/load.py times it. Validation precedes both and is timed apart. With
`--repeat`, the two paths alternate, so that the ratio holds on a noisy machine.

The imported graph is checked against the loader's: nodes by label, relationships by
type, and canned queries through the live pointer; with `--snapshot`, the whole live
generation (loader/snapshot.py, too heavy for 1M).
"""

from __future__ import annotations

import argparse
import getpass
import json
import shutil
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from actorgraph import neo4j_server
from actorgraph.database import open_driver
from actorgraph.queries import load_statement
from actorgraph.settings import Settings, get_settings
from bench.bulk_checks import GraphFacts, compare, graph_facts
from bench.bulk_csv import ARRAY_DELIMITER_OPTION, TABLES, Written, publication, write_table
from bench.datasets import actors_for, parse_size, size_label, synth_dataset
from bench.load import run_loader, validate_dataset
from loader import DEFAULT_BATCH_SIZE
from loader.gc_pause import gc_paused
from loader.row_stream import RowStream
from loader.rows import Rows
from loader.schema import apply_schema
from loader.stored_sources import load_time, stamp_sources
from loader.validation import ValidationReport

GEN = 1


@dataclass
class BulkRun:
    phases: dict[str, float] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0

    @property
    def seconds(self) -> float:
        return sum(self.phases.values())

    def timed(self, phase: str, step: Callable[[], Any]) -> Any:
        began = time.monotonic()
        result = step()
        self.phases[phase] = time.monotonic() - began
        return result


def shaped_rows(report: ValidationReport) -> tuple[Rows, str]:
    """The rows and their digest exactly as `write_dataset` shapes them for a first load."""
    with gc_paused():
        stream = RowStream(report)
        rows = stream.collect(stamp_sources(stream.sources, report, [], {}, at=load_time()))
    return rows, stream.digest()


def write_csv(rows: Rows, digest: str, folder: Path) -> list[Written]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = [r["id"] for r in rows.sources]
    at = datetime.now(UTC).replace(microsecond=0)
    by = f"{getpass.getuser()}@{socket.gethostname()}"
    pointer = publication(GEN, sources, digest, at, by)
    with gc_paused():
        return [write_table(table, rows, GEN, folder) for table in (*TABLES, pointer)]


def import_command(database: str, files: list[Written], report: Path) -> list[str]:
    nodes = [f"--nodes={w.path}" for w in files if w.nodes]
    links = [f"--relationships={w.path}" for w in files if not w.nodes]
    return [
        "database", "import", "full", database,
        "--overwrite-destination=true",
        f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        f"--multiline-fields={'true' if any(w.multiline for w in files) else 'false'}",
        f"--report-file={report}",
        f"--read-buffer-size={read_buffer(files)}",
        *nodes, *links,
    ]  # fmt: skip


def read_buffer(files: list[Written]) -> int:
    """Bytes the importer reads at once: its default, 4 MiB, or room for the longest line
    (a stored source file at 1M interactions is longer: "no newline character in the
    whole buffer")."""
    return max(4 * 1024 * 1024, 4 * max(w.longest for w in files))


def run_import(server: neo4j_server.LocalServer, args: list[str]) -> None:
    result = neo4j_server.run_admin(server, *args, timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(f"the import failed:\n{(result.stdout + result.stderr)[-3000:]}")


def schema(settings: Settings) -> None:
    with open_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)


def fill_empty_lists(settings: Settings) -> None:
    """What the importer cannot store: each record's empty lists (see bulk_csv.EMPTY_LISTS)."""
    with open_driver(settings) as driver, driver.session(database=settings.neo4j_database) as s:
        for name in ("bulk_empty_lists_nodes", "bulk_empty_lists_relationships"):
            s.run(load_statement(name).cypher).consume()


def run_bulk(settings: Settings, report: ValidationReport) -> BulkRun:
    server = neo4j_server.LocalServer.from_settings(settings)
    folder = server.home / "import" / "bulk"
    run = BulkRun()
    rows, digest = run.timed("rows", lambda: shaped_rows(report))
    files: list[Written] = run.timed("csv", partial(write_csv, rows, digest, folder))
    del rows
    run.nodes = sum(w.records for w in files if w.nodes)
    run.relationships = sum(w.records for w in files if not w.nodes)
    args = import_command(settings.neo4j_database, files, folder / "import.report")
    run.timed("stop", lambda: neo4j_server.stop(server))
    run.timed("import", lambda: run_import(server, args))
    run.timed("start", lambda: neo4j_server.start(server))
    run.timed("empty_lists", lambda: fill_empty_lists(settings))
    run.timed("schema", lambda: schema(settings))
    return run


def bulk_cell(interactions: int, run: BulkRun) -> dict[str, float]:
    """The result JSON's `bulk.<size>`: interactions per second end to end, and the seconds."""
    return {"rows_s": round(interactions / run.seconds, 1), "seconds": round(run.seconds, 1)}


def bulk_details(run: BulkRun) -> dict[str, Any]:
    """What the report keeps beside it: each phase's seconds and what was imported."""
    return {
        "phases_s": {phase: round(seconds, 1) for phase, seconds in run.phases.items()},
        "nodes": run.nodes,
        "relationships": run.relationships,
    }


def run_online(settings: Settings, folder: Path, report: ValidationReport) -> float:
    with open_driver(settings) as driver:
        return run_loader(driver, settings.neo4j_database, folder, report, DEFAULT_BATCH_SIZE)


def facts(settings: Settings, snapshot: bool) -> GraphFacts:
    with open_driver(settings) as driver:
        return graph_facts(driver, settings.neo4j_database, snapshot=snapshot)


def measure(size: int, repeat: int, snapshot: bool) -> dict[str, Any]:
    settings = get_settings()
    neo4j_server.start(neo4j_server.LocalServer.from_settings(settings))
    folder = synth_dataset(size, actors_for(size))
    report, validate_s = validate_dataset(folder)
    interactions = sum(f.counts["interactions"] for f in report.files)
    print(f"validated {interactions} interactions in {validate_s:.1f} s")
    online_s: list[float] = []
    bulk: list[BulkRun] = []
    checked: dict[str, GraphFacts] = {}
    for round_ in range(repeat):
        # Alternate which goes first, so that neither always meets a warmer machine.
        for path in ("online", "bulk") if round_ % 2 == 0 else ("bulk", "online"):
            if path == "online":
                online_s.append(run_online(settings, folder, report))
                print(f"online: {online_s[-1]:.1f} s")
            else:
                bulk.append(run_bulk(settings, report))
                phases = ", ".join(f"{k} {v:.1f}" for k, v in bulk[-1].phases.items())
                print(f"bulk: {bulk[-1].seconds:.1f} s ({phases})")
            if round_ == 0:
                checked[path] = facts(settings, snapshot)
    differences = compare(checked["online"], checked["bulk"])
    print("graphs:", "identical in what was compared" if not differences else "DIFFER")
    for difference in differences:
        print("  ", difference)
    return summary(size, interactions, online_s, bulk)


def summary(
    size: int, interactions: int, online_s: list[float], bulk: list[BulkRun]
) -> dict[str, Any]:
    best_online = min(online_s)
    best_bulk = min(bulk, key=lambda run: run.seconds)
    label = size_label(size)
    print(f"online best {best_online:.1f} s of {[round(s, 1) for s in online_s]}")
    print(f"bulk best {best_bulk.seconds:.1f} s of {[round(r.seconds, 1) for r in bulk]}")
    phases = {k: round(v, 1) for k, v in best_bulk.phases.items()}
    print(f"bulk phases (best run): {phases}")
    print(f"imported {best_bulk.nodes} nodes, {best_bulk.relationships} relationships")
    ratio = best_online / best_bulk.seconds
    print(f"bulk over online: {ratio:.2f}x ({'meets' if ratio >= 5 else 'below'} the 5x threshold)")
    fragment = {"bulk": {label: bulk_cell(interactions, best_bulk)}}
    print(json.dumps(fragment))
    return fragment


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk_import", description=__doc__)
    parser.add_argument("--size", default="100k", help="interactions: 100k, 1M ...")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of both paths")
    parser.add_argument("--snapshot", action="store_true", help="compare the whole graphs")
    options = parser.parse_args()
    measure(parse_size(options.size), options.repeat, options.snapshot)


if __name__ == "__main__":
    main()
