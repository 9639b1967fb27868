"""The graph's constraints and indexes, written before any MERGE.

The statements are `cypher/schema/*.cypher`, plain DDL that cypher-shell runs as it is.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable

from neo4j import Driver

from actorgraph.database import translated_errors
from actorgraph.queries import load_statement
from cypher import SCHEMA, cypher_files


def schema_statements(schema_dir: Traversable = SCHEMA) -> list[str]:
    """Every statement of `cypher/schema/*.cypher`, in file order; statements end with `;`."""
    statements: list[str] = []
    for path in cypher_files(schema_dir):
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("//")
        ]
        statements += [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
    return statements


def apply_schema(driver: Driver, database: str) -> int:
    """Create the constraints and indexes (all IF NOT EXISTS) and wait until they are online."""
    statements = schema_statements()
    with translated_errors(), driver.session(database=database) as session:
        for statement in statements:
            session.run(statement).consume()
        session.run(load_statement("await_indexes").cypher).consume()
    return len(statements)
