"""The canned-query catalogue, and running one canned query by name."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from actorgraph.queries import CannedQuery, ParameterError, catalogue
from api.deps import DriverDep, SettingsDep
from api.schemas import CannedQueryInfo, CannedQueryResult

router = APIRouter(tags=["queries"])


def describe(query: CannedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "description": p.description,
                "example": p.example,
            }
            for p in query.parameters
        ],
        "browser_params": query.browser_params,
        "file": f"cypher/queries/{query.path.name}",
    }


@router.get(
    "/queries", summary="The catalogue of canned queries", response_model=list[CannedQueryInfo]
)
async def list_queries() -> list[dict[str, Any]]:
    """Every query in `cypher/queries/`: the same text runs in Neo4j Browser (paste the
    whole file) and cypher-shell (`cypher-shell -f FILE`), and behind the endpoints of this
    API. `browser_params` is the `:param` line that sets example parameters."""
    return [describe(q) for q in catalogue().values()]


@router.get(
    "/queries/{name}",
    summary="Run a canned query",
    response_model=CannedQueryResult,
    responses={
        404: {"description": "No canned query has this name"},
        422: {"description": "A missing, unknown or malformed parameter"},
    },
)
async def run_query(
    name: Annotated[str, Path(description="the query's name", examples=["contacts"])],
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
) -> dict[str, Any]:
    """Run the named query with its parameters from the query string, e.g.
    `/queries/contacts?actor=vladimir-putin&since=2022-03-01`. Dates are ISO; a
    `list<string>` parameter is comma-separated; parameters left out are null."""
    query = catalogue().get(name)
    if query is None:
        raise HTTPException(
            status_code=404,
            detail=f"no canned query {name!r}; see GET /queries",
        )
    try:
        params = query.convert(dict(request.query_params))
    except ParameterError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    rows = await query.arun(driver, settings.neo4j_database, **params)
    columns = list(rows[0]) if rows else []
    return {"name": name, "params": params, "columns": columns, "rows": rows}
