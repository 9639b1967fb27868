"""Statements: what was said, by whom, when, with the quote."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep, SinceQuery, UntilQuery, checked_window, fetch_actor
from api.paging import PageDep
from api.schemas import Statement
from api.tabular import CSV_RESPONSE, FormatQuery

router = APIRouter(tags=["statements"])


@router.get(
    "/statements",
    summary="Statements with speaker, date and quote",
    response_model=list[Statement],
    responses={404: {"description": "`speaker` names no actor"}, **CSV_RESPONSE},
)
async def list_statements(
    driver: DriverDep,
    settings: SettingsDep,
    page: PageDep,
    speaker: Annotated[
        str | None,
        Query(
            description="an actor's id: statements it made, or made by an unnamed speaker "
            "for it (e.g. 'a French official' for france)",
            examples=["mykhailo-podoliak"],
        ),
    ] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    format: FormatQuery = "json",
) -> list[dict[str, Any]] | Response:
    """Sorted by date (undated last), then id. `quote` holds the speaker's words as the
    source quotes them; `reported` the source's indirect account; `evidence` the quotes
    that attest the statement."""
    checked_window(since, until)
    database = settings.neo4j_database
    rows = await canned("statements").arun(
        driver,
        database,
        speaker=speaker,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        skip=page.skip,
        limit=page.fetch,
    )
    if not rows and speaker is not None:
        await fetch_actor(driver, database, speaker)
    if format == "csv":
        return await page.csv(rows, "statements", driver, database)
    return await page.rows(rows, driver, database)
