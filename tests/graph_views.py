"""The live graph as the tests compare it."""

from __future__ import annotations

from neo4j import Driver

from loader.snapshot import export_live_graph

# When and by whom: they differ between two loads of the same files on purpose.
STAMPS = ("loaded_at", "loaded_by")


def comparable(graph: Driver, database: str) -> str:
    """The live graph, but for when and by whom it and its sources were loaded."""
    export = export_live_graph(graph, database)
    for node in export.nodes:
        for stamp in STAMPS:
            node["props"].pop(stamp, None)
    return export.canonical()
