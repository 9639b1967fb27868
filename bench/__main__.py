"""The benchmark suite (issues 6 and 17): `python -m bench` or `make bench`.

Loads synth datasets into the local Neo4j (or NEO4J_URI), which it WIPES, and writes
bench/results/<date>.json, <date>.md and <date>.png. Reload the seed afterwards with
`actorgraph load --wipe --yes`.

What each section measures, at each size:
  load         our loader, the naive one and a ceiling (interactions/s), at the compare
               sizes; and at every size `actorgraph validate` and `actorgraph load` as a
               user runs them, each in a child process: wall seconds (load.<size>) and
               peak RSS (memory.<size>); then the store's size on disk (store.<size>)
  latency      the canned queries through the API and direct, on the loaded graph
  concurrency  many clients on the largest graph
  bulk         `neo4j-admin database import full` of the same rows, end to end (bulk.<size>);
               it stops and restarts the local server, so it runs after everything else,
               and never against NEO4J_URI

Sizes: 10k, 100k and 1M by default. 10M (200k actors) runs only when asked, e.g.
`--sizes 1M,10M` for its wall time, RSS, store size and latencies beside 1M's (the loader
holds one file at a time; an hour or more of loading on a 2-core machine).

Examples:
  python -m bench                                   what `make bench` runs
  python -m bench --sizes 10k                       a quick check that everything runs
  python -m bench --sizes 1M,10M --sections load,latency
  python -m bench --sizes 10M --sections load,latency --skip-validate   10M alone, one validation
  python -m bench --sizes 1M --sections bulk --bulk-sizes 1M   the importer at 1M alone
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from actorgraph.database import DatabaseError, connect
from actorgraph.settings import get_settings
from bench.datasets import parse_size, size_label
from bench.suite import COMPARE_LIMIT, RESULTS_DIR, SECTIONS, Options, run
from loader import DEFAULT_BATCH_SIZE


def _sizes(text: str) -> list[int]:
    return sorted({parse_size(part) for part in text.split(",") if part.strip()})


def _names(text: str) -> set[str]:
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = names - set(SECTIONS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(sorted(unknown))}; one or more of {', '.join(SECTIONS)}"
        )
    return names


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=_sizes("10k,100k,1M"),
        help="graph sizes in interactions (default 10k,100k,1M; 10M on demand)",
    )
    parser.add_argument(
        "--compare-sizes",
        type=_sizes,
        default=None,
        help="sizes at which the naive baseline and the ceiling run too "
        f"(default: those up to {size_label(COMPARE_LIMIT)})",
    )
    parser.add_argument(
        "--bulk-sizes",
        type=_sizes,
        default=None,
        help="sizes of the offline import, the bulk section (default: the compare sizes; "
        "larger ones on demand, e.g. 1M; they need not be in --sizes)",
    )
    parser.add_argument(
        "--sections",
        type=_names,
        default=set(SECTIONS),
        help=f"which of {','.join(SECTIONS)} to run (default all)",
    )
    _add_run_options(parser)
    parser.add_argument("--out", type=Path, default=RESULTS_DIR)
    parser.add_argument("--name", default=None, help="file stem of the results (default: today)")
    return parser.parse_args(argv)  # fmt: skip


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """How each section runs, and how much it measures."""
    parser.add_argument("--requests", type=int, default=200, help="requests per query and size")
    parser.add_argument(
        "--max-query-seconds",
        type=float,
        default=120.0,
        help="stop a query's requests at this many seconds even if fewer were sent",
    )
    parser.add_argument("--naive-seconds", type=float, default=60.0, help="naive sample cap")
    parser.add_argument(
        "--clients",
        type=lambda t: [int(c) for c in t.split(",")],
        default=[16, 64],
        help="concurrent client counts (default 16,64)",
    )
    parser.add_argument("--concurrency-seconds", type=float, default=20.0)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument(
        "--reuse-graph",
        action="store_true",
        help="skip loading a size the live graph already holds (latency/concurrency only)",
    )
    parser.add_argument(
        "--skip-validate",
        action="store_true",
        help="no separate `actorgraph validate` run before each load (at 10M it takes most of "
        "an hour): validate_s is then the load's own validation, as it reports it, and "
        "validate_peak_rss_mb is left empty",
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    compare = args.compare_sizes or [n for n in args.sizes if n <= COMPARE_LIMIT]
    options = Options(
        sizes=args.sizes,
        compare_sizes=set(compare),
        sections=args.sections,
        bulk_sizes=set(compare if args.bulk_sizes is None else args.bulk_sizes),
        requests=args.requests,
        max_query_seconds=args.max_query_seconds,
        naive_seconds=args.naive_seconds,
        clients=args.clients,
        concurrency_seconds=args.concurrency_seconds,
        batch_size=args.batch_size,
        reuse_graph=args.reuse_graph,
        skip_validate=args.skip_validate,
        out_dir=args.out,
    )
    if args.name:
        options.stem = args.name
    began = time.monotonic()

    def progress(message: str) -> None:
        print(f"{time.monotonic() - began:7.0f}s  {message}", flush=True)

    settings = get_settings()
    progress(
        f"bench: sizes {', '.join(size_label(n) for n in options.sizes)}; sections "
        f"{', '.join(s for s in SECTIONS if s in options.sections)}; "
        f"Neo4j {settings.bolt_uri} (it will be WIPED)"
    )
    try:
        with connect(settings) as driver:
            run(driver, settings, options, progress)
    except DatabaseError as exc:
        print(f"bench: {exc.explain(settings)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
