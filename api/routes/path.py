"""The shortest chain of direct contacts between two actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep, fetch_actor
from api.model_json import model_json
from api.schemas import Path
from loader.vocabulary import ACTOR_KINDS

router = APIRouter(tags=["path"])

# The Cypher pattern's quantifier is a literal {1,6}; see cypher/queries/path.cypher.
MAX_HOPS_CEILING = 6


@router.get(
    "/path",
    summary="Shortest chain of direct contacts",
    response_model=Path,
    responses={
        404: {"description": "An unknown actor, or no chain within max_hops"},
        422: {"description": "max_hops above 6, an unknown kind, or from = to"},
    },
)
async def get_path(
    from_: Annotated[
        str,
        Query(alias="from", description="the first actor's id", examples=["volodymyr-zelenskyy"]),
    ],
    to: Annotated[str, Query(description="the last actor's id", examples=["vladimir-putin"])],
    driver: DriverDep,
    settings: SettingsDep,
    max_hops: Annotated[
        int, Query(ge=1, le=MAX_HOPS_CEILING, description="the most hops to allow (1 to 6)")
    ] = 4,
    kinds: Annotated[
        list[str] | None,
        Query(
            description="actor kinds allowed between the two ends (repeat the parameter or "
            "separate with commas); default person",
            examples=["person,organization"],
        ),
    ] = None,
) -> Response:
    """Each hop joins two actors who both took part in one **held** interaction (`via`
    gives it, with its evidence). The actors in between must be of `kinds` (persons by
    default); the two ends may be of any kind. Among chains of equal length, the first by
    the ids along it."""
    allowed = [k.strip() for item in (kinds or ["person"]) for k in item.split(",") if k.strip()]
    unknown = sorted(set(allowed) - set(ACTOR_KINDS))
    if unknown or not allowed:
        raise HTTPException(
            status_code=422,
            detail=f"unknown kind(s) {', '.join(unknown) or '(none)'}; "
            f"one or more of: {', '.join(ACTOR_KINDS)}",
        )
    if from_ == to:
        raise HTTPException(status_code=422, detail="from and to must be two different actors")
    database = settings.neo4j_database
    rows = await canned("path").arun(
        driver, database, to=to, max_hops=max_hops, kinds=allowed, **{"from": from_}
    )
    if not rows:
        await fetch_actor(driver, database, from_)
        await fetch_actor(driver, database, to)
        raise HTTPException(
            status_code=404,
            detail=f"no chain of direct contacts from {from_!r} to {to!r} within "
            f"{max_hops} hop(s) through {', '.join(allowed)}",
        )
    return model_json(rows[0], Path)
