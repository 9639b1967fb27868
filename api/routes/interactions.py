"""Interactions: filtered lists and one interaction with its links and statements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from actorgraph.queries import canned
from api.deps import (
    DriverDep,
    InteractionStatusDep,
    InteractionTypeDep,
    SettingsDep,
    SinceQuery,
    UntilQuery,
    checked_window,
    fetch_actor,
)
from api.paging import PageDep
from api.schemas import Interaction, InteractionDetail
from api.tabular import CSV_RESPONSE, FormatQuery

router = APIRouter(tags=["interactions"])

INTERACTIONS = list[Interaction]
# Bounded: Neo4j integers are 64-bit, and no graph of ours has a billion rows to skip.
OffsetQuery = Annotated[
    int,
    Query(
        ge=0,
        le=1_000_000_000,
        description="rows to skip; the Link header's cursor is the way to page, this stays "
        "for the links people have kept",
    ),
]


@router.get(
    "/interactions",
    summary="Interactions, filtered and sorted by date",
    response_model=INTERACTIONS,
    responses={422: {"description": "A bad parameter, e.g. `with` without `actor`"},
               404: {"description": "`actor` or `with` names no actor"}, **CSV_RESPONSE},
)  # fmt: skip
async def list_interactions(
    driver: DriverDep,
    settings: SettingsDep,
    page: PageDep,
    type: InteractionTypeDep,
    status: InteractionStatusDep,
    actor: Annotated[
        str | None,
        Query(
            description="keep interactions this actor had any role in", examples=["dmytro-kuleba"]
        ),
    ] = None,
    with_: Annotated[
        str | None,
        Query(
            alias="with",
            description="needs `actor`: keep interactions both actors took part in",
            examples=["sergey-lavrov"],
        ),
    ] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    min_sources: Annotated[
        int | None,
        Query(ge=1, le=1000, description="keep interactions stated by at least this many sources"),
    ] = None,
    offset: OffsetQuery = 0,
    format: FormatQuery = "json",
) -> list[dict[str, Any]] | Response:
    """Sorted by the earliest date (or the latest, when only that is known), then id;
    undated interactions come last. `sources` is the number of distinct sources."""
    if with_ is not None and actor is None:
        raise HTTPException(status_code=422, detail="`with` needs `actor`")
    if offset and "cursor" not in page.request.query_params:
        page.skip = offset
    checked_window(since, until)
    database = settings.neo4j_database
    rows = await canned("interactions").arun(
        driver,
        database,
        actor=actor,
        type=type,
        status=status,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        min_sources=min_sources,
        offset=page.skip,
        limit=page.fetch,
        **{"with": with_},
    )
    for actor_id in (actor, with_) if not rows else ():
        if actor_id is not None:
            await fetch_actor(driver, database, actor_id)
    if format == "csv":
        return await page.csv(rows, "interactions", driver, database)
    return await page.json(rows, INTERACTIONS, driver, database)


@router.get(
    "/interactions/{interaction_id}",
    summary="One interaction, with links and statements",
    response_model=InteractionDetail,
    responses={404: {"description": "No interaction has this id"}},
)
async def get_interaction(
    interaction_id: Annotated[
        str,
        Path(
            description="the interaction's id, or the id of a record another source "
            "joined to it with `same_as`",
            examples=["meeting-2022-03-10-antalya-kuleba-lavrov"],
        ),
    ],
    driver: DriverDep,
    settings: SettingsDep,
) -> dict[str, Any]:
    """The interaction with its place, participants and evidence; `links` to the
    interactions it arranges, is part of, is the same as or is realized by (and those
    linking to it); and the statements made about it. Asked by the id of a record that
    another source joined to it with `same_as`, it answers with the interaction joined,
    whose `merged_ids` name that record."""
    rows = await canned("interaction").arun(driver, settings.neo4j_database, id=interaction_id)
    if not rows:
        raise HTTPException(status_code=404, detail=f"no interaction {interaction_id!r}")
    return rows[0]
