"""The suite's outputs: bench/results/<date>.json, a Markdown table and a PNG plot."""

from __future__ import annotations

import json
import math
import os
import platform
from pathlib import Path
from typing import Any

from neo4j import Driver

from actorgraph.settings import Settings
from bench.datasets import parse_size

# Targets of issue 6: goals to report against, not tests.
LOADER_OVER_NAIVE_TARGET = 30.0
LOADER_OVER_CEILING_TARGET = 0.5
API_OVER_DIRECT_TARGET = 1.3
P50_GROWTH_TARGET = 1.5


def describe_machine() -> str:
    cpu = platform.processor() or platform.machine()
    memory_gib = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024)
                break
    except OSError:
        pass
    memory = f", {memory_gib} GiB RAM" if memory_gib else ""
    return f"{os.cpu_count()}-core {cpu}{memory}, {platform.system()} {platform.release()}"


def describe_neo4j(driver: Driver, database: str, settings: Settings) -> tuple[str, str]:
    """The server's version, and its memory settings (those of the local server we run)."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition AS e",
        database_=database,
        routing_="r",
    )
    version = f"{records[0]['v']} {records[0]['e']}" if records else "unknown"
    memory = (
        f"heap {settings.actorgraph_heap}, page cache {settings.actorgraph_pagecache}"
        if settings.uses_local_server
        else f"remote server {settings.bolt_uri}"
    )
    return version, memory


def new_result(machine: str, neo4j: str, details: dict[str, Any]) -> dict[str, Any]:
    """The issue's JSON shape; everything else (ratios, notes, samples) goes under details.

    Each section is keyed by size ("10k", "1M"), but concurrency by client count:
    load: interactions/s of our loader, the naive one, the ceiling; validate_s and load_s,
      the wall seconds of `actorgraph validate` and `actorgraph load` as a user runs them
    memory: the peak RSS (MB) of those two commands
    store: the database's store folder on disk (MB), checkpointed, holding the loader's graph
    bulk: interactions/s and seconds of `neo4j-admin database import full`, end to end
    """
    return {
        "machine": machine,
        "neo4j": neo4j,
        "load": {},
        "memory": {},
        "store": {},
        "bulk": {},
        "latency": {},
        "concurrency": {},
        "details": details,
    }


def _ordered_sizes(cells: dict[str, Any]) -> list[str]:
    return sorted(cells, key=parse_size)


def compute_ratios(result: dict[str, Any]) -> dict[str, Any]:
    ratios: dict[str, Any] = {
        "load": {},
        "bulk_over_loader": {},
        "api_over_direct_p50": {},
        "p50_growth": {},
    }
    for size, row in result["load"].items():
        if {"naive_rows_s", "ceiling_rows_s"} <= set(row):
            ratios["load"][size] = {
                "loader_over_naive": round(row["loader_rows_s"] / row["naive_rows_s"], 2),
                "loader_over_ceiling": round(row["loader_rows_s"] / row["ceiling_rows_s"], 2),
            }
    for size, cell in result.get("bulk", {}).items():
        loader = result["load"].get(size, {}).get("loader_rows_s")
        if loader:
            ratios["bulk_over_loader"][size] = round(cell["rows_s"] / loader, 2)
    for query, by_size in result["latency"].items():
        ratios["api_over_direct_p50"][query] = {
            size: round(cell["api_p50_ms"] / cell["direct_p50_ms"], 2)
            for size, cell in by_size.items()
        }
        sizes = _ordered_sizes(by_size)
        if len(sizes) >= 2:
            small, large = by_size[sizes[0]], by_size[sizes[-1]]
            ratios["p50_growth"][query] = {
                "from": sizes[0],
                "to": sizes[-1],
                "api": round(large["api_p50_ms"] / small["api_p50_ms"], 2),
                "direct": round(large["direct_p50_ms"] / small["direct_p50_ms"], 2),
            }
    return ratios


def check_targets(result: dict[str, Any], ratios: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []
    load_sizes = _ordered_sizes(ratios["load"])
    if load_sizes:
        size = load_sizes[-1]
        for key, goal in (
            ("loader_over_naive", LOADER_OVER_NAIVE_TARGET),
            ("loader_over_ceiling", LOADER_OVER_CEILING_TARGET),
        ):
            value = ratios["load"][size][key]
            checks.append(
                {"target": f"{key} >= {goal} at {size}", "value": value, "met": value >= goal}
            )
    for query, by_size in ratios["api_over_direct_p50"].items():
        worst = max(by_size.values())
        checks.append(
            {
                "target": f"{query}: API p50 <= {API_OVER_DIRECT_TARGET}x direct at every size",
                "value": worst,
                "met": worst <= API_OVER_DIRECT_TARGET,
            }
        )
    for query, growth in ratios["p50_growth"].items():
        checks.append(
            {
                "target": f"{query}: p50({growth['to']})/p50({growth['from']}) "
                f"<= {P50_GROWTH_TARGET} (API; direct {growth['direct']})",
                "value": growth["api"],
                "met": growth["api"] <= P50_GROWTH_TARGET,
            }
        )
    for clients, row in result["concurrency"].items():
        checks.append(
            {
                "target": f"{clients} clients: zero errors",
                "value": row["errors"],
                "met": row["errors"] == 0,
            }
        )
    return checks


def finish(result: dict[str, Any]) -> dict[str, Any]:
    """Fill in the ratios and the target checks from the measured cells."""
    ratios = compute_ratios(result)
    result["details"]["ratios"] = ratios
    result["details"]["targets"] = check_targets(result, ratios)
    return result


def _fmt(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def markdown(result: dict[str, Any]) -> str:
    details = result["details"]
    ratios = details.get("ratios", {})
    lines = [
        f"# Benchmarks, {details['date']}",
        "",
        f"Machine: {result['machine']}. Neo4j {result['neo4j']} ({details['neo4j_memory']}), "
        "everything on 127.0.0.1.",
        "",
    ]
    if result["load"]:
        lines += _load_table(result["load"], ratios)
    # .get: results written before these sections existed are rendered again too.
    if result.get("memory") or result.get("store"):
        lines += _memory_table(result.get("memory", {}), result.get("store", {}))
    if result.get("bulk"):
        lines += _bulk_table(result["bulk"], result["load"], ratios)
    if result["latency"]:
        lines += _latency_tables(result["latency"], ratios)
    if result["concurrency"]:
        lines += _concurrency_table(result["concurrency"], details.get("concurrency", {}))
    if details.get("targets"):
        lines += ["## Targets", ""]
        for check in details["targets"]:
            mark = "met" if check["met"] else "**missed**"
            lines.append(f"- {check['target']}: {check['value']} — {mark}")
        lines.append("")
    if details.get("notes"):
        lines += ["## Notes", ""] + [f"- {note}" for note in details["notes"]] + [""]
    return "\n".join(lines)


def _load_table(load: dict[str, Any], ratios: dict[str, Any]) -> list[str]:
    lines = [
        "## Load throughput (interactions/s)",
        "",
        "| size | loader | naive | ceiling | loader/naive | loader/ceiling "
        "| `actorgraph validate` (s) | `actorgraph load` (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in _ordered_sizes(load):
        row = load[size]
        r = ratios.get("load", {}).get(size, {})
        lines.append(
            f"| {size} | {_fmt(row.get('loader_rows_s'))} | {_fmt(row.get('naive_rows_s'))} "
            f"| {_fmt(row.get('ceiling_rows_s'))} | {r.get('loader_over_naive', '–')}× "
            f"| {r.get('loader_over_ceiling', '–')}× | {_fmt(row.get('validate_s'))} "
            f"| {_fmt(row.get('load_s'))} |"
        )
    lines += [
        "",
        "The rates time the writing alone (rows shaped, written, published), in this process; "
        "the last two columns are the wall time of each command as a user runs it, Python's "
        "start and the load's own validation included.",
    ]
    return [*lines, ""]


def _memory_table(memory: dict[str, Any], store: dict[str, Any]) -> list[str]:
    lines = [
        "## Memory and disk (MB)",
        "",
        "| size | `actorgraph validate` peak RSS | `actorgraph load` peak RSS | store on disk |",
        "|---|---:|---:|---:|",
    ]
    for size in _ordered_sizes({**memory, **store}):
        rss, disk = memory.get(size, {}), store.get(size, {})
        lines.append(
            f"| {size} | {_fmt(rss.get('validate_peak_rss_mb'))} "
            f"| {_fmt(rss.get('load_peak_rss_mb'))} | {_fmt(disk.get('store_mb'))} |"
        )
    return [*lines, ""]


def _bulk_table(bulk: dict[str, Any], load: dict[str, Any], ratios: dict[str, Any]) -> list[str]:
    lines = [
        "## Offline import (`neo4j-admin database import full`, end to end)",
        "",
        "| size | bulk interactions/s | bulk seconds | loader interactions/s | bulk/loader |",
        "|---|---:|---:|---:|---:|",
    ]
    for size in _ordered_sizes(bulk):
        cell = bulk[size]
        ratio = ratios.get("bulk_over_loader", {}).get(size, "–")
        lines.append(
            f"| {size} | {_fmt(cell['rows_s'])} | {_fmt(cell['seconds'])} "
            f"| {_fmt(load.get(size, {}).get('loader_rows_s'))} | {ratio}× |"
        )
    lines += [
        "",
        "From the loader's rows to a started server with its indexes: rows, CSV, stop, "
        "import, start, empty lists, schema (details.bulk has each phase); validation apart.",
    ]
    return [*lines, ""]


def _latency_tables(latency: dict[str, Any], ratios: dict[str, Any]) -> list[str]:
    lines = [
        "## Query latency (ms)",
        "",
        "| query | size | API p50 | API p95 | API p99 | direct p50 | direct p95 "
        "| direct p99 | API/direct p50 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for query, by_size in latency.items():
        for size in _ordered_sizes(by_size):
            c = by_size[size]
            ratio = ratios.get("api_over_direct_p50", {}).get(query, {}).get(size, "–")
            lines.append(
                f"| {query} | {size} | {_fmt(c['api_p50_ms'])} | {_fmt(c['api_p95_ms'])} "
                f"| {_fmt(c['api_p99_ms'])} | {_fmt(c['direct_p50_ms'])} "
                f"| {_fmt(c['direct_p95_ms'])} | {_fmt(c['direct_p99_ms'])} | {ratio}× |"
            )
    lines.append("")
    growth = ratios.get("p50_growth", {})
    if growth:
        lines += ["| query | p50 growth, API | p50 growth, direct |", "|---|---:|---:|"]
        for query, g in growth.items():
            lines.append(f"| {query} ({g['from']} → {g['to']}) | {g['api']}× | {g['direct']}× |")
        lines.append("")
    return lines


def _concurrency_table(concurrency: dict[str, Any], run: dict[str, Any]) -> list[str]:
    """`run`: the details of the concurrency section (its graph, each run's seconds)."""
    seconds = next((v["seconds"] for v in run.values() if isinstance(v, dict)), "?")
    lines = [
        f"## Concurrency (API on the {run.get('graph', '?')} graph, ~{seconds} s each)",
        "",
        "| clients | requests/s | errors | p99 ms |",
        "|---:|---:|---:|---:|",
    ]
    for clients, row in concurrency.items():
        lines.append(
            f"| {clients} | {_fmt(row['rps'])} | {row['errors']} | {_fmt(row['p99_ms'])} |"
        )
    return [*lines, ""]


def plot(result: dict[str, Any], path: Path) -> bool:
    """Latency against graph size, one panel per query; False when there is nothing to plot."""
    latency = result["latency"]
    if not any(len(by_size) >= 1 for by_size in latency.values()):
        return False
    import matplotlib

    matplotlib.use("Agg")  # no display: the suite runs headless
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, len(latency), figsize=(4 * len(latency), 3.6), squeeze=False)
    for axis, (query, by_size) in zip(axes[0], latency.items(), strict=True):
        sizes = _ordered_sizes(by_size)
        xs = [parse_size(s) for s in sizes]
        for key, style, label in (
            ("api_p50_ms", "o-", "API p50"),
            ("api_p99_ms", "o:", "API p99"),
            ("direct_p50_ms", "s--", "direct p50"),
        ):
            axis.plot(xs, [by_size[s][key] for s in sizes], style, label=label)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xticks(xs, sizes)
        axis.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        axis.set_title(query)
        axis.set_xlabel("interactions in the graph")
        axis.grid(True, alpha=0.3)
    axes[0][0].set_ylabel("latency (ms)")
    axes[0][0].legend(fontsize="small")
    figure.suptitle(f"actorgraph query latency, {result['details']['date']}")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return True


def write_outputs(result: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
    """Write <stem>.json, <stem>.md and (when there are latencies) <stem>.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    finish(result)
    json_path = out_dir / f"{stem}.json"
    json_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md_path = out_dir / f"{stem}.md"
    md_path.write_text(markdown(result), encoding="utf-8")
    written = [json_path, md_path]
    png_path = out_dir / f"{stem}.png"
    if plot(result, png_path):
        written.append(png_path)
    return written


def rerender(json_path: Path) -> list[Path]:
    """Write the Markdown and PNG again from a result JSON (after editing this module)."""
    result = json.loads(json_path.read_text(encoding="utf-8"))
    return write_outputs(result, json_path.parent, json_path.stem)


if __name__ == "__main__":
    import sys

    for argument in sys.argv[1:]:
        print(*rerender(Path(argument)))
