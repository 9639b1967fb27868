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
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from neo4j import Driver, ManagedTransaction

from actorgraph.database import apply_schema
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS
from loader.gc_pause import gc_paused
from loader.rows import Row, Rows, build_rows
from loader.validation import ValidationReport, validate_paths

LIVE = "MATCH (d:Dataset {id: 'current'}) RETURN d.gen AS gen, d.digest AS digest"
GENERATION_LABELS = ("Source", "Actor", "Place", "Interaction", "Statement")

Progress = Callable[[str, int], None]


class LoadError(Exception):
    """The load cannot go ahead; the message says why and what to do."""


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


# ----------------------------------------------------------------- statements
# Every MATCH names its index: plans are cached, and one planned while a label was nearly
# empty (right after a wipe) scanned Actor for every row, 8 s a batch instead of 0.3 s.
# Nodes are MERGEd on their (id, gen) constraint; relationships are CREATEd, because the
# generation is new and the rows hold each relationship once.

EVIDENCE = """
WITH n, r
CALL (n, r) {
  UNWIND range(0, size(r.evidence) - 1) AS seq
  WITH r.evidence[seq] AS e, seq
  MATCH (s:Source {id: e.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[:EVIDENCED_BY {quote: e.quote, start: e.start, end: e.end, seq: seq}]->(s)
}
"""

WRITE_SOURCES = """
UNWIND $rows AS r
MERGE (s:Source {id: r.id, gen: $gen})
SET s += r.props
"""

WRITE_ACTORS = (
    """
UNWIND $rows AS r
MERGE (n:Actor {id: r.id, gen: $gen})
SET n += r.props, n:$(r.label)
"""
    + EVIDENCE
)

WRITE_PLACES = (
    """
UNWIND $rows AS r
MERGE (n:Place {id: r.id, gen: $gen})
SET n += r.props
WITH n, r
MATCH (state:Actor {id: r.state, gen: $gen}) USING INDEX SEEK state:Actor(id, gen)
CREATE (n)-[:IN_STATE]->(state)
"""
    + EVIDENCE
)

WRITE_INTERACTIONS = (
    """
UNWIND $rows AS r
MERGE (n:Interaction {id: r.id, gen: $gen})
SET n += r.props, n:$(r.label)
WITH n, r
CALL (n, r) {
  UNWIND r.participants AS p
  MATCH (a:Actor {id: p.actor, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (a)-[:PARTICIPATED_IN {role: p.role, took_part: p.took_part,
                                sources: p.sources, notes: p.notes}]->(n)
}
CALL (n, r) {
  MATCH (place:Place {id: r.place, gen: $gen}) USING INDEX SEEK place:Place(id, gen)
  CREATE (n)-[:HELD_AT {sources: r.place_sources}]->(place)
}
CALL (n, r) {
  UNWIND r.readings AS reading
  MATCH (s:Source {id: reading.source, gen: $gen}) USING INDEX SEEK s:Source(id, gen)
  CREATE (n)-[x:REPORTED_IN]->(s)
  SET x += reading.props
}
"""
    + EVIDENCE
)

WRITE_INTERACTION_LINKS = """
UNWIND $rows AS r
MATCH (a:Interaction {id: r.from, gen: $gen}) USING INDEX SEEK a:Interaction(id, gen)
MATCH (b:Interaction {id: r.to, gen: $gen}) USING INDEX SEEK b:Interaction(id, gen)
CREATE (a)-[:$(r.type) {sources: r.sources}]->(b)
"""

WRITE_STATEMENTS = (
    """
UNWIND $rows AS r
MERGE (n:Statement {id: r.id, gen: $gen})
SET n += r.props
WITH n, r
CALL (n, r) {
  MATCH (a:Actor {id: r.speaker, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (a)-[:SAID]->(n)
}
CALL (n, r) {
  MATCH (a:Actor {id: r.speaker_affiliation, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (n)-[:SPEAKER_FROM]->(a)
}
CALL (n, r) {
  MATCH (a:Actor {id: r.reported_by, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
  CREATE (n)-[:REPORTED_BY]->(a)
}
CALL (n, r) {
  MATCH (i:Interaction {id: r.interaction, gen: $gen}) USING INDEX SEEK i:Interaction(id, gen)
  CREATE (n)-[:ABOUT]->(i)
}
"""
    + EVIDENCE
)

