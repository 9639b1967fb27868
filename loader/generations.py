"""Generations of the graph: which one is live, publishing a new one, deleting the others.

Every node the loader writes carries `gen`; `(:Dataset {id: 'current'}).gen` names the live
one, which every query reads (loader/load.py tells the whole story). The statements are in
`cypher/load/`.
"""

from __future__ import annotations

from neo4j import Driver

from actorgraph.queries import inspect_query, load_statement


def live_generation(driver: Driver, database: str) -> int | None:
    rows = inspect_query("live_generation").run(driver, database)
    return rows[0]["gen"] if rows else None


def publish(
    driver: Driver,
    database: str,
    gen: int,
    sources: list[str],
    digest: str,
    *,
    token: str,
    changeset: str,
    at: str,
) -> bool:
    """The commit point: one small transaction makes `gen` the live generation and the
    load's changeset history, if this load (`token`) still holds the load lock; False when
    it does not."""
    rows = load_statement("publish").write(
        driver,
        database,
        gen=gen,
        sources=sources,
        digest=digest,
        token=token,
        changeset=changeset,
        at=at,
    )
    return bool(rows)


def _run_in_batches(
    driver: Driver, database: str, names: tuple[str, str], live: int | None = None
) -> int:
    """Run a relationships-then-nodes pair of `CALL … IN TRANSACTIONS` statements, which
    need an auto-commit transaction (`session.run`), with the large stored source files
    deleted between them in small batches of their own; the number of nodes deleted."""
    relationships, nodes = names
    deleted = 0
    with driver.session(database=database) as session:
        for name in (relationships, "delete_source_files", nodes):
            statement = load_statement(name)
            params = {"live": live} if statement.parameter_names else {}
            summary = session.run(statement.cypher, statement.bind(params)).consume()
            deleted += summary.counters.nodes_deleted
    return deleted


def delete_other_generations(driver: Driver, database: str, live: int | None) -> int:
    """Delete every generation but the live one: unfinished loads and replaced ones."""
    pair = ("delete_other_generation_relationships", "delete_other_generation_nodes")
    return _run_in_batches(driver, database, pair, live=live)


def delete_all_but(driver: Driver, database: str, live: int) -> int:
    """Delete everything but the live generation and its pointer, whoever wrote it."""
    pair = ("delete_all_but_relationships", "delete_all_but_nodes")
    return _run_in_batches(driver, database, pair, live=live)


def wipe(driver: Driver, database: str) -> int:
    """Delete everything: every generation and the Dataset pointer."""
    return _run_in_batches(driver, database, ("wipe_relationships", "wipe_nodes"))
