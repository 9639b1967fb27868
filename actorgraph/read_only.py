"""The read-only door of ad hoc Cypher (`POST /cypher`): checks of the text and of the plan.

The door is read-only by three independent checks, so that one mistake does not open it:

1. The text, before Neo4j sees it: no `LOAD CSV` outside string literals and comments, and
   no second statement after a `;` (`refuse_by_text`).
2. The plan: `EXPLAIN <query>` must report query type `r` (read), and its operators must
   not load files, write, run `CALL { … } IN TRANSACTIONS`, change the schema, administer
   the server, reach another database, or call a procedure outside `READ_PROCEDURES`
   (`refuse_by_plan`).
3. The run: the query executes in a read transaction, so Neo4j itself refuses any write
   that slipped past 1 and 2 (api/routes/cypher.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
# SHOW commands that list the schema and the functions, which every query may call. The
# others (SHOW TRANSACTIONS, SHOW SETTINGS, ...) expose other clients' queries or the
# configuration; SHOW PROCEDURES lists the server's administration procedures too, and
# the procedures this door runs are READ_PROCEDURES, which its refusal lists.
SCHEMA_SHOW_OPERATORS = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions"})
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
        elif name == "ShowProcedures":
            raise Refused(
                "refused: SHOW PROCEDURES lists the server's administration procedures; the "
                f"procedures POST /cypher runs are: {', '.join(sorted(READ_PROCEDURES))}"
            )
        elif name.startswith("Show") and name not in SCHEMA_SHOW_OPERATORS:
            raise Refused(
                f"refused: {name} is not allowed; of the SHOW commands, POST /cypher runs "
                "SHOW INDEXES, CONSTRAINTS and FUNCTIONS"
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