WRITE_AFFILIATIONS = """
UNWIND $rows AS r
MATCH (p:Actor {id: r.person, gen: $gen}) USING INDEX SEEK p:Actor(id, gen)
MATCH (o:Actor {id: r.organization, gen: $gen}) USING INDEX SEEK o:Actor(id, gen)
CREATE (p)-[h:HOLDS_POSITION {id: r.id}]->(o)
SET h += r.props
"""

WRITE_MEMBERSHIPS = """
UNWIND $rows AS r
MATCH (m:Actor {id: r.member, gen: $gen}) USING INDEX SEEK m:Actor(id, gen)
MATCH (p:Actor {id: r.parent, gen: $gen}) USING INDEX SEEK p:Actor(id, gen)
CREATE (m)-[x:$(r.type) {id: r.id}]->(p)
SET x += r.props
"""

# Derived, for Browser exploration: who took part in the same held interaction (see
# spoke_with_rows). It is rebuilt with every generation; the API computes contacts from
# PARTICIPATED_IN.
WRITE_SPOKE_WITH = """
UNWIND $rows AS r
MATCH (a:Actor {id: r.a, gen: $gen}) USING INDEX SEEK a:Actor(id, gen)
MATCH (b:Actor {id: r.b, gen: $gen}) USING INDEX SEEK b:Actor(id, gen)
CREATE (a)-[:SPOKE_WITH {interactions: r.interactions, first: r.first, last: r.last}]->(b)
"""

PUBLISH = """
MERGE (d:Dataset {id: 'current'})
WITH d, d.gen AS previous
SET d.gen = $gen,
    d.sources = $sources,
    d.loaded_at = CASE WHEN d.digest = $digest THEN d.loaded_at ELSE datetime() END,
    d.digest = $digest
RETURN previous
"""

# Relationships go first, in batches of their own: DETACH DELETE of a batch of hub nodes
# (an actor in 100k interactions) would put millions of deletions in one transaction.
# Every relationship starts at a node of some generation label, so this finds them all.
DELETE_OTHER_GENERATION_RELATIONSHIPS = """
MATCH (n:{label})-[r]->() WHERE $live IS NULL OR n.gen <> $live
CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS
"""
DELETE_OTHER_GENERATION_NODES = """
MATCH (n:{label}) WHERE $live IS NULL OR n.gen <> $live
CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS
"""
WIPE_RELATIONSHIPS = "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
WIPE_NODES = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

LIVE_SOURCE_PATHS = """
MATCH (d:Dataset {id: 'current'})
MATCH (s:Source {gen: d.gen})
RETURN s.id AS id, s.path AS path ORDER BY id
"""


# ----------------------------------------------------------------- the load


