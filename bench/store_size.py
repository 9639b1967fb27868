"""The database's store on disk, for the local server whose folders the suite can read."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from actorgraph import neo4j_server
from actorgraph.settings import Settings


def folder_mb(folder: Path) -> float:
    """The space the folder's files take on disk, in MB (allocated blocks, as `du` counts)."""
    allocated = sum(path.lstat().st_blocks * 512 for path in folder.rglob("*") if path.is_file())
    return round(allocated / 1024 / 1024, 1)


def checkpointed_store_mb(driver: Driver, settings: Settings) -> float:
    """The store folder of the database (its indexes included, not the transaction logs),
    in MB, measured while the local server is stopped, and the server started again.

    A clean stop is the only checkpoint Neo4j Community offers (no db.checkpoint): until
    then the pages written lately are in the page cache and the logs, and the store files
    lag far behind (10k: 24 MB live, 47 MB once stopped).
    """
    server = neo4j_server.LocalServer.from_settings(settings)
    neo4j_server.stop(server)
    store = folder_mb(server.home / "data" / "databases" / settings.neo4j_database)
    neo4j_server.start(server)
    # The driver still holds connections to the stopped process: a first query fails on
    # them and drops them, and execute_query retries it on a fresh one.
    driver.execute_query("RETURN 1", database_=settings.neo4j_database)
    return store
