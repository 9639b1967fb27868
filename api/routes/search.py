"""Full-text search over names, statements and evidence quotes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from actorgraph.queries import canned
from actorgraph.search_marks import best_text
from api.deps import DriverDep, SettingsDep, SinceQuery, UntilQuery, checked_window
from api.paging import PageDep
from api.schemas import SearchHit

router = APIRouter(tags=["search"])

Kind = Literal["actor", "statement", "evidence"]


@router.get(
    "/search",
    summary="Full-text search: names, statements, evidence quotes",
    response_model=list[SearchHit],
    responses={422: {"description": "The query is not valid Lucene syntax (the detail says why)"}},
)
async def search(
    driver: DriverDep,
    settings: SettingsDep,
    page: PageDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            description='Lucene syntax: words, "a phrase", prefix*, AND, OR, NOT, fuzzy~',
            examples=["security guarantees"],
        ),
    ],
    kinds: Annotated[
        list[Kind] | None, Query(description="any of actor, statement, evidence (repeat it)")
    ] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
) -> list[dict[str, Any]]:
    """Hits ranked by relevance, each with its kind, its record (kind, id, label), the text
    that matched with the query's words marked (`marks`), and the source of a statement or
    quote. Case and diacritics are ignored: `cavusoglu` finds `Çavuşoğlu`. With `since` or
    `until`, hits on undated records (actors among them) are left out. A query Lucene
    cannot parse answers 422 with the parser's message."""
    checked_window(since, until)
    rows = await canned("search").arun(
        driver,
        settings.neo4j_database,
        q=q,
        kinds=kinds,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        skip=page.skip,
        limit=page.fetch,
    )
    return [hit(row, q) for row in await page.rows(rows, driver, settings.neo4j_database)]


def hit(row: dict[str, Any], query: str) -> dict[str, Any]:
    text, marks = best_text(row.pop("texts"), query)
    return {**row, "text": text, "marks": marks}
