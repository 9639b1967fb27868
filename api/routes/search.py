"""Full-text search over names, statements and evidence quotes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from actorgraph.queries import QueryRejected, canned
from actorgraph.search_marks import best_text, close_spelling, operator_hint
from api.deps import DriverDep, SettingsDep, SinceQuery, UntilQuery, checked_window
from api.paging import PageDep
from api.schemas import SearchHit

router = APIRouter(tags=["search"])

Kind = Literal["actor", "statement", "evidence"]


@router.get(
    "/search",
    summary="Full-text search: names, statements, evidence quotes",
    response_model=list[SearchHit],
    responses={
        422: {
            "description": "The query is not valid Lucene syntax (the detail says why, and how "
            "to search for AND, OR, NOT or TO as a word)"
        }
    },
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
    `until`, hits on undated records (actors among them) are left out.

    A query of plain words that matches nothing as typed is tried again spelled loosely
    (each word of 4+ letters within two edits: `Zelensky` finds `Zelenskyy`); its hits say
    so in `loosened_query`. A query Lucene cannot parse answers 422 with the parser's
    message."""
    checked_window(since, until)

    async def hits(query: str, skip: int, limit: int) -> list[dict[str, Any]]:
        try:
            return await canned("search").arun(
                driver,
                settings.neo4j_database,
                q=query,
                kinds=kinds,
                since=since.isoformat() if since else None,
                until=until.isoformat() if until else None,
                skip=skip,
                limit=limit,
            )
        except QueryRejected as exc:
            hint = operator_hint(query)
            raise QueryRejected(f"{exc} {hint}" if hint else str(exc)) from exc

    used, loosened = q, close_spelling(q)
    rows = await hits(q, page.skip, page.fetch)
    # A later page of loosened hits finds nothing as typed either: the query as typed must
    # match nothing at all, not just on this page.
    if not rows and loosened and (page.skip == 0 or not await hits(q, 0, 1)):
        used, rows = loosened, await hits(loosened, page.skip, page.fetch)
    page_rows = await page.rows(rows, driver, settings.neo4j_database)
    return [hit(row, used, loosened=used != q) for row in page_rows]


def hit(row: dict[str, Any], query: str, *, loosened: bool = False) -> dict[str, Any]:
    text, marks = best_text(row.pop("texts"), query)
    return {**row, "text": text, "marks": marks, "loosened_query": query if loosened else None}
