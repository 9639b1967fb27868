"""Places and the states they lie in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import DriverDep, SettingsDep
from api.queries import canned
from api.schemas import Place

router = APIRouter(tags=["places"])


@router.get("/places", summary="Places with their states", response_model=list[Place])
async def list_places(driver: DriverDep, settings: SettingsDep) -> list[dict[str, Any]]:
    """Every place (city, region, venue, site), sorted by name, with the state it lies in,
    the number of interactions held there, and its evidence."""
    return await canned("places").run(driver, settings.neo4j_database)
