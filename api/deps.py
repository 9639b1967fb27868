"""Dependencies shared by the routers: settings, driver, and checks of vocabulary parameters."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from neo4j import AsyncDriver

from actorgraph.settings import Settings, get_settings
from loader.vocabulary import ACTOR_KINDS, INTERACTION_TYPES, STATUSES


def get_driver(request: Request) -> AsyncDriver:
    driver: AsyncDriver = request.app.state.driver
    return driver


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[AsyncDriver, Depends(get_driver)]


def _one_of(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise HTTPException(
            status_code=422, detail=f"unknown {name} {value!r}; one of: {', '.join(allowed)}"
        )
    return value


def interaction_type(
    type: Annotated[
        str | None,
        Query(description="an interaction type: " + ", ".join(t.name for t in INTERACTION_TYPES)),
    ] = None,
) -> str | None:
    return _one_of("type", type, tuple(t.name for t in INTERACTION_TYPES))


def interaction_status(
    status: Annotated[str | None, Query(description="one of: " + ", ".join(STATUSES))] = None,
) -> str | None:
    return _one_of("status", status, STATUSES)


def actor_kind(
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
