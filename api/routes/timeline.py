"""An actor's timeline: its interactions and statements in date order."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep, SinceQuery, UntilQuery, checked_window, fetch_actor
from api.paging import PageDep
from api.schemas import TimelineEntry
from api.tabular import CSV_RESPONSE, FormatQuery

router = APIRouter(tags=["timeline"])


@router.get(
    "/timeline",
    summary="An actor's interactions and statements in date order",
    response_model=list[TimelineEntry],
    responses={404: {"description": "`actor` names no actor"}, **CSV_RESPONSE},
)
async def get_timeline(
    actor: Annotated[str, Query(description="the actor's id", examples=["emmanuel-macron"])],
    driver: DriverDep,
    settings: SettingsDep,
    page: PageDep,
    since: SinceQuery = None,
    until: UntilQuery = None,
    format: FormatQuery = "json",
) -> list[dict[str, Any]] | Response:
    """Entries of `kind` "interaction" (any role the actor had, in `roles`; `with` lists the
    others who took part) and "statement" (what the actor said), sorted by date (earliest,
    or latest when only that is known), undated last. `date_bound` says when that date is
    only a bound: `on_or_before` (only the latest bound is known) or `on_or_after`."""
    checked_window(since, until)
    database = settings.neo4j_database
    rows = await canned("timeline").arun(
        driver,
        database,
        actor=actor,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        skip=page.skip,
        limit=page.fetch,
    )
    if not rows:
        await fetch_actor(driver, database, actor)
    if format == "csv":
        return await page.csv(rows, "timeline", driver, database)
    return await page.rows(rows, driver, database)
