"""Who mediated between two states, ranked, with reasons and evidence."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from actorgraph.queries import canned
from api.deps import DriverDep, SettingsDep, fetch_actor
from api.model_json import model_json
from api.schemas import Mediator

router = APIRouter(tags=["mediators"])
MEDIATORS = list[Mediator]


@router.get(
    "/mediators",
    summary="Who mediated between two states",
    response_model=MEDIATORS,
    responses={
        404: {"description": "`a` or `b` names no actor"},
        422: {"description": "`a` or `b` is not a state, or they are the same"},
    },
)
async def list_mediators(
    a: Annotated[str, Query(description="the first state's id", examples=["russia"])],
    b: Annotated[str, Query(description="the second state's id", examples=["ukraine"])],
    driver: DriverDep,
    settings: SettingsDep,
) -> Response:
    """Actors of neither side, ranked by score.

    **A side** is the state, every body that is part of it at any depth (its delegations,
    ministries, offices), and every person holding a position in one of these. A position
    whose dates the source gives counts only for interactions whose dates overlap them
    (so Reznikov is on Ukraine's side as head of its delegation on 2022-02-28 only, and
    on it throughout as Defense Minister, which has no dates).

    **An interaction between the sides** is one in which someone of each side took part.

    **Reasons** (`kind`), each listed with its interaction:
    - `mediated`, `arranged`, `hosted`: the actor had the role mediator, arranger, or
      host/venue_state in an interaction between the sides; or took part in (or mediated)
      an interaction that *arranges* one between the sides (`about` names that one), such
      as a mediation effort or a call that set up a meeting;
    - `at_request`: one side asked for an interaction (role requester) in which the actor
      acted (took part, mediated or arranged) and the other side took part;
    - `took_part_with_side`: the actor took part in a held interaction with a side (`side`
      names the state, or `both`); listed only when the actor met both sides.

    **Score** = the sum, over distinct pairs (reason kind, interaction between the sides —
    the arranged one for an arranging interaction), of: mediated 3, arranged 3,
    at_request 2, hosted 1, took_part_with_side 1. Ties are broken by id.

    `evidence` holds the quotes of every interaction given as a reason."""
    if a == b:
        raise HTTPException(status_code=422, detail="a and b must be two different states")
    database = settings.neo4j_database
    rows = await canned("mediators").arun(driver, database, a=a, b=b)
    if not rows:
        # The ranking matches two states by id, so a row proves both; without one, say which
        # side is unknown (404) or not a state (422). Checked beside each other: one after
        # the other they added a round trip.
        sides = await asyncio.gather(
            fetch_actor(driver, database, a),
            fetch_actor(driver, database, b),
            return_exceptions=True,
        )
        for side, actor in zip((a, b), sides, strict=True):
            if isinstance(actor, BaseException):
                raise actor
            if actor["kind"] != "state":
                raise HTTPException(
                    status_code=422, detail=f"{side!r} is a {actor['kind']}, not a state"
                )
    return model_json(rows, MEDIATORS)
