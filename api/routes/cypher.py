"""`POST /cypher`: ad hoc read-only Cypher, with a time limit and a row cap.

The door is read-only by three independent checks, so that one mistake does not open it:

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

import base64
import math
import re
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from neo4j import READ_ACCESS, AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, DatabaseError, Forbidden, TransientError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from api.deps import DriverDep, SettingsDep, require_api_key
from api.schemas import CypherRequest, CypherResult
from loader.export import INTERNAL_PROPERTIES

router = APIRouter(tags=["cypher"])

# Procedures that only read the graph or describe the server; anything else is refused.
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.info",
        "db.ping",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "dbms.components",
    }
)
# Neo4j reports a query calling these as type `s` (a DBMS procedure), although they only
# read. Such a query passes only when its plan holds nothing but the call and ROW_OPERATORS,
# since Neo4j reports `s` for `CALL dbms.components() ... CREATE ...` too.
DBMS_READ_PROCEDURES = frozenset({"dbms.components"})
ROW_OPERATORS = frozenset(
    {
        "ProduceResults",
        "ProcedureCall",
        "Projection",
        "Filter",
        "Limit",
        "Skip",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Distinct",
        "OrderedDistinct",
        "EagerAggregation",
        "OrderedAggregation",
        "Unwind",
        "Argument",
        "EmptyRow",
        "Eager",
    }
)
# SHOW commands that list the schema and the callable procedures and functions. The others
# (SHOW TRANSACTIONS, SHOW SETTINGS, ...) expose other clients' queries or the configuration.
SCHEMA_SHOW_OPERATORS = frozenset(
    {"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"}
)
# Operator names (or their starts) that load files, write, commit in batches, change the
# schema or administer the server. Query type `r` already excludes most of them; this list
# is the second opinion, and with the text check the guard against `LOAD CSV` and
# `TERMINATE TRANSACTIONS`, which Neo4j reports as reads.
REFUSED_OPERATORS = (
    ("LoadCSV", "LOAD CSV"),
    ("Transaction", "CALL { … } IN TRANSACTIONS"),
    ("Create", "a write or schema change (CREATE)"),
    ("Merge", "a write (MERGE)"),
    ("LockingMerge", "a write (MERGE)"),
    ("Delete", "a write (DELETE)"),
    ("DetachDelete", "a write (DETACH DELETE)"),
    ("Set", "a write (SET, or REMOVE of a property)"),
    ("Remove", "a write (REMOVE)"),
    ("Foreach", "a write (FOREACH, or a CALL subquery that writes)"),
    ("Drop", "a schema change (DROP)"),
    ("Terminate", "an administration command (TERMINATE)"),
    ("AdministrationCommand", "an administration command"),
)
QUERY_TYPES = {
    "w": "writes",
    "rw": "reads and writes",
    "s": "changes the schema or administers the server",
}
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
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_OPERATOR_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*")
_PROCEDURE_NAME = re.compile(r"^\s*`?([A-Za-z_][A-Za-z0-9_.`]*?)`?\s*\(")


class Refused(Exception):
    """The query is not a single read-only statement; the message says why."""


def code_outside_literals(query: str) -> str:
    """The query with comments blanked, and string literals and backtick-quoted names
    emptied, so that keyword checks see only what Neo4j would parse as code."""
    out: list[str] = []
    i, n = 0, len(query)
    while i < n:
        if query.startswith("//", i):
            end = query.find("\n", i)
            i = n if end < 0 else end
            out.append(" ")
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
        elif query[i] in "'\"":
            quote, j = query[i], i + 1
            while j < n and query[j] != quote:
                j += 2 if query[j] == "\\" else 1
            i = j + 1
            out.append(quote * 2)
        elif query[i] == "`":
            j = i + 1
            # A backtick inside a quoted name is written twice.
            while j < n and (query[j] != "`" or query.startswith("``", j)):
                j += 2 if query.startswith("``", j) else 1
            i = j + 1
            out.append("`x`")
        else:
            out.append(query[i])
            i += 1
    return "".join(out)


def refuse_by_text(query: str) -> None:
    code = code_outside_literals(query)
    if _LOAD_CSV.search(code):
        raise Refused(
            "refused: LOAD CSV is not allowed; POST /cypher reads the graph, never files or URLs"
        )
    if ";" in code.rstrip().rstrip(";").rstrip():
        raise Refused("refused: one statement per request; found more after a `;`")


def operators(plan: Mapping[str, Any]) -> list[tuple[str, str | None, str]]:
    """Every operator of an EXPLAIN plan as (name, database, details), depth first.

    Neo4j 5 writes the operator type as `Name@database`, e.g. `ProcedureCall@neo4j`,
    `VarLengthExpand(All)@neo4j`, or `dbms.components@system` when `USE system` runs a
    procedure on the system database."""
    found = []
    stack = [plan]
    while stack:
        step = stack.pop()
        raw = str(step.get("operatorType", ""))
        kind, at, database = raw.rpartition("@")
        if not at:
            kind, database = raw, ""
        match = _OPERATOR_NAME.match(kind)
        details = str(step.get("args", {}).get("Details", ""))
        found.append((match[0] if match else kind, database or None, details))
        stack.extend(step.get("children", []))
    return found


def procedure_name(details: str) -> str | None:
    """`db.labels() :: (label :: STRING)` -> `db.labels`."""
    match = _PROCEDURE_NAME.match(details)
    return match[1].replace("`", "") if match else None


def refuse_by_plan(query_type: str | None, plan: Mapping[str, Any] | None, database: str) -> None:
    if plan is None:
        raise Refused("refused: Neo4j returned no plan for the query, so it cannot be checked")
    steps = operators(plan)
    procedures = []
    for name, on_database, details in steps:
        for start, what in REFUSED_OPERATORS:
            # Foreach also ends SubqueryForeach, the plan of a CALL { … } that writes.
            if name.startswith(start) or (start == "Foreach" and start in name):
                raise Refused(f"refused: the query contains {what}; POST /cypher only reads")
        if on_database is not None and on_database != database:
            raise Refused(
                f"refused: the query reaches database {on_database!r}; "
                f"POST /cypher reads {database!r} only"
            )
        if name == "ProcedureCall":
            procedure = procedure_name(details)
            if procedure not in READ_PROCEDURES:
                raise Refused(
                    f"refused: procedure {procedure or details!r} is not on the list of read "
                    f"procedures: {', '.join(sorted(READ_PROCEDURES))}"
                )
            procedures.append(procedure)
        elif name.startswith("Show") and name not in SCHEMA_SHOW_OPERATORS:
            raise Refused(
                f"refused: {name} is not allowed; of the SHOW commands, POST /cypher runs "
                "SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS"
            )
    if query_type == "r":
        return
    dbms_call_only = (
        query_type == "s"
        and any(p in DBMS_READ_PROCEDURES for p in procedures)
        and all(name in ROW_OPERATORS for name, _, _ in steps)
    )
    if not dbms_call_only:
        what = QUERY_TYPES.get(query_type or "", "is not a read")
        raise Refused(
            f"refused: Neo4j reports that the query {what} (type {query_type!r}); "
            "POST /cypher only reads"
        )


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


def json_value(value: Any) -> Any:
    """A value of a record as JSON: nodes, relationships, paths, temporal and spatial
    values get plain shapes; NaN and infinities, which JSON cannot hold, become strings."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": json_properties(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, "properties": json_properties(value)}
    if isinstance(value, Path):
        return {
            "nodes": [json_value(node) for node in value.nodes],
            "relationships": [json_value(rel) for rel in value.relationships],
        }
    if isinstance(value, (Date, DateTime, Time, Duration)):
        return value.iso_format()
    if isinstance(value, Point):
        coordinates = dict(zip(("x", "y", "z"), value, strict=False))
        return {"srid": value.srid, **coordinates}
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def json_properties(entity: Node | Relationship) -> dict[str, Any]:
    return {k: json_value(v) for k, v in entity.items() if k not in INTERNAL_PROPERTIES}


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