def batches(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def live_generation(driver: Driver, database: str) -> int | None:
    records, _, _ = driver.execute_query(LIVE, database_=database, routing_="r")
    return records[0]["gen"] if records else None


def live_source_paths(driver: Driver, database: str) -> dict[str, Path]:
    """The file each live source was last loaded from."""
    records, _, _ = driver.execute_query(LIVE_SOURCE_PATHS, database_=database, routing_="r")
    return {r["id"]: Path(r["path"]) for r in records if r["path"]}


def carried_over_paths(
    driver: Driver, database: str, given: ValidationReport
) -> tuple[list[Path], list[str]]:
    """Files of live sources that the given files do not replace; and sources whose file is gone."""
    given_ids = {f.data.source.id for f in given.files}
    given_paths = {f.path.resolve() for f in given.files}
    keep, missing = [], []
    for source_id, path in live_source_paths(driver, database).items():
        if source_id in given_ids or path.resolve() in given_paths:
            continue
        if path.exists():
            keep.append(path)
        else:
            missing.append(f"{source_id} (last loaded from {path})")
    return keep, missing


def dataset_digest(rows: Rows) -> str:
    # orjson: the stdlib's json took 4 s of a 100k load here, orjson 0.4 s.
    payload = orjson.dumps(vars(rows), option=orjson.OPT_SORT_KEYS, default=str)
    return hashlib.sha256(payload).hexdigest()


def delete_other_generations(driver: Driver, database: str, live: int | None) -> int:
    """Delete every generation but the live one: unfinished loads and replaced ones."""
    deleted = 0
    with driver.session(database=database) as session:
        for statement in (DELETE_OTHER_GENERATION_RELATIONSHIPS, DELETE_OTHER_GENERATION_NODES):
            for label in GENERATION_LABELS:
                # The label comes from our own constant tuple, never from input.
                summary = session.run(statement.format(label=label), live=live).consume()
                deleted += summary.counters.nodes_deleted
    return deleted


DELETE_ALL_BUT_RELATIONSHIPS = """
MATCH (n)-[r]->() WHERE NOT n:Dataset AND (n.gen IS NULL OR n.gen <> $live)
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
"""
DELETE_ALL_BUT_NODES = """
MATCH (n) WHERE NOT n:Dataset AND (n.gen IS NULL OR n.gen <> $live)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
"""


def delete_all_but(driver: Driver, database: str, live: int) -> int:
    """Delete everything but the live generation and its pointer, whoever wrote it."""
    with driver.session(database=database) as session:
        session.run(DELETE_ALL_BUT_RELATIONSHIPS, live=live).consume()
        summary = session.run(DELETE_ALL_BUT_NODES, live=live).consume()
    return summary.counters.nodes_deleted


def wipe(driver: Driver, database: str) -> int:
    """Delete everything: every generation and the Dataset pointer."""
    with driver.session(database=database) as session:
        session.run(WIPE_RELATIONSHIPS).consume()
        summary = session.run(WIPE_NODES).consume()
    return summary.counters.nodes_deleted


WRITE_PLAN: tuple[tuple[str, str], ...] = (
    ("sources", WRITE_SOURCES),
    ("actors", WRITE_ACTORS),
    ("places", WRITE_PLACES),
    ("interactions", WRITE_INTERACTIONS),
    ("interaction_links", WRITE_INTERACTION_LINKS),
    ("statements", WRITE_STATEMENTS),
    ("affiliations", WRITE_AFFILIATIONS),
    ("memberships", WRITE_MEMBERSHIPS),
    ("spoke_with", WRITE_SPOKE_WITH),
)


@dataclass
class WriteCounts:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0


def _run_batch(tx: ManagedTransaction, statement: str, chunk: list[Row], gen: int) -> Any:
    return tx.run(statement, rows=chunk, gen=gen).consume().counters


def write_rows(
    driver: Driver,
    rows: Rows,
    plan: Sequence[tuple[str, str]],
    *,
    database: str,
    gen: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    progress: Progress | None = None,
) -> WriteCounts:
    """Run each statement of `plan` over its rows in batches, `writers` transactions at once.

    The statements run in plan order (interactions need their actors); the batches of one
    statement are independent, so they run side by side: while the server writes one, the
    driver encodes the next. A batch that fails is retried by `execute_write` when the
    error is transient (a deadlock between two writers is); any other error cancels the
    batches not yet started and is raised.
    """
    counts = WriteCounts()

    def write_batch(statement: str, chunk: list[Row]) -> Any:
        with driver.session(database=database) as session:
            return session.execute_write(_run_batch, statement, chunk, gen)

    with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="actorgraph-write") as pool:
        for name, statement in plan:
            chunks = list(batches(getattr(rows, name), batch_size))
            futures = [pool.submit(write_batch, statement, chunk) for chunk in chunks]
            try:
                for future, chunk in zip(futures, chunks, strict=True):
                    counters = future.result()
                    counts.nodes_created += counters.nodes_created
                    counts.relationships_created += counters.relationships_created
                    counts.properties_set += counters.properties_set
                    if progress:
                        progress(name, len(chunk))
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    return counts


