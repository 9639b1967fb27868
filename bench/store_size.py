"""The database's size on disk, for the local server whose folders the suite can read."""

from __future__ import annotations

from pathlib import Path

from actorgraph.local_server import LocalServer
from actorgraph.settings import Settings


def folder_mb(folder: Path) -> float:
    """The space the folder's files take on disk, in MB (allocated blocks, as `du` counts)."""
    allocated = sum(path.lstat().st_blocks * 512 for path in folder.rglob("*") if path.is_file())
    return round(allocated / 1024 / 1024, 1)


def store_on_disk(settings: Settings) -> dict[str, float] | None:
    """The store folder and the transaction logs of the database, in MB; None when the
    server is not the local one (NEO4J_URI), whose folders are out of reach."""
    if not settings.uses_local_server:
        return None
    data = LocalServer.from_settings(settings).home / "data"
    database = settings.neo4j_database
    return {
        "store_mb": folder_mb(data / "databases" / database),
        "transaction_logs_mb": folder_mb(data / "transactions" / database),
    }
