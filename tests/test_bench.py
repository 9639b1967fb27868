"""Smoke test of the benchmark suite (bench/): every section runs on a tiny synth graph
and writes the JSON shape of issues 6 and 17. Speed itself is measured by `make bench`,
never here; the bulk section (which restarts its server) is shaped from a made-up run."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT
from neo4j import Driver

from actorgraph.settings import Settings

# bench/ is a dev tool run from the checkout (`python -m bench`), not an installed package,
# so pytest, which does not put the project root on sys.path, needs it there to import it.
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.__main__ import parse_args
from bench.as_user import ChildRun, run_measured
from bench.bulk_import import BulkRun, bulk_cell
from bench.datasets import actors_for, parse_size, size_label
from bench.latency import QUERIES, percentiles
from bench.report import finish, markdown, new_result
from bench.store_size import folder_mb
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


def test_10m_is_a_size_on_demand_and_bulk_runs_at_the_compare_sizes() -> None:
    assert actors_for(parse_size("10M")) == 200_000
    default = parse_args([])
    assert 10_000_000 not in default.sizes
    assert default.bulk_sizes is None  # main() then takes the compare sizes
    asked = parse_args(["--sizes", "1M,10M", "--bulk-sizes", "1M"])
    assert (asked.sizes, asked.bulk_sizes) == ([1_000_000, 10_000_000], [1_000_000])


def test_a_childs_peak_rss_is_its_own_not_the_largest_of_all_children() -> None:
    allocate = "b = bytearray(200 * 1024 * 1024)"  # zeroed, so every page is touched
    large = run_measured([sys.executable, "-c", allocate], dict(os.environ))
    small = run_measured([sys.executable, "-c", "pass"], dict(os.environ))
    assert 200 <= large.peak_rss_mb < 400
    assert small.peak_rss_mb < 100
    assert small.seconds > 0


def test_a_loads_own_validation_time_stands_in_for_a_skipped_validate_run() -> None:
    # What `actorgraph load` prints: its validation, then warnings, bars and its summary.
    printed = (
        "Validated 2 file(s) in 12.5 s.\n"
        + "Warning: synth-0001.yaml: source: text_file: quotes cover 99% of the text\n" * 40
        + "Loaded 2 source(s) as generation 1: 10 interactions, ..., in 3.0 s.\n"
    )
    loaded = ChildRun(seconds=20.0, peak_rss_mb=100.0, output=printed)
    assert (loaded.validated_seconds(), loaded.load_seconds()) == (12.5, 3.0)
    assert parse_args(["--skip-validate"]).skip_validate


def test_a_failing_child_raises_with_its_output() -> None:
    failing = [sys.executable, "-c", "import sys; print('the reason'); sys.exit(3)"]
    with pytest.raises(RuntimeError, match=r"exited 3:\nthe reason"):
        run_measured(failing, dict(os.environ))


def test_a_folders_size_is_what_its_files_take_on_disk(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "store").write_bytes(os.urandom(3 * 1024 * 1024))
    (tmp_path / "empty").touch()
    assert folder_mb(tmp_path) == 3.0


def test_the_new_sections_are_reported_and_compared() -> None:
    result = new_result("machine", "5.26 community", {"date": "d", "neo4j_memory": "heap"})
    result["load"]["100k"] = {
        "loader_rows_s": 1000.0, "naive_rows_s": 50.0, "ceiling_rows_s": 1250.0,
        "validate_s": 20.5, "load_s": 130.2,
    }  # fmt: skip
    result["load"]["1M"] = {"loader_rows_s": 1200.0, "validate_s": 230.0, "load_s": 850.0}
    result["memory"]["100k"] = {"validate_peak_rss_mb": 900.0, "load_peak_rss_mb": 2100.0}
    result["store"]["100k"] = {"store_mb": 310.0}
    run = BulkRun(phases={"rows": 10.0, "csv": 20.0, "import": 20.0})
    result["bulk"]["100k"] = bulk_cell(100_000, run)
    assert result["bulk"]["100k"] == {"rows_s": 2000.0, "seconds": 50.0}

    finish(result)
    assert result["details"]["ratios"]["bulk_over_loader"] == {"100k": 2.0}
    assert result["details"]["ratios"]["load"] == {
        "100k": {"loader_over_naive": 20.0, "loader_over_ceiling": 0.8}
    }
    text = markdown(result)
    assert "| 100k | 1,000 | 50.0 | 1,250 | 20.0× | 0.8× | 20.5 | 130 |" in text
    assert "| 1M | 1,200 | – | – | –× | –× | 230 | 850 |" in text
    assert "| 100k | 900 | 2,100 | 310 |" in text
    assert "| 100k | 2,000 | 50.0 | 1,000 | 2.0× |" in text


def test_a_result_written_before_the_new_sections_still_renders() -> None:
    old = new_result("machine", "5.26", {"date": "d", "neo4j_memory": "heap"})
    for section in ("memory", "store", "bulk"):
        del old[section]
    old["load"]["10k"] = {"loader_rows_s": 1.0, "naive_rows_s": 1.0, "ceiling_rows_s": 1.0}
    assert "Memory" not in markdown(finish(old))


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
    sections = {"load", "memory", "store", "bulk", "latency", "concurrency"}
    assert {"machine", "neo4j"} | sections <= set(written)
    assert set(written["load"]) == {"200", "400"}
    assert set(written["load"]["200"]) == {
        "loader_rows_s", "naive_rows_s", "ceiling_rows_s", "validate_s", "load_s",
    }  # fmt: skip
    assert set(written["load"]["400"]) == {"loader_rows_s", "validate_s", "load_s"}
    for row in written["load"].values():
        assert all(value > 0 for value in row.values())
    assert set(written["memory"]) == {"200", "400"}
    for cell in written["memory"].values():
        assert set(cell) == {"validate_peak_rss_mb", "load_peak_rss_mb"}
        # Python and the loader's imports alone take tens of MB; more than 2 GB is not ours.
        assert all(20 < value < 2000 for value in cell.values())
    # Sizes on disk only for a local server, which the suite can stop to read its store.
    if test_settings.uses_local_server:
        assert set(written["store"]) == {"200", "400"}
        assert all(cell["store_mb"] > 0 for cell in written["store"].values())
    else:
        assert written["store"] == {}
    assert written["bulk"] == {}  # it restarts the server: asked for by python -m bench only
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
