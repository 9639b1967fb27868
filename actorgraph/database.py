"""Opening the database, with errors that say what to do next."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources.abc import Traversable

from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity
from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

from actorgraph.settings import Settings
from cypher import SCHEMA, cypher_files

# Short timeouts: a missing server should say so in seconds, not hang a CLI or an API request.
CONNECTION_TIMEOUT_S = 2.0
# Server notifications off: on a graph where no record sets an optional property (no
# `outcome` anywhere), every canned query drew "property key does not exist" warnings,
# which the driver logged, query text and all, on every call.
NOTIFICATIONS = NotificationMinimumSeverity.OFF
ACQUISITION_TIMEOUT_S = 2.0


class DatabaseError(Exception):
    """Neo4j cannot be used: unreachable, wrong credentials or misconfigured."""


def unreachable_message(settings: Settings, detail: str) -> str:
    fix = (
        "start it with `make neo4j` (or `actorgraph neo4j start`)"
        if settings.uses_local_server
        else "check that the server runs and NEO4J_URI is right"
    )
    return f"Neo4j is not reachable at {settings.bolt_uri}: {fix}. ({detail})"


def open_driver(settings: Settings) -> Driver:
    return GraphDatabase.driver(
        settings.bolt_uri,
        auth=settings.auth,
        connection_timeout=CONNECTION_TIMEOUT_S,
        connection_acquisition_timeout=ACQUISITION_TIMEOUT_S,
        max_transaction_retry_time=5.0,
        notifications_min_severity=NOTIFICATIONS,
    )


@contextmanager
def connect(settings: Settings) -> Iterator[Driver]:
    """A driver whose server has answered once; DatabaseError names the URI and the fix."""
    try:
        driver = open_driver(settings)
    except (ConfigurationError, ValueError) as exc:
        raise DatabaseError(f"NEO4J_URI={settings.bolt_uri!r} is not usable: {exc}") from exc
    try:
        try:
            driver.verify_connectivity()
        except ServiceUnavailable as exc:
            raise DatabaseError(unreachable_message(settings, str(exc))) from exc
        except AuthError as exc:
            raise DatabaseError(
                f"Neo4j at {settings.bolt_uri} refused the credentials of user "
                f"{settings.neo4j_user!r}: set NEO4J_USER and NEO4J_PASSWORD (in .env) "
                f"to the server's. ({exc.message})"
            ) from exc
        yield driver
    finally:
        driver.close()


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
    with driver.session(database=database) as session:
        for statement in statements:
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    return len(statements)
