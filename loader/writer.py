"""The parallel batch writer: each stage's rows, in batches, several transactions at once.

The statements are the `write_*` files of `cypher/load/`, one per stage; each takes the
batch as `$rows` and the generation being written as `$gen`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction

from actorgraph.queries import load_statement
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS
from loader.rows import Row, Rows

Progress = Callable[[str, int], None]

# (rows of `Rows`, statement of cypher/load/), in the order they must run: interactions
# need their actors, links need both ends.
WRITE_STAGES: tuple[tuple[str, str], ...] = (
    ("sources", "write_sources"),
    ("source_files", "write_source_files"),
    ("actors", "write_actors"),
    ("places", "write_places"),
    ("interactions", "write_interactions"),
    ("interaction_links", "write_interaction_links"),
    ("statements", "write_statements"),
    ("affiliations", "write_affiliations"),
    ("memberships", "write_memberships"),
    ("spoke_with", "write_spoke_with"),
)


@dataclass
class WriteCounts:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set


def write_plan() -> tuple[tuple[str, str], ...]:
    """The loader's stages as (rows of `Rows`, Cypher text)."""
    return tuple((rows, load_statement(name).cypher) for rows, name in WRITE_STAGES)


# Rows per batch where a row is large: a stored source file is up to a few hundred KB
# compressed, so a batch of 2,000 of them would be one transaction of hundreds of MB.
STAGE_BATCH_CAPS = {"source_files": 8}
# Batches submitted and not yet written, per writer: enough to keep each busy while the next
# file is read and shaped (with 2, a 100k load took 172 s; with 8, 118 s and 75 MB more),
# few enough that a stage read from files stays small in memory.
IN_FLIGHT_PER_WRITER = 8


def batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_batch(tx: ManagedTransaction, cypher: str, chunk: list[Row], gen: int) -> Any:
    return tx.run(cypher, rows=chunk, gen=gen).consume().counters


def _count(
    batch: tuple[Future[Any], int], stage: str, counts: WriteCounts, progress: Progress | None
) -> None:
    """Wait for a batch, add its counters, and report its rows as written."""
    future, rows_in_batch = batch
    counts.add(future.result())
    if progress:
        progress(stage, rows_in_batch)


def write_rows(
    driver: Driver,
    rows: Rows,
    plan: Sequence[tuple[str, str]] | None = None,
    **options: Any,
) -> WriteCounts:
    """Run each statement of `plan` (default: `write_plan()`) over its rows of `rows`; the
    options are `write_stages`'s."""
    stages = [(name, cypher, getattr(rows, name)) for name, cypher in plan or write_plan()]
    return write_stages(driver, stages, **options)


def write_stages(
    driver: Driver,
    stages: Iterable[tuple[str, str, Iterable[Row]]],
    *,
    database: str,
    gen: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    progress: Progress | None = None,
) -> WriteCounts:
    """Run each stage's statement over its rows in batches, `writers` transactions at once.

    The stages run in order, each finished before the next begins; the batches of one stage
    are independent, so they run side by side: while the server writes one, the driver
    encodes the next, and the rows of the next are read (a stage's rows may be a generator
    that reads files). At most a few batches per writer wait in memory. A batch that fails
    is retried by `execute_write` when the error is transient (a deadlock between two
    writers is); any other error cancels the batches not yet started and is raised.
    """
    counts = WriteCounts()

    def write_batch(cypher: str, chunk: list[Row]) -> Any:
        with driver.session(database=database) as session:
            return session.execute_write(_run_batch, cypher, chunk, gen)

    with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="actorgraph-write") as pool:
        for name, cypher, rows in stages:
            size = min(batch_size, STAGE_BATCH_CAPS.get(name, batch_size))
            pending: deque[tuple[Future[Any], int]] = deque()
            try:
                for chunk in batches(rows, size):
                    pending.append((pool.submit(write_batch, cypher, chunk), len(chunk)))
                    while len(pending) > IN_FLIGHT_PER_WRITER * writers:
                        _count(pending.popleft(), name, counts, progress)
                while pending:
                    _count(pending.popleft(), name, counts, progress)
            except BaseException:
                for future, _ in pending:
                    future.cancel()
                raise
    return counts
