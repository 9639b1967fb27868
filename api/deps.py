"""Dependencies shared by the routers: settings, driver, the actor lookup, and checks of
vocabulary parameters.

The dependencies are `async def` though they wait on nothing: FastAPI runs a plain `def`
dependency in its thread pool, a hand-off to a thread and back for each one, on every
request.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import APIKeyHeader
from neo4j import AsyncDriver, Driver

from actorgraph.queries import canned
from actorgraph.settings import Settings
from loader.vocabulary import ACTOR_KINDS, INTERACTION_TYPES, STATUSES


async def get_driver(request: Request) -> Driver:
    """The app's driver of the canned reads (`CannedQuery.arun`); while Neo4j is known to
    be down (api/circuit.py), a 503 at once."""
    request.app.state.circuit.check()
    driver: Driver = request.app.state.driver
    return driver


async def get_async_driver(request: Request) -> AsyncDriver:
    """The app's async driver, for what streams or is cancelled: exports, ad hoc Cypher."""
    request.app.state.circuit.check()
    driver: AsyncDriver = request.app.state.async_driver
    return driver


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with (tests create apps with settings of their own).

    Read from the app rather than set through `dependency_overrides`: while any override
    exists, FastAPI rebuilds every dependency's signature on every request (about 0.5 ms).
    """
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DriverDep = Annotated[Driver, Depends(get_driver)]
AsyncDriverDep = Annotated[AsyncDriver, Depends(get_async_driver)]


async def fetch_actor(driver: Driver, database: str, actor_id: str) -> dict[str, Any]:
    """The actor's record, or 404: used by every endpoint that takes an actor id."""
    rows = await canned("actor").arun(driver, database, actor=actor_id)
    if not rows:
        raise HTTPException(status_code=404, detail=f"no actor {actor_id!r}")
    return rows[0]


def _one_of(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise HTTPException(
            status_code=422, detail=f"unknown {name} {value!r}; one of: {', '.join(allowed)}"
        )
    return value


async def interaction_type(
    type: Annotated[
        str | None,
        Query(description="an interaction type: " + ", ".join(t.name for t in INTERACTION_TYPES)),
    ] = None,
) -> str | None:
    return _one_of("type", type, tuple(t.name for t in INTERACTION_TYPES))


async def interaction_status(
    status: Annotated[str | None, Query(description="one of: " + ", ".join(STATUSES))] = None,
) -> str | None:
    return _one_of("status", status, STATUSES)


async def actor_kind(
    kind: Annotated[str | None, Query(description="one of: " + ", ".join(ACTOR_KINDS))] = None,
) -> str | None:
    return _one_of("kind", kind, ACTOR_KINDS)


def checked_window(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise HTTPException(status_code=422, detail=f"since ({since}) is after until ({until})")


SINCE_DESCRIPTION = (
    "ISO date (YYYY-MM-DD): keep what may have happened on or after this day (date ranges "
    "that overlap it; undated entries are left out)"
)
UNTIL_DESCRIPTION = (
    "ISO date (YYYY-MM-DD): keep what may have happened on or before this day (date ranges "
    "that overlap it; undated entries are left out)"
)

InteractionTypeDep = Annotated[str | None, Depends(interaction_type)]
InteractionStatusDep = Annotated[str | None, Depends(interaction_status)]
ActorKindDep = Annotated[str | None, Depends(actor_kind)]
SinceQuery = Annotated[date | None, Query(description=SINCE_DESCRIPTION)]
UntilQuery = Annotated[date | None, Query(description=UNTIL_DESCRIPTION)]


# auto_error=False: the key is optional unless ACTORGRAPH_API_KEY is set, which only
# require_api_key knows. Declared as a security scheme so /docs offers an "Authorize" box.
API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Needed by POST /cypher when the server sets ACTORGRAPH_API_KEY.",
)


async def require_api_key(
    settings: SettingsDep, given: Annotated[str | None, Depends(API_KEY_HEADER)]
) -> None:
    """Refuse the request (401) unless it carries the configured API key; no key, no check."""
    if settings.actorgraph_api_key is None:
        return
    expected = settings.actorgraph_api_key.get_secret_value()
    if not expected:
        return
    # compare_digest on bytes: constant time, and no TypeError on non-ASCII input.
    if given is None or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            status_code=401,
            detail="POST /cypher needs the API key in the X-API-Key header",
            headers={"WWW-Authenticate": "APIKey"},
        )
