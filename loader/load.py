"""Write a validated dataset into Neo4j: all or nothing, idempotent, in batches.

How a load stays all-or-nothing at any size
-------------------------------------------
One transaction cannot hold a large load: at 4 GiB of heap, Neo4j refused a single
transaction at about 550k interactions (`dbms.memory.transaction.total.max`). So a load
writes a new *generation* of the graph in many small transactions, then publishes it
with one tiny one:

1. Every node the loader writes carries `gen`, and every id is unique per generation
   (`REQUIRE (n.id, n.gen) IS UNIQUE`). Relationships only ever join nodes of the same
   generation, so a traversal that starts in one generation stays in it.
2. The live generation is named by one node, `(:Dataset {id: 'current'}).gen`. Every
   query enters the graph through it (`MATCH (d:Dataset {id: 'current'})
   MATCH (a:Actor {id: $actor, gen: d.gen})`), so a generation that is still being
   written is invisible to the API and the canned queries.
3. Once the new generation is complete, one transaction points `Dataset.gen` at it: that
   is the commit. The old generation is then deleted in batches.
4. A load that dies before step 3 (an error, `kill -9`, Neo4j stopping) leaves the live
   generation untouched; the next load deletes the unfinished one first.

Each load rebuilds the whole graph from files: the files given, plus, for every source
already live that was not given, the file it was last loaded from. So loading a source
again replaces that source's facts and only those, a record removed from its file
disappears, and a re-run gives the same graph.

The pieces: loader/rows.py shapes the rows, loader/writer.py writes them in batches,
loader/generations.py publishes and deletes generations; this module runs a load.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from actorgraph.database import translated_errors
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS
from loader.changes import drop_pending_changesets, record_changeset
from loader.gc_pause import gc_frozen
from loader.generations import (
    delete_all_but,
    delete_other_generations,
    live_generation,
    publish,
)
from loader.load_lock import LoadLock, LockHolder, LostLock
from loader.row_stream import RowStream
from loader.schema import apply_schema
from loader.stored_sources import (
    LiveSource,
    carry_over,
    live_sources,
    load_time,
    stamp_sources,
)
from loader.validation import ValidationReport, validate_paths
from loader.validation_report import FileChanged
from loader.writer import Progress, write_plan, write_stages

OnPlan = Callable[[ValidationReport, dict[str, int | None]], None]
# The progress stage of deleting old generations (nodes deleted), after the writing ones.
OLD_GENERATIONS = "old_generations"


class LoadError(Exception):
    """The load cannot go ahead; the message says why and what to do."""


class InvalidDataset(LoadError):
    """Validation failed; `report.errors` lists every problem."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{report.error_count} validation error(s); nothing was written")
        self.report = report


@dataclass
class LoadSummary:
    generation: int
    replaced_generation: int | None
    sources: list[str]
    rows: dict[str, int]
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    nodes_deleted: int = 0
    seconds: float = 0.0


def _check_options(report: ValidationReport, batch_size: int, writers: int) -> None:
    if not report.ok:
        raise LoadError("the dataset is not valid; run `actorgraph validate` to see why")
    if batch_size < 1:
        raise LoadError("--batch-size must be at least 1")
    if writers < 1:
        raise LoadError("--writers must be at least 1")


def write_dataset(
    driver: Driver,
    plan: LoadInput,
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    progress: Progress | None = None,
    on_plan: OnPlan | None = None,
    lock: LoadLock,
) -> LoadSummary:
    """Write the validated files as a new generation and publish it (see the module doc),
    holding `lock` throughout.

    `on_plan` is called with the report and the row count of each stage before writing
    (None where it is known only once written).
    """
    report = plan.report
    _check_options(report, batch_size, writers)
    began = time.monotonic()
    with gc_frozen():
        stream = RowStream(report)
        at = load_time()
        source_files = stamp_sources(stream.sources, report, plan.live, plan.carried, at=at)
        if on_plan:
            on_plan(report, {**stream.planned(), OLD_GENERATIONS: None})
        live = live_generation(driver, database)
        summary = LoadSummary(
            generation=(live or 0) + 1,
            replaced_generation=live,
            sources=[r["id"] for r in stream.sources],
            rows={},
        )
        # Leftovers of a load that died before publishing; the live generation is kept.
        leftovers = delete_other_generations(driver, database, live)
        summary.nodes_deleted += _deleted(leftovers, progress)
        stages = [
            (name, cypher, source_files if name == "source_files" else stream.rows(name))
            for name, cypher in write_plan()
        ]
        counts = write_stages(
            driver,
            stages,
            database=database,
            gen=summary.generation,
            batch_size=batch_size,
            writers=writers,
            progress=progress,
        )
        summary.rows = stream.counts
        summary.nodes_created = counts.nodes_created
        summary.relationships_created = counts.relationships_created
        summary.properties_set = counts.properties_set
        digest = stream.digest()
    _record_and_publish(driver, database, plan, summary, digest, lock, at)
    replaced = delete_other_generations(driver, database, summary.generation)
    summary.nodes_deleted += _deleted(replaced, progress)
    summary.seconds = time.monotonic() - began
    return summary


def _deleted(nodes: int, progress: Progress | None) -> int:
    """Report deleted nodes on the last progress stage: at 10M interactions deleting a
    replaced generation takes minutes, and a bar whose clock runs shows that it is alive."""
    if progress:
        progress(OLD_GENERATIONS, nodes)
    return nodes


