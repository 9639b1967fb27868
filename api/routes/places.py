"""Places and the states they lie in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep
from api.paging import PageDep
from api.schemas import Place
from api.tabular import CSV_RESPONSE, FormatQuery

router = APIRouter(tags=["places"])


@router.get(
    "/places",
    summary="Places with their states",
    response_model=list[Place],
    responses=CSV_RESPONSE,
)
async def list_places(
    driver: DriverDep, settings: SettingsDep, page: PageDep, format: FormatQuery = "json"
) -> list[dict[str, Any]] | Response:
    """Every place (city, region, venue, site), sorted by name, with the state it lies in,
    the number of interactions held there, and its evidence."""
    database = settings.neo4j_database
    rows = await canned("places").arun(driver, database, skip=page.skip, limit=page.fetch)
    if format == "csv":
        return await page.csv(rows, "places", driver, database)
    return await page.rows(rows, driver, database)
