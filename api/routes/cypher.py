"""`POST /cypher`: ad hoc read-only Cypher, with a time limit and a row cap.

The door is read-only by three independent checks (actorgraph/read_only.py holds the first
two), so that one mistake does not open it:

1. The text, before Neo4j sees it: no `LOAD CSV` outside string literals and comments, and
   no second statement after a `;`.
2. The plan: `EXPLAIN <query>` must report query type `r` (read), and its operators must
   not load files, write, run `CALL { … } IN TRANSACTIONS`, change the schema, administer
   the server, reach another database, or call a procedure outside `READ_PROCEDURES`.
3. The run: the query executes in a read transaction, so Neo4j itself refuses any write
   that slipped past 1 and 2. The transaction carries the time limit, so Neo4j stops a
   runaway query and rolls it back.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from neo4j import READ_ACCESS, AsyncDriver, AsyncManagedTransaction, unit_of_work
from neo4j import exceptions as neo4j_errors

from actorgraph.database import translated_errors
from actorgraph.queries import inspect_query
from actorgraph.read_only import Refused, refuse_by_plan, refuse_by_text
from actorgraph.settings import Settings
from actorgraph.values import json_value
from api.deps import AsyncDriverDep, DriverDep, SettingsDep, require_api_key
from api.schemas import CypherRequest, CypherResult

router = APIRouter(tags=["cypher"])

# Neo4j 5.26 answers the client's timeout with the second; the first is the server's own
# limit (db.transaction.timeout), should it be set lower.
TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)

# On a line of its own, so that Neo4j's error positions keep the user's columns; only the
# line number and offset need shifting back (see positions_in_query).
EXPLAIN_PREFIX = "EXPLAIN\n"
# Shown in SHOW TRANSACTIONS, so that an operator can tell the ad hoc queries apart.
TRANSACTION_METADATA = {"app": "actorgraph", "endpoint": "POST /cypher"}

_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


INT64 = range(-(2**63), 2**63)


def unsendable(value: Any, where: str) -> str | None:
    """Why Neo4j cannot receive this JSON value, if it cannot: integers beyond 64 bits,
    and text with lone surrogates (valid in JSON, not in UTF-8)."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None
    if isinstance(value, int):
        return None if value in INT64 else f"{where} is beyond a 64-bit integer"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{where} is not valid Unicode text (it holds a lone surrogate)"
        return None
    if isinstance(value, list):
        return next(
            (why for i, v in enumerate(value) if (why := unsendable(v, f"{where}[{i}]"))), None
        )
    if isinstance(value, dict):
        return next(
            (
                why
                for k, v in value.items()
                if (why := unsendable(k, f"a key in {where}") or unsendable(v, f"{where}.{k}"))
            ),
            None,
        )
    return None


def positions_in_query(message: str) -> str:
    """Neo4j's error message with its positions counted in the user's query, not in the
    `EXPLAIN` statement that wraps it."""

    def shift(match: re.Match[str]) -> str:
        line, column, offset = int(match[1]), match[2], int(match[3])
        return f"(line {line - 1}, column {column} (offset: {offset - len(EXPLAIN_PREFIX)}))"

    return _POSITION.sub(shift, message)


async def explain(
    tx: AsyncManagedTransaction, query: str, params: dict[str, Any]
) -> tuple[str | None, dict[str, Any] | None]:
    result = await tx.run(EXPLAIN_PREFIX + query, params)
    summary = await result.consume()
    return summary.query_type, summary.plan


async def fetch(
    tx: AsyncManagedTransaction, query: str, params: dict[str, Any], cap: int
) -> tuple[list[str], list[dict[str, Any]], bool]:
    result = await tx.run(query, params)
    columns = list(result.keys())
    # One record more than the cap tells whether there were more; the rest is discarded
    # on the server, not streamed.
    records = await result.fetch(cap + 1)
    await result.consume()
    rows = [
        {key: json_value(value) for key, value in zip(columns, record.values(), strict=True)}
        for record in records[:cap]
    ]
    return columns, rows, len(records) > cap


async def adhoc_slot(
    request: Request, driver: DriverDep, settings: SettingsDep
) -> AsyncIterator[None]:
    """One of the ACTORGRAPH_CYPHER_CONCURRENCY places of the ad hoc door, or 429.

    Two counts: this process's requests in flight, and the ad hoc transactions Neo4j still
    runs, from any API process, including those past their limit that Neo4j has marked
    terminated but not yet ended (cypher/inspect/adhoc_running.cypher)."""
    limit = settings.actorgraph_cypher_concurrency
    slots: asyncio.Semaphore = request.app.state.adhoc_slots
    if slots.locked():
        raise door_busy(settings, f"{limit} ad hoc queries are running")
    async with slots:
        rows = await inspect_query("adhoc_running").arun(driver, settings.neo4j_database)
        if rows[0]["running"] >= limit:
            raise door_busy(
                settings,
                f"Neo4j is still running {rows[0]['running']} ad hoc queries (some may be past "
                "their time limit and ending)",
            )
        yield


def door_busy(settings: Settings, why: str) -> HTTPException:
    return HTTPException(
        status_code=429,
        detail=f"{why}; at most {settings.actorgraph_cypher_concurrency} run at once. Try "
        "again shortly; the canned queries (GET /queries) are not limited.",
        headers={"Retry-After": str(math.ceil(settings.actorgraph_query_timeout))},
    )


