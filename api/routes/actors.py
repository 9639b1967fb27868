"""Actors: search, one actor with its affiliations, and its direct contacts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from actorgraph.queries import canned
from api.deps import (
    ActorKindDep,
    DriverDep,
    InteractionTypeDep,
    SettingsDep,
    SinceQuery,
    UntilQuery,
    checked_window,
    fetch_actor,
)
from api.paging import PageDep
from api.schemas import Actor, ActorDetail, Contact
from api.tabular import CSV_RESPONSE, FormatQuery
from loader.names import name_key

router = APIRouter(tags=["actors"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No actor has this id",
        "content": {"application/json": {"example": {"detail": "no actor 'nobody'"}}},
    }
}
CONTACTS = list[Contact]
ActorId = Annotated[str, Path(description="the actor's id", examples=["vladimir-putin"])]


@router.get(
    "/actors",
    summary="Find actors by name or kind",
    response_model=list[Actor],
    responses=CSV_RESPONSE,
)
async def list_actors(
    driver: DriverDep,
    settings: SettingsDep,
    kind: ActorKindDep,
    page: PageDep,
    format: FormatQuery = "json",
    q: Annotated[
        str | None,
        Query(
            description="text contained in the name or an alias; case, diacritics and "
            "punctuation are ignored ('Çavuşoğlu' finds Mevlut Cavusoglu)",
            examples=["cavusoglu"],
        ),
    ] = None,
    wikidata: Annotated[
        str | None,
        Query(
            pattern=r"^Q[1-9][0-9]*$",
            description="the actor that is this Wikidata item",
            examples=["Q7747"],
        ),
    ] = None,
) -> list[dict[str, Any]] | Response:
    """People, states and organizations, sorted by name, with the ids other datasets know
    them by (`wikidata`; a state's `iso2` and `iso3`). With `q`, those whose name or any
    alias contains it under the project's one name-matching rule (`loader.names.name_key`);
    with `wikidata`, the actor that is that Wikidata item."""
    q_key = name_key(q) if q is not None else None
    database = settings.neo4j_database
    rows = await canned("actors").arun(
        driver,
        database,
        q_key=q_key or None,
        kind=kind,
        wikidata=wikidata,
        skip=page.skip,
        limit=page.fetch,
    )
    if format == "csv":
        return await page.csv(rows, "actors", driver, database)
    return await page.rows(rows, driver, database)


@router.get(
    "/actors/{actor_id}",
    summary="One actor, with affiliations and memberships",
    response_model=ActorDetail,
    responses=NOT_FOUND,
)
async def get_actor(actor_id: ActorId, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    """The actor with its evidence; the positions it holds or that people hold in it
    (affiliations, with dates where the text gives them); the bodies it is part or member
    of, or that are part or member of it (memberships). Each link carries its evidence."""
    return await fetch_actor(driver, settings.neo4j_database, actor_id)


@router.get(
    "/actors/{actor_id}/contacts",
    summary="Direct contacts of an actor",
    response_model=CONTACTS,
    responses={**NOT_FOUND, **CSV_RESPONSE},
)
async def list_contacts(
    actor_id: ActorId,
    driver: DriverDep,
    settings: SettingsDep,
    type: InteractionTypeDep,
    page: PageDep,
    since: SinceQuery = None,
    until: UntilQuery = None,
    format: FormatQuery = "json",
) -> list[dict[str, Any]] | Response:
    """Actors who took part in a **held** interaction in which this actor took part too,
    most frequent first. Taking part means a role such as participant, caller, visitor or
    mediator; a requester, arranger, venue state, addressee or subject did not take part.
    So two leaders who only met through an intermediary are not contacts. `first` and `last`
    are read as bounds: `first_bound` is `on_or_before` when the first contact was on
    `first` or before it (one interaction is known only as on or before a date),
    `on_or_after` when on it or after, null when `first` is its day; `last_bound` likewise."""
    checked_window(since, until)
    database = settings.neo4j_database
    rows = await canned("contacts").arun(
        driver,
        database,
        actor=actor_id,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        type=type,
        skip=page.skip,
        limit=page.fetch,
    )
    if not rows:
        await fetch_actor(driver, database, actor_id)
    if format == "csv":
        return await page.csv(rows, f"contacts-{actor_id}", driver, database)
    return await page.json(rows, CONTACTS, driver, database)
