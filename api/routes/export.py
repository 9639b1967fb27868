"""The graph as a file: GraphML for Gephi, CSV for spreadsheets, JSON for code, GEXF for
Gephi's timeline, FtM for Aleph. Streamed: written as Neo4j sends the rows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from actorgraph.export_stream import arender
from actorgraph.exports import MEDIA_TYPES, SOURCE_QUERY, ExportFormat, Writer, writer_for
from actorgraph.ftm_export import FtmMissing
from actorgraph.queries import AsyncRows, aread_transaction, canned
from api.deps import (
    AsyncDriverDep,
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
    summary="Export the graph (GraphML, CSV, JSON, GEXF or FtM), streamed",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The export, as a download, sent as it is read. An error once "
            "it has begun (Neo4j gone mid-export) ends it short: the body stops before its "
            "end, so a client sees an incomplete chunked transfer.",
            "content": {media: {} for media in MEDIA_TYPES.values()},
        },
        404: {"description": "An unknown actor"},
        501: {"description": "ftm, on a server without the followthemoney library"},
    },
)
async def export(
    driver: DriverDep,
    async_driver: AsyncDriverDep,
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
) -> StreamingResponse:
    """GraphML, CSV and JSON: actors and interactions as nodes, each participation as an
    edge from the actor to the interaction with its role, whether the actor took part, and
    how many sources state it. GEXF: the contact network (actors who took part in the same
    held interaction), each edge weighted by its interactions and carrying their dates as
    spells. The same filters as `actorgraph export`; `actor` unknown gives 404.

    The export is written as Neo4j sends its rows, so it starts at once and takes little
    memory whatever its size. Whatever fails before it starts (Neo4j down, the query
    refused) answers 503 or 422 as usual; a failure once it has started ends it short."""
    checked_window(since, until)
    if actor is not None:
        await fetch_actor(driver, settings.neo4j_database, actor)
    try:
        writer = writer_for(format)
    except FtmMissing as exc:
        raise HTTPException(status_code=501, detail=str(exc)) from None
    async with AsyncExitStack() as stack:
        tx = await stack.enter_async_context(
            aread_transaction(async_driver, settings.neo4j_database)
        )
        rows = canned(SOURCE_QUERY[format]).arows(
            tx,
            actor=actor,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
        )
        await rows.start()
        # From here the response owns the transaction: it ends when the export does.
        body = streamed(writer, rows, stack.pop_all())
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="actorgraph.{format}"'},
    )


async def streamed(
    writer: Writer, rows: AsyncRows, transaction: AsyncExitStack
) -> AsyncIterator[bytes]:
    async with transaction:
        async for chunk in arender(writer, rows):
            yield chunk.encode("utf-8")
