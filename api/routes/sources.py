"""Sources: a source's metadata and what it backs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep
from api.schemas import Source

router = APIRouter(tags=["sources"])


@router.get(
    "/sources/{source_id}",
    summary="A source's metadata and what it backs",
    response_model=Source,
    responses={404: {"description": "No source has this id"}},
)
async def get_source(
    source_id: Annotated[str, Path(description="the source's id", examples=["cameron-2022-03-21"])],
    driver: DriverDep,
    settings: SettingsDep,
) -> dict[str, Any]:
    """Title, author, date, publisher, URL and text file name; and the ids of what it
    backs: interactions, statements, actors and places it is quoted as evidence for, and
    the affiliations and memberships it records."""
    rows = await canned("source").arun(driver, settings.neo4j_database, id=source_id)
    if not rows:
        raise HTTPException(status_code=404, detail=f"no source {source_id!r}")
    return rows[0]
