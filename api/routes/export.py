"""The graph as a file: GraphML for Gephi, CSV for spreadsheets, JSON for code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from actorgraph.exports import MEDIA_TYPES, SOURCE_QUERY, ExportFormat, render
from actorgraph.ftm_export import FtmMissing
from actorgraph.queries import canned
from api.deps import (
    DriverDep,
    SettingsDep,
    SinceQuery,
    UntilQuery,
    checked_window,
    fetch_actor,
)

router = APIRouter(tags=["export"])


@router.get(
    "/export",
    summary="Export the graph (GraphML, CSV or JSON)",
    response_class=Response,
    responses={
        200: {
            "description": "The export, as a download",
            "content": {media: {} for media in MEDIA_TYPES.values()},
        },
        404: {"description": "An unknown actor"},
        501: {"description": "ftm, on a server without the followthemoney library"},
    },
)
async def export(
    driver: DriverDep,
    settings: SettingsDep,
    format: Annotated[
        ExportFormat,
        Query(
            description="graphml (opens in Gephi), csv (one line per participation), json, "
            "gexf: the actor-to-actor contact network with dates for Gephi's timeline, or "
            "ftm: FollowTheMoney entities, a JSON object a line"
        ),
    ] = "json",
    since: SinceQuery = None,
    until: UntilQuery = None,
    actor: Annotated[
        str | None,
        Query(description="only the interactions this actor had a role in, e.g. vladimir-putin"),
    ] = None,
) -> Response:
    """GraphML, CSV and JSON: actors and interactions as nodes, each participation as an
    edge from the actor to the interaction with its role, whether the actor took part, and
    how many sources state it. GEXF: the contact network (actors who took part in the same
    held interaction), each edge weighted by its interactions and carrying their dates as
    spells. The same filters as `actorgraph export`; `actor` unknown gives 404."""
    checked_window(since, until)
    rows = await canned(SOURCE_QUERY[format]).arun(
        driver,
        settings.neo4j_database,
        actor=actor,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )
    if actor is not None and not rows:
        await fetch_actor(driver, settings.neo4j_database, actor)
    try:
        content = render(rows, format)
    except FtmMissing as exc:
        raise HTTPException(status_code=501, detail=str(exc)) from None
    return Response(
        content=content,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="actorgraph.{format}"'},
    )
