"""Opening the database, with errors that say what to do next.

The library raises its own errors, never the driver's: `translated_errors` turns a server
that went away or refused the credentials into `Neo4jUnavailable` or `Neo4jAuthFailed`,
and the CLI and the API each say it their way (`explain` gives the sentence and the fix).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    Driver,
    GraphDatabase,
    NotificationMinimumSeverity,
)
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
)

from actorgraph.settings import Settings

# Short timeouts: a missing server should say so in seconds, not hang a CLI or an API request.
CONNECTION_TIMEOUT_S = 2.0
# Server notifications off: on a graph where no record sets an optional property (no
# `outcome` anywhere), every canned query drew "property key does not exist" warnings,
# which the driver logged, query text and all, on every call.
NOTIFICATIONS = NotificationMinimumSeverity.OFF
ACQUISITION_TIMEOUT_S = 2.0


# A server that is down, restarting or shutting down (it answers DatabaseUnavailable until
# it is gone), and a connection lost mid-transaction.
UNAVAILABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)


class DatabaseError(Exception):
    """Neo4j cannot be used: unreachable, wrong credentials or misconfigured."""

    def explain(self, settings: Settings) -> str:
        """The sentence for a user, with what to do next."""
        return str(self)


class Neo4jUnavailable(DatabaseError):
    """The server is not reachable, or stopped answering; the message is the driver's."""

    def explain(self, settings: Settings) -> str:
        return unreachable_message(settings, str(self))


class Neo4jAuthFailed(DatabaseError):
    """The server refused the credentials."""

    def explain(self, settings: Settings) -> str:
        return (
            f"Neo4j at {settings.bolt_uri} refused the credentials of user "
            f"{settings.neo4j_user!r}: set NEO4J_USER and NEO4J_PASSWORD (in .env) "
            f"to the server's. ({self})"
        )


class Neo4jMisconfigured(DatabaseError):
    """NEO4J_URI cannot be used as given."""

    def explain(self, settings: Settings) -> str:
        return f"NEO4J_URI={settings.bolt_uri!r} is not usable: {self}"


@contextmanager
def translated_errors() -> Iterator[None]:
    """Raise the library's errors in place of the driver's connection and auth errors."""
    try:
        yield
    except UNAVAILABLE as exc:
        raise Neo4jUnavailable(str(exc)) from exc
    except AuthError as exc:
        raise Neo4jAuthFailed(exc.message or str(exc)) from exc


def unreachable_message(settings: Settings, detail: str) -> str:
    fix = (
        "start it with `make neo4j` (or `actorgraph neo4j start`)"
        if settings.uses_local_server
        else "check that the server runs and NEO4J_URI is right"
    )
    return f"Neo4j is not reachable at {settings.bolt_uri}: {fix}. ({detail})"


def _driver_options(settings: Settings, retry_s: float) -> dict[str, Any]:
    return {
        "auth": settings.auth,
        "connection_timeout": CONNECTION_TIMEOUT_S,
        "connection_acquisition_timeout": ACQUISITION_TIMEOUT_S,
        "max_transaction_retry_time": retry_s,
        "notifications_min_severity": NOTIFICATIONS,
    }


# The API's drivers connect lazily, so the API starts (and answers 503) while Neo4j is down,
# and recovers on its own; a request retries for 2 s at most, not a client's 5.
API_RETRY_S = 2.0


def open_driver(settings: Settings, retry_s: float = 5.0) -> Driver:
    """The CLI's and the loader's driver: a write may retry a transient error for 5 s. The
    API's canned reads use one too, with `API_RETRY_S`, from worker threads."""
    return GraphDatabase.driver(settings.bolt_uri, **_driver_options(settings, retry_s=retry_s))


def open_async_driver(settings: Settings) -> AsyncDriver:
    """The API's driver for what streams or must be cancelled: exports, ad hoc Cypher, and
    the circuit's probe."""
    return AsyncGraphDatabase.driver(
        settings.bolt_uri, **_driver_options(settings, retry_s=API_RETRY_S)
    )


@contextmanager
def connect(settings: Settings) -> Iterator[Driver]:
    """A driver whose server has answered once; a DatabaseError's `explain` names the URI
    and the fix."""
    try:
        driver = open_driver(settings)
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jMisconfigured(str(exc)) from exc
    try:
        with translated_errors():
            driver.verify_connectivity()
        yield driver
    finally:
        driver.close()
