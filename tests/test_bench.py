"""Smoke test of the benchmark suite (bench/): every section runs on a tiny synth graph
and writes the JSON shape of issue 6. Speed itself is measured by `make bench`, never here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checkout import PROJECT_ROOT
from neo4j import Driver

from actorgraph.settings import Settings

# bench/ is a dev tool run from the checkout (`python -m bench`), not an installed package,
# so pytest, which does not put the project root on sys.path, needs it there to import it.
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.datasets import parse_size, size_label
from bench.latency import QUERIES, percentiles
from bench.suite import Options, run

LATENCY_KEYS = {
    "api_p50_ms", "api_p95_ms", "api_p99_ms", "direct_p50_ms", "direct_p95_ms", "direct_p99_ms",
}  # fmt: skip


def test_size_labels_round_trip() -> None:
    for size, label in ((10_000, "10k"), (100_000, "100k"), (1_000_000, "1M"), (250, "250")):
        assert size_label(size) == label
        assert parse_size(label) == size


def test_percentiles_of_a_known_sample() -> None:
    p50, p95, p99 = percentiles([float(n) for n in range(1, 102)])
    assert (p50, p95, p99) == (51.0, 96.0, 100.0)


def test_the_suite_runs_on_a_tiny_graph_and_writes_the_issue_shape(
    graph: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    options = Options(
        sizes=[200, 400],
        compare_sizes={200},
        requests=4,
        max_query_seconds=10,
        naive_seconds=0.5,
        clients=[2],
        concurrency_seconds=1,
        cache=tmp_path / "cache",
        out_dir=tmp_path / "results",
        stem="smoke",
    )
    result = run(graph, test_settings, options, progress=lambda message: None)

    written = json.loads((tmp_path / "results" / "smoke.json").read_text())
    assert written == json.loads(json.dumps(result))
    assert {"machine", "neo4j", "load", "latency", "concurrency"} <= set(written)
    assert set(written["load"]) == {"200"}
    for row in written["load"].values():
        assert set(row) == {"loader_rows_s", "naive_rows_s", "ceiling_rows_s"}
        assert all(value > 0 for value in row.values())
    assert set(written["latency"]) == set(QUERIES)
    for by_size in written["latency"].values():
        assert set(by_size) == {"200", "400"}
        for cell in by_size.values():
            assert set(cell) == LATENCY_KEYS
            assert all(value > 0 for value in cell.values())
    assert set(written["concurrency"]) == {"2"}
    assert set(written["concurrency"]["2"]) == {"rps", "errors", "p99_ms"}
    assert written["concurrency"]["2"]["errors"] == 0
    assert set(written["details"]["ratios"]["p50_growth"]) == set(QUERIES)
    markdown = (tmp_path / "results" / "smoke.md").read_text()
    assert "| contacts | 400 |" in markdown
    assert (tmp_path / "results" / "smoke.png").read_bytes().startswith(b"\x89PNG")
