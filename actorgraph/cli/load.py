"""`actorgraph load`: validate, then write all or nothing, with progress."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.progress import TaskID

from actorgraph.cli.output import (
    EXIT_BUSY,
    EXIT_INVALID,
    EXIT_UNREACHABLE,
    console,
    fail,
    print_validation,
    progress_bars,
    sources_option,
    strict_option,
    validation_progress,
)
from actorgraph.settings import Settings, get_settings
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS

if TYPE_CHECKING:
    from actorgraph.database import DatabaseError
    from loader.load import LoadSummary
    from loader.validation import ValidationReport


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@strict_option
@sources_option
@click.option(
    "--batch-size",
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows per write transaction.",
)
@click.option(
    "--writers",
    default=DEFAULT_WRITERS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Write transactions run at once. More than the server's cores rarely helps.",
)
@click.option(
    "--wait",
    default=0.0,
    show_default=True,
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="How long to wait while another load runs (one load at a time, on any machine).",
)
@click.option("--wipe", is_flag=True, help="Delete the whole graph first, then load PATHS only.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before --wipe.")
def load(
    paths: tuple[Path, ...],
    strict: bool,
    sources: Path | None,
    batch_size: int,
    writers: int,
    wait: float,
    wipe: bool,
    yes: bool,
) -> None:
    """Validate dataset files and load them into Neo4j, all or nothing.

    PATHS are YAML files or folders (default: ACTORGRAPH_DATA, i.e. data/). Nothing is
    written unless every file is valid. Loading a source again replaces that source's
    facts and only those; the other sources in the graph stay (rebuilt from the copy of
    their files the graph keeps, so any machine can load its own file). A re-run gives
    the same graph.

    \b
    Examples:
      actorgraph load                       the seed in data/
      actorgraph load data/new-report.yaml  add or replace one source
      actorgraph load --wipe --yes synth/   replace the whole graph

    One load runs at a time against a graph, whichever machine it runs on; a second one
    waits up to --wait seconds, then exits 2 naming the load that holds the lock.

    Exit 0 when loaded, 1 when the dataset is invalid, 2 when Neo4j is unreachable or
    another load holds the lock.
    """
    from loader.validation import validate_paths

    settings = get_settings()
    targets = list(paths) or [settings.actorgraph_data]
    sources_dir = sources or settings.actorgraph_sources
    began = time.monotonic()
    with validation_progress() as progress:
        given = validate_paths(targets, sources_dir=sources_dir, strict=strict, progress=progress)
    if given.ok:
        console.print(f"Validated {len(given.files)} file(s) in {time.monotonic() - began:.1f} s.")
    if wipe:
        confirm_wipe(given, settings, ask=not yes)
    run_load(
        settings,
        targets,
        given,
        sources_dir=sources_dir,
        strict=strict,
        batch_size=batch_size,
        writers=writers,
        wipe_first=wipe,
        wait=wait,
    )


def run_load(
    settings: Settings,
    targets: list[Path],
    given: ValidationReport,
    *,
    sources_dir: Path,
    **options: Any,
) -> None:
    """`load_paths` with progress bars, its errors as one line and an exit code each.
    `options` are load_paths's own (strict, batch_size, wait, remove, …)."""
    from actorgraph.database import DatabaseError, connect
    from loader.load import InvalidDataset, LoadError, load_paths
    from loader.load_lock import LoadLocked, LostLock

    progress = LoadProgress()
    connected = False
    try:
        with connect(settings) as driver, progress:
            connected = True
            summary = load_paths(
                driver,
                targets,
                database=settings.neo4j_database,
                sources_dir=sources_dir,
                progress=progress.advance,
                on_plan=progress.plan,
                given=given,  # validated again beside the live sources it does not replace
                on_wait=lambda holder: console.print(f"Waiting for another load ({holder})…"),
                **options,
            )
    except InvalidDataset as exc:
        print_validation(exc.report)
        fail(str(exc), EXIT_INVALID)
    except DatabaseError as exc:
        fail_unreachable(exc, settings, given, connected)
    except (LoadLocked, LostLock) as exc:
        fail(str(exc), EXIT_BUSY)
    except LoadError as exc:
        fail(str(exc), EXIT_INVALID)
    print_summary(summary)


def confirm_wipe(given: ValidationReport, settings: Settings, ask: bool) -> None:
    if not given.ok:
        # Nothing is carried over from the graph, so these errors stand: fail before asking.
        print_validation(given)
        fail(f"{given.error_count} validation error(s); nothing was written.", EXIT_INVALID)
    if ask:
        click.confirm(
            f"Delete everything in {settings.bolt_uri} (database {settings.neo4j_database})?",
            abort=True,
        )


def fail_unreachable(
    exc: DatabaseError, settings: Settings, given: ValidationReport, connected: bool
) -> NoReturn:
    if not connected and not given.ok:
        # An invalid file says so even with Neo4j down; only its references to other
        # sources could not be looked up.
        print_validation(given)
        fail(
            f"{given.error_count} validation error(s); nothing was written. Neo4j was not "
            "reachable, so ids defined by sources already loaded could not be looked up.",
            EXIT_INVALID,
        )
    # Neo4j went away mid-load: the live generation is untouched; a re-run finishes.
    after = " Nothing was published; run the load again." if connected else ""
    fail(exc.explain(settings) + after, EXIT_UNREACHABLE)


class LoadProgress:
    """A bar per stage of the load, shown once the rows are counted; stopped on the way out,
    so that an error prints below the bars, not inside them."""

    def __init__(self) -> None:
        self.bars = progress_bars("{task.description:<18}")
        self.tasks: dict[str, TaskID] = {}

    def plan(self, report: ValidationReport, counts: dict[str, int | None]) -> None:
        print_validation(report)
        for name, count in counts.items():
            self.tasks[name] = self.bars.add_task(name.replace("_", " "), total=count)
        self.bars.start()

    def advance(self, name: str, count: int) -> None:
        self.bars.advance(self.tasks[name], count)

    def __enter__(self) -> LoadProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()


def print_summary(summary: LoadSummary) -> None:
    replaced = (
        f", replacing generation {summary.replaced_generation}"
        if summary.replaced_generation
        else ""
    )
    console.print(
        f"Loaded {len(summary.sources)} source(s) as generation {summary.generation}{replaced}: "
        f"{summary.rows['interactions']} interactions, {summary.rows['actors']} actor records, "
        f"{summary.rows['statements']} statements.\n"
        f"Nodes created {summary.nodes_created}, relationships created "
        f"{summary.relationships_created}, properties set {summary.properties_set}, "
        f"old nodes deleted {summary.nodes_deleted}, in {summary.seconds:.1f} s."
    )