def write_dataset(
    driver: Driver,
    report: ValidationReport,
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    progress: Progress | None = None,
    on_plan: Callable[[ValidationReport, dict[str, int]], None] | None = None,
) -> LoadSummary:
    """Write the validated files as a new generation and publish it (see the module doc).

    `on_plan` is called with the report and the row count of each stage before writing.
    """
    if not report.ok:
        raise LoadError("the dataset is not valid; run `actorgraph validate` to see why")
    if batch_size < 1:
        raise LoadError("--batch-size must be at least 1")
    if writers < 1:
        raise LoadError("--writers must be at least 1")
    began = time.monotonic()
    with gc_paused():
        rows = build_rows(report.files, report.offsets, report.titles)
        digest = dataset_digest(rows)
        if on_plan:
            on_plan(report, rows.counts())
        live = live_generation(driver, database)
        summary = LoadSummary(
            generation=(live or 0) + 1,
            replaced_generation=live,
            sources=[r["id"] for r in rows.sources],
            rows=rows.counts(),
        )
        # Leftovers of a load that died before publishing; the live generation is kept.
        summary.nodes_deleted += delete_other_generations(driver, database, live)
        counts = write_rows(
            driver,
            rows,
            WRITE_PLAN,
            database=database,
            gen=summary.generation,
            batch_size=batch_size,
            writers=writers,
            progress=progress,
        )
        summary.nodes_created = counts.nodes_created
        summary.relationships_created = counts.relationships_created
        summary.properties_set = counts.properties_set
        del rows
    # The commit point: one small transaction makes the new generation the live one.
    driver.execute_query(
        PUBLISH,
        gen=summary.generation,
        sources=summary.sources,
        digest=digest,
        database_=database,
    )
    summary.nodes_deleted += delete_other_generations(driver, database, summary.generation)
    summary.seconds = time.monotonic() - began
    return summary


class InvalidDataset(LoadError):
    """Validation failed; `report.errors` lists every problem."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{len(report.errors)} validation error(s); nothing was written")
        self.report = report


def validate_for_load(
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None,
    strict: bool = False,
    wipe_first: bool = False,
    given: ValidationReport | None = None,
) -> ValidationReport:
    """Validate the given files as the load will write them: with the live sources they do
    not replace, so that one new file may refer to ids that another source defines.

    `given`, the report of `validate_paths(paths)`, saves validating them alone again.
    """
    given = given or validate_paths(paths, sources_dir=sources_dir, strict=strict)
    if wipe_first:
        return given
    keep, missing = carried_over_paths(driver, database, given)
    if missing:
        raise LoadError(
            "the graph holds sources whose files are gone: "
            + "; ".join(missing)
            + ". Pass their files too, or rebuild from the given files with --wipe."
        )
    if not keep:
        return given
    return validate_paths(paths, sources_dir=sources_dir, strict=strict, loaded=keep)


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
    on_plan: Callable[[ValidationReport, dict[str, int]], None] | None = None,
    given: ValidationReport | None = None,
) -> LoadSummary:
    """Validate, then load the given files together with the live sources they do not replace.

    Raises InvalidDataset before anything is written when any file is invalid. Pass
    `given`, the report of `validate_paths(paths)`, to skip validating the files alone again.
    """
    report = validate_for_load(
        driver,
        paths,
        database=database,
        sources_dir=sources_dir,
        strict=strict,
        wipe_first=wipe_first,
        given=given,
    )
    if not report.ok:
        raise InvalidDataset(report)
    # Constraints before any MERGE; only once the files are known to be valid.
    apply_schema(driver, database)
    summary = write_dataset(
        driver,
        report,
        database=database,
        batch_size=batch_size,
        writers=writers,
        progress=progress,
        on_plan=on_plan,
    )
    if wipe_first:
        # Only now, with the new generation live: a load killed before this point has
        # left the old graph in place, --wipe or not.
        summary.nodes_deleted += delete_all_but(driver, database, summary.generation)
    return summary