@router.post(
    "/cypher",
    summary="Run ad hoc read-only Cypher",
    response_model=CypherResult,
    dependencies=[Depends(require_api_key), Depends(adhoc_slot)],
    responses={
        400: {"description": "Refused: not a single read-only statement (the detail says why)"},
        401: {"description": "The server sets an API key and X-API-Key does not match it"},
        422: {
            "description": "Neo4j rejected the query (syntax, types, parameters), or it ran "
            "past the time limit"
        },
        429: {"description": "As many ad hoc queries as allowed are running; see Retry-After"},
        503: {"description": "Neo4j is unreachable"},
    },
)
async def run_cypher(
    request: CypherRequest, driver: AsyncDriverDep, settings: SettingsDep
) -> dict[str, Any]:
    """One read-only statement, e.g. `MATCH (p:Person) RETURN p.name LIMIT 5`, with its
    `$parameters` in `params`.

    Refused (400): writes (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH), `CALL { … } IN
    TRANSACTIONS`, schema and administration commands, LOAD CSV, several statements, other
    databases, SHOW commands other than INDEXES, CONSTRAINTS and FUNCTIONS, and
    procedures other than: db.labels, db.relationshipTypes, db.propertyKeys,
    db.schema.visualization, db.schema.nodeTypeProperties, db.schema.relTypeProperties,
    db.info, db.ping, db.index.fulltext.queryNodes, db.index.fulltext.queryRelationships,
    dbms.components.

    The query stops after ACTORGRAPH_QUERY_TIMEOUT seconds (default 2) with a 422. At
    most ACTORGRAPH_CYPHER_CONCURRENCY (default 2) run at once; more get 429 with
    Retry-After. At most ACTORGRAPH_ROW_CAP rows (default 1000) come back; `truncated`
    says whether there were more. When the server sets ACTORGRAPH_API_KEY, send it in the
    X-API-Key header."""
    if not request.query.strip():
        raise HTTPException(status_code=422, detail="the query is empty")
    why = unsendable(request.query, "the query") or unsendable(request.params, "params")
    if why:
        raise HTTPException(status_code=422, detail=why)
    run = AdhocRun(request.query, request.params, settings.actorgraph_query_timeout)
    try:
        refuse_by_text(request.query)
        with translated_errors():
            # A second past the limit: Neo4j may not answer a query it has marked terminated
            # until the expression it is in ends; the answer need not wait for that.
            return await asyncio.wait_for(
                run.read(driver, settings.neo4j_database, settings.actorgraph_row_cap),
                timeout=settings.actorgraph_query_timeout + 1.0,
            )
    except Refused as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    except TimeoutError:
        raise HTTPException(
            status_code=422,
            detail=f"stopped after {run.timeout} s, the time limit for ad hoc queries (Neo4j "
            "is still ending it; until it has, it counts against the ad hoc limit)",
        ) from None
    except neo4j_errors.Neo4jError as exc:
        raise run.http_error(exc) from None


class AdhocRun:
    """One ad hoc query: explained and checked, then run, each in a time-limited read
    transaction; `http_error` says what went wrong in the user's terms."""

    def __init__(self, query: str, params: dict[str, Any], timeout: float) -> None:
        self.query, self.params, self.timeout = query, params, timeout
        self.explaining = True
        self.limited = unit_of_work(timeout=timeout, metadata=TRANSACTION_METADATA)

    async def read(self, driver: AsyncDriver, database: str, cap: int) -> dict[str, Any]:
        async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            query_type, plan = await session.execute_read(
                self.limited(explain), self.query, self.params
            )
            self.explaining = False
            refuse_by_plan(query_type, plan, database)
            columns, rows, truncated = await session.execute_read(
                self.limited(fetch), self.query, self.params, cap
            )
        return {"columns": columns, "rows": rows, "truncated": truncated}

    def http_error(self, exc: neo4j_errors.Neo4jError) -> HTTPException:
        if isinstance(exc, neo4j_errors.Forbidden):
            # Neo4j's own refusal, e.g. a write inside the read transaction.
            return HTTPException(status_code=400, detail=f"refused by Neo4j: {exc.message}")
        if isinstance(exc, neo4j_errors.DatabaseError):
            return HTTPException(
                status_code=500, detail=f"Neo4j failed while running the query: {exc.message}"
            )
        if exc.code in TIMEOUT_CODES:
            return HTTPException(
                status_code=422,
                detail=f"stopped after {self.timeout} s, the time limit for ad hoc queries",
            )
        if "Memory" in (exc.code or ""):
            # e.g. Neo.TransientError.General.MemoryPoolOutOfMemoryError: transient for
            # Neo4j, but this query will need as much memory the next time.
            return HTTPException(
                status_code=422,
                detail=f"the query needs more memory than Neo4j allows: {exc.message}",
            )
        if isinstance(exc, neo4j_errors.TransientError):
            return HTTPException(
                status_code=503, detail=f"Neo4j could not run the query now: {exc.message}"
            )
        message = exc.message or str(exc)
        return HTTPException(
            status_code=422, detail=positions_in_query(message) if self.explaining else message
        )
