"""The history: each load records what it changed before it publishes.

A Changeset (when, by whom, which sources) with a Change per interaction, actor and
contact added, removed or changed, computed in Neo4j between the live generation and the
new one while both exist (cypher/load/record_changeset.cypher). It stays pending until the
publishing transaction marks it done, so a load that never publishes leaves no history.
"""

from __future__ import annotations

from collections.abc import Sequence

from neo4j import Driver

from actorgraph.queries import load_statement
from loader.stored_sources import loaded_by

# Changes listed per load: they are written in one transaction. A load that changes more
# (a source of 100k interactions replaced) is marked truncated.
CHANGES_CAP = 10_000


def drop_pending_changesets(driver: Driver, database: str) -> None:
    load_statement("drop_pending_changesets").write(driver, database)


def record_changeset(
    driver: Driver,
    database: str,
    *,
    changeset: str,
    new: int,
    old: int | None,
    sources: Sequence[str],
    removed: Sequence[str],
    at: str,
) -> None:
    load_statement("record_changeset").write(
        driver,
        database,
        id=changeset,
        new=new,
        old=old,
        at=at,
        by=loaded_by(),
        sources=sorted(sources),
        removed=sorted(removed),
        cap=CHANGES_CAP,
    )