@router.post(
    "/cypher",
    summary="Run ad hoc read-only Cypher",
    response_model=CypherResult,
    dependencies=[Depends(require_api_key)],
    responses={
        400: {"description": "Refused: not a single read-only statement (the detail says why)"},
        401: {"description": "The server sets an API key and X-API-Key does not match it"},
        422: {
            "description": "Neo4j rejected the query (syntax, types, parameters), or it ran "
            "past the time limit"
        },
        503: {"description": "Neo4j is unreachable"},
    },
)
async def run_cypher(
    request: CypherRequest, driver: DriverDep, settings: SettingsDep
) -> dict[str, Any]:
    """One read-only statement, e.g. `MATCH (p:Person) RETURN p.name LIMIT 5`, with its
    `$parameters` in `params`.

    Refused (400): writes (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH), `CALL { … } IN
    TRANSACTIONS`, schema and administration commands, LOAD CSV, several statements, other
    databases, SHOW commands other than INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS, and
    procedures other than: db.labels, db.relationshipTypes, db.propertyKeys,
    db.schema.visualization, db.schema.nodeTypeProperties, db.schema.relTypeProperties,
    db.info, db.ping, db.index.fulltext.queryNodes, db.index.fulltext.queryRelationships,
    dbms.components.

    The query stops after ACTORGRAPH_QUERY_TIMEOUT seconds (default 2) with a 422. At most
    ACTORGRAPH_ROW_CAP rows (default 1000) come back; `truncated` says whether there were
    more. When the server sets ACTORGRAPH_API_KEY, send it in the X-API-Key header."""
    if not request.query.strip():
        raise HTTPException(status_code=422, detail="the query is empty")
    why = unsendable(request.query, "the query") or unsendable(request.params, "params")
    if why:
        raise HTTPException(status_code=422, detail=why)
    timeout = settings.actorgraph_query_timeout
    limited = unit_of_work(timeout=timeout, metadata=TRANSACTION_METADATA)
    explaining = True
    try:
        refuse_by_text(request.query)
        async with driver.session(
            database=settings.neo4j_database, default_access_mode=READ_ACCESS
        ) as session:
            query_type, plan = await session.execute_read(
                limited(explain), request.query, request.params
            )
            explaining = False
            refuse_by_plan(query_type, plan, settings.neo4j_database)
            columns, rows, truncated = await session.execute_read(
                limited(fetch),
                request.query,
                request.params,
                settings.actorgraph_row_cap,
            )
    except Refused as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    except Forbidden as exc:
        # Neo4j's own refusal, e.g. a write inside the read transaction.
        raise HTTPException(status_code=400, detail=f"refused by Neo4j: {exc.message}") from None
    except (ClientError, TransientError) as exc:
        if exc.code in TIMEOUT_CODES:
            raise HTTPException(
                status_code=422,
                detail=f"stopped after {timeout} s, the time limit for ad hoc queries",
            ) from None
        if "Memory" in (exc.code or ""):
            # e.g. Neo.TransientError.General.MemoryPoolOutOfMemoryError: transient for
            # Neo4j, but this query will need as much memory the next time.
            raise HTTPException(
                status_code=422,
                detail=f"the query needs more memory than Neo4j allows: {exc.message}",
            ) from None
        if isinstance(exc, TransientError):
            raise HTTPException(
                status_code=503, detail=f"Neo4j could not run the query now: {exc.message}"
            ) from None
        message = exc.message or str(exc)
        raise HTTPException(
            status_code=422, detail=positions_in_query(message) if explaining else message
        ) from None
    except DatabaseError as exc:
        raise HTTPException(
            status_code=500, detail=f"Neo4j failed while running the query: {exc.message}"
        ) from None
    return {"columns": columns, "rows": rows, "truncated": truncated}
