"""The history: what each load changed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep
from api.schemas import Changeset

router = APIRouter(tags=["changes"])


@router.get(
    "/changes", summary="What each load added, removed or changed", response_model=list[Changeset]
)
async def list_changes(
    driver: DriverDep,
    settings: SettingsDep,
    since: Annotated[
        dt.date | None, Query(description="ISO date: the loads on or after this day")
    ] = None,
    source: Annotated[
        str | None,
        Query(
            description="only the loads that gave or removed this source",
            examples=["press-note-2022-03-10"],
        ),
    ] = None,
    kind: Annotated[
        Literal["interaction", "actor", "contact"] | None,
        Query(description="only changes of this kind"),
    ] = None,
) -> list[dict[str, Any]]:
    """The loads newest first: when, by whom, which sources, and each interaction, actor and
    contact they added, removed or changed, with the sources that state it. A first load
    into an empty graph lists no changes; its `added` counts its interactions, actors and
    contacts. Which contacts appeared this week:
    `/changes?since=<a week ago>&kind=contact`, then the changes that are `added`."""
    return await canned("changes").arun(
        driver,
        settings.neo4j_database,
        since=since.isoformat() if since else None,
        source=source,
        kind=kind,
    )