def _record_and_publish(
    driver: Driver,
    database: str,
    plan: LoadInput,
    summary: LoadSummary,
    digest: str,
    lock: LoadLock,
    at: str,
) -> None:
    """Record what the load changed, then publish the new generation with its changeset."""
    changeset = f"load-{lock.token[:16]}"
    drop_pending_changesets(driver, database)
    record_changeset(
        driver,
        database,
        changeset=changeset,
        new=summary.generation,
        old=summary.replaced_generation,
        sources=[*plan.loaded_sources, *plan.removed],
        removed=plan.removed,
        at=at,
    )
    published = not lock.lost and publish(
        driver,
        database,
        summary.generation,
        summary.sources,
        digest,
        token=lock.token,
        changeset=changeset,
        at=at,
    )
    if not published:
        raise LostLock(
            "the load lock's lease ran out while this load stalled, and another load took "
            "it; nothing was published. Run the load again."
        )


@dataclass
class LoadInput:
    """What a load writes: the report of every file (given and carried over), the live
    sources as they were, and those of them this load keeps."""

    report: ValidationReport
    live: list[LiveSource]
    carried: dict[str, LiveSource]
    removed: Sequence[str] = ()
    # Where the files of the carried sources were rebuilt; the load reads them again.
    folder: tempfile.TemporaryDirectory[str] | None = None

    @property
    def loaded_sources(self) -> list[str]:
        """The sources this load gives (new or replaced), not those it carries over."""
        ids = {f.source.id for f in self.report.files}
        return sorted(ids - set(self.carried))

    def close(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()

    def __enter__(self) -> LoadInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class UnreviewedDraft(LoadError):
    """A file `actorgraph draft` wrote still says `draft: true`."""


def refuse_unloadable(report: ValidationReport) -> None:
    """Raise UnreviewedDraft for a draft, InvalidDataset for any error."""
    drafts = [str(f.path) for f in report.files if f.draft]
    if drafts:
        raise UnreviewedDraft(
            f"{', '.join(drafts)}: a draft (`draft: true`), a proposal nobody has reviewed "
            "yet. Check each record against the text (quotes, participants, roles, dates), "
            "fix or delete what is wrong, then remove the `draft: true` line and load again."
        )
    if not report.ok:
        raise InvalidDataset(report)


def validate_for_load(
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None,
    strict: bool = False,
    wipe_first: bool = False,
    given: ValidationReport | None = None,
    remove: Sequence[str] = (),
) -> LoadInput:
    """Validate the given files as the load will write them: with the live sources they do
    not replace (rebuilt from the graph), so that one new file may refer to ids that
    another source defines. `remove` names live sources to leave out.

    `given`, the report of `validate_paths(paths)`, saves validating them alone again.
    """
    given = given or validate_paths(paths, sources_dir=sources_dir, strict=strict)
    with translated_errors():
        live = live_sources(driver, database)
    unknown = sorted(set(remove) - {source.id for source in live})
    if unknown:
        raise LoadError(f"no live source {', '.join(unknown)}; `actorgraph sources` lists them")
    if wipe_first:
        return LoadInput(given, live, {}, remove)
    replaced = {f.source.id for f in given.files} | set(remove)
    folder = tempfile.TemporaryDirectory(prefix="actorgraph-")
    try:
        carried = carry_over(live, replaced, Path(folder.name))
        if carried.missing:
            raise LoadError(
                "the graph holds sources that it cannot rebuild (loaded by an older "
                "actorgraph, and their files are gone): "
                + "; ".join(carried.missing)
                + ". Pass their files too, or rebuild from the given files with --wipe."
            )
        if not carried.paths:
            folder.cleanup()
            return LoadInput(given, live, {}, remove)
        report = validate_paths(
            paths,
            sources_dir=sources_dir,
            strict=strict,
            loaded=carried.paths,
            known_offsets=carried.offsets,
        )
    except BaseException:
        folder.cleanup()
        raise
    return LoadInput(report, live, carried.sources, remove, folder)


@contextlib.contextmanager
def _file_changed_is_a_load_error() -> Iterator[None]:
    try:
        yield
    except FileChanged as exc:
        raise LoadError(str(exc)) from exc


def load_paths(
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe_first: bool = False,
    progress: Progress | None = None,
    writers: int = DEFAULT_WRITERS,
    on_plan: OnPlan | None = None,
    given: ValidationReport | None = None,
    wait: float = 0.0,
    on_wait: Callable[[LockHolder], None] | None = None,
    remove: Sequence[str] = (),
) -> LoadSummary:
    """Validate, then load the given files together with the live sources they do not replace.

    One load runs at a time: this one waits up to `wait` seconds for the load lock (calling
    `on_wait` with its holder once), then raises LoadLocked. Raises InvalidDataset before
    anything is written when any file is invalid, and Neo4jUnavailable
    (actorgraph.database) when the server goes away: the live generation is then
    untouched, and a re-run finishes. Pass `given`, the report of `validate_paths(paths)`,
    to skip validating the files alone again.
    """
    # Constraints before any MERGE, and before the lock, which one of them guards.
    apply_schema(driver, database)
    # The plan is made under the lock: the live sources it reads are those this load replaces.
    with (
        LoadLock(driver, database, wait=wait, on_wait=on_wait) as lock,
        validate_for_load(
            driver,
            paths,
            database=database,
            sources_dir=sources_dir,
            strict=strict,
            wipe_first=wipe_first,
            given=given,
            remove=remove,
        ) as plan,
    ):
        refuse_unloadable(plan.report)
        with translated_errors(), _file_changed_is_a_load_error():
            summary = write_dataset(
                driver,
                plan,
                database=database,
                batch_size=batch_size,
                writers=writers,
                progress=progress,
                on_plan=on_plan,
                lock=lock,
            )
            if wipe_first:
                # Only now, with the new generation live: a load killed before this
                # point has left the old graph in place, --wipe or not.
                others = delete_all_but(driver, database, summary.generation)
                summary.nodes_deleted += _deleted(others, progress)
    return summary
