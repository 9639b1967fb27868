"""Named Cypher files: the canned-query catalogue, and every statement the library runs.

Each statement lives in one `.cypher` file of the `cypher` package: `queries/` the canned
queries (one per API endpoint, listed at `GET /queries`), `load/` the loader's writes and
generations, `inspect/` what health and the graph snapshot read. A file is what a user
pastes into Neo4j Browser 5 or feeds to cypher-shell 5 unchanged, and what the code runs.
Its layout:

    // name: contacts
    // title: Direct contacts of an actor
    // description: Actors who took part in a held interaction in which the given actor
    //   took part too, most frequent first.
    // param: actor string — the actor's id, e.g. 'vladimir-putin'
    // param: since date? — first day of the window, e.g. '2022-03-01'
    :param {actor: 'vladimir-putin', since: null};
    MATCH (d:Dataset {id: 'current'})
    ...
    RETURN ...;

* Header lines are `// key: value`; an indented `//   more text` line continues the value
  above it. `name`, `title`, `description` appear once; `param` once per parameter;
  `view: graph` marks a query that returns nodes and paths for Browser to draw (the
  default, `table`, returns values).
* A param line reads `<name> <type> — <meaning>, e.g. <example>`. Types: `string`,
  `date` (ISO `YYYY-MM-DD`, converted with `date($x)` in the query), `integer`,
  `list<string>`, and for the loader's batches `list<map>`. A trailing `?` marks the
  parameter optional: it is passed as null and the query handles null
  (`$since IS NULL OR ...`).
* Then one Browser/cypher-shell parameter line, `:param {k: v, ...};`. Both clients
  accept this map form in 5.x: Browser replaces its parameters with the map (the `;`
  separates it from the query in Browser's multi-statement editor), and cypher-shell 5
  evaluates the map and strips the trailing `;`.
* Then the query, ending with `;` (cypher-shell runs a statement at its `;`).

The code drops the header and the `:param` line and runs the rest with every parameter
declared (null when not given). `run` and `arun` read (`routing_="r"`), and `rows` and
`arows` hand out a read transaction's rows as they come (the exports); the loader runs its
writes through its own transactions. Driver errors of a server that went away come out as
the library's own (see actorgraph/database.py).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncResult,
    AsyncTransaction,
    Driver,
    Record,
    Transaction,
)
from neo4j.exceptions import AuthError, ClientError

from actorgraph.database import translated_errors
from actorgraph.values import json_value
from cypher import CYPHER, cypher_files

PARAM_TYPES = ("string", "date", "integer", "list<string>", "list<map>")
HEADER_KEYS = ("name", "title", "description", "view", "param")
# What Neo4j Browser shows of the answer: a table of values, or nodes and paths it draws.
VIEWS = ("table", "graph")

_HEADER_LINE = re.compile(r"^//\s?(?P<key>[a-z]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z<>]+)(?P<optional>\?)?\s+[—-]+\s+"
    r"(?P<meaning>.+?)(?:,\s*e\.g\.\s*(?P<example>.+))?$"
)
# `$name` outside string literals; the canned queries keep `$` out of their literals.
QUERY_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class CatalogueError(Exception):
    """A canned-query file does not follow the layout in this module's docstring."""


class ParameterError(ValueError):
    """A value given for a canned query's parameter is missing or malformed."""


class QueryRejected(Exception):
    """Neo4j refused a named query for what a parameter holds (e.g. a full-text query
    Lucene cannot parse); the message is Neo4j's, without the procedure's wrapping."""


@contextmanager
def rejections() -> Iterator[None]:
    """Neo4j's refusal of a query's input as QueryRejected; the rest as translated_errors."""
    with translated_errors():
        try:
            yield
        except ClientError as exc:
            if isinstance(exc, AuthError):
                raise
            message = (exc.message or str(exc)).split("Caused by: ", 1)[-1]
            # Lucene lists every token it would have accepted; its complaint comes first.
            message = message.split("\nWas expecting", 1)[0]
            raise QueryRejected(message.split("ParseException: ", 1)[-1].strip()) from exc


@dataclass(frozen=True)
class QueryParameter:
    name: str
    type: str
    required: bool
    description: str
    example: str | None

    def convert(self, raw: str | None) -> Any:
        """Turn a query-string value into the value the Cypher expects (None stays None)."""
        if raw is None or raw == "":
            if self.required:
                raise ParameterError(f"parameter {self.name!r} is required")
            return None
        if self.type == "integer":
            try:
                return int(raw)
            except ValueError:
                raise ParameterError(f"{self.name}={raw!r} is not an integer") from None
        if self.type == "date":
            try:
                return date.fromisoformat(raw).isoformat()
            except ValueError:
                raise ParameterError(
                    f"{self.name}={raw!r} is not an ISO date (YYYY-MM-DD)"
                ) from None
        if self.type == "list<string>":
            return [item.strip() for item in raw.split(",") if item.strip()]
        return raw


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[QueryParameter, ...]
    browser_params: str
    cypher: str
    path: Traversable
    text: str = field(repr=False)
    view: str = "table"

    @property
    def parameter_names(self) -> set[str]:
        return {p.name for p in self.parameters}

    def used_parameters(self) -> set[str]:
        """The `$names` the query body uses (comments excluded)."""
        body = "\n".join(
            line for line in self.cypher.splitlines() if not line.lstrip().startswith("//")
        )
        return set(QUERY_PARAMETER.findall(body))

    def refuse_unknown(self, given: Mapping[str, Any]) -> None:
        unknown = set(given) - self.parameter_names
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {', '.join(sorted(unknown))} for query {self.name!r}; "
                f"it takes: {', '.join(p.name for p in self.parameters) or 'none'}"
            )

    def convert(self, raw: Mapping[str, str]) -> dict[str, Any]:
        """Query-string values as the Cypher expects them (`GET /queries/{name}`)."""
        self.refuse_unknown(raw)
        return {p.name: p.convert(raw.get(p.name)) for p in self.parameters}

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared parameter, null when not given; unknown names are refused."""
        self.refuse_unknown(given)
        bound = {p.name: given.get(p.name) for p in self.parameters}
        missing = [p.name for p in self.parameters if p.required and bound[p.name] is None]
        if missing:
            raise ParameterError(f"parameter(s) required: {', '.join(missing)}")
        return bound

    def run(self, driver: Driver, database: str, **given: Any) -> list[dict[str, Any]]:
        """Run in a read transaction; rows come back as JSON-ready values (dates as ISO text)."""
        with rejections():
            records, _, _ = driver.execute_query(
                self.cypher, self.bind(given), database_=database, routing_="r"
            )
        return [json_row(record) for record in records]

    def write(self, driver: Driver, database: str, **given: Any) -> list[dict[str, Any]]:
        """Run in a write transaction (the loader's own statements); rows as `run` gives
        them. Neo4j's refusals (a constraint) come out as the driver raises them."""
        with translated_errors():
            records, _, _ = driver.execute_query(self.cypher, self.bind(given), database_=database)
        return [json_row(record) for record in records]

    async def arun(self, driver: Driver, database: str, **given: Any) -> list[dict[str, Any]]:
        """`run` in a worker thread, for the API's event loop. The sync driver answers sooner
        than the async one, whose receive loop cost up to 7 ms a query more than the thread
        does (bench/results/2026-12-02-api-overhead.md)."""
        return await asyncio.to_thread(self.run, driver, database, **given)

    def rows(self, tx: Transaction, **given: Any) -> Rows:
        """The rows as Neo4j sends them, from a `read_transaction` (an export's)."""
        return Rows(self, tx, self.bind(given))

    def arows(self, tx: AsyncTransaction, **given: Any) -> AsyncRows:
        """`rows` for the async driver (the API's), from an `aread_transaction`."""
        return AsyncRows(self, tx, self.bind(given))


@contextmanager
def read_transaction(driver: Driver, database: str) -> Iterator[Transaction]:
    """One read transaction, for a read too big to fetch whole (`CannedQuery.rows`); errors
    of the block come out as `rejections` says."""
    with (
        rejections(),
        driver.session(database=database, default_access_mode=READ_ACCESS) as session,
        session.begin_transaction() as tx,
    ):
        yield tx


@asynccontextmanager
async def aread_transaction(driver: AsyncDriver, database: str) -> AsyncIterator[AsyncTransaction]:
    """`read_transaction` for the async driver."""
    with rejections():
        async with (
            driver.session(database=database, default_access_mode=READ_ACCESS) as session,
            await session.begin_transaction() as tx,
        ):
            yield tx


class Rows:
    """A query's rows as Neo4j sends them (a thousand at a time), JSON-ready; never all in
    memory. Each iteration runs the query again in the same transaction, for a writer that
    reads the rows twice. `read` counts the rows of the last iteration."""

    def __init__(self, query: CannedQuery, tx: Transaction, parameters: dict[str, Any]) -> None:
        self.query, self.tx, self.parameters = query, tx, parameters
        self.read = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self.read = 0
        for record in self.tx.run(self.query.cypher, self.parameters):
            self.read += 1
            yield json_row(record)


class AsyncRows:
    """`Rows` for the async driver. `start` runs the first iteration's query at once, so
    that a refusal or a server gone comes before an answer has begun."""

    def __init__(
        self, query: CannedQuery, tx: AsyncTransaction, parameters: dict[str, Any]
    ) -> None:
        self.query, self.tx, self.parameters = query, tx, parameters
        self.started: AsyncResult | None = None

    async def start(self) -> None:
        self.started = await self.tx.run(self.query.cypher, self.parameters)

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        result = self.started or await self.tx.run(self.query.cypher, self.parameters)
        self.started = None
        async for record in result:
            yield json_row(record)


def json_row(record: Record) -> dict[str, Any]:
    # A Record iterates over its values, so pair them with its keys.
    return {
        key: json_value(value) for key, value in zip(record.keys(), record.values(), strict=True)
    }


def parse_query_file(path: Traversable) -> CannedQuery:
    """Read one canned-query file; CatalogueError says what is wrong with it."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header, index = _read_header(path, lines)
    parameters = [_parameter(path, raw) for raw in header["param"]]
    if index >= len(lines) or not lines[index].startswith(":param "):
        raise CatalogueError(
            f"{path.name}: the header must be followed by a `:param {{...}};` line"
        )
    browser_params = lines[index].strip()
    cypher = "\n".join(lines[index + 1 :]).strip()
    cypher = cypher.removesuffix(";").rstrip()
    if not cypher:
        raise CatalogueError(f"{path.name}: no query after the `:param` line")
    return CannedQuery(
        name=header["name"][0],
        title=header["title"][0],
        description=header["description"][0],
        parameters=tuple(parameters),
        browser_params=browser_params,
        cypher=cypher,
        path=path,
        text=text,
        view=header["view"][0] if header["view"] else "table",
    )


def _read_header(path: Traversable, lines: list[str]) -> tuple[dict[str, list[str]], int]:
    """The `// key: value` lines by key, and the index of the first line after them."""
    header: dict[str, list[str]] = {key: [] for key in HEADER_KEYS}
    last_key: str | None = None
    index = 0
    while index < len(lines) and lines[index].startswith("//"):
        line = lines[index].rstrip()
        continuation = _CONTINUATION.match(line)
        match = _HEADER_LINE.match(line)
        if continuation and last_key is not None:
            header[last_key][-1] += " " + continuation["value"].strip()
        elif match and match["key"] in HEADER_KEYS:
            last_key = match["key"]
            header[last_key].append(match["value"].strip())
        else:
            raise CatalogueError(f"{path.name}:{index + 1}: not a header line: {line!r}")
        index += 1
    for key in ("name", "title", "description"):
        if len(header[key]) != 1 or not header[key][0]:
            raise CatalogueError(f"{path.name}: the header needs exactly one `// {key}:` line")
    if header["view"] and (len(header["view"]) > 1 or header["view"][0] not in VIEWS):
        raise CatalogueError(f"{path.name}: `// view:` is one of {', '.join(VIEWS)}, once")
    name = header["name"][0]
    if name != path.name.removesuffix(".cypher"):
        raise CatalogueError(f"{path.name}: `// name: {name}` must match the file name")
    return header, index


def _parameter(path: Traversable, raw: str) -> QueryParameter:
    match = _PARAM.match(raw)
    if not match or match["type"] not in PARAM_TYPES:
        raise CatalogueError(
            f"{path.name}: bad `// param: {raw}`; expected "
            f"`<name> <type>[?] — <meaning>, e.g. <example>` with type in {PARAM_TYPES}"
        )
    return QueryParameter(
        name=match["name"],
        type=match["type"],
        required=match["optional"] is None,
        description=match["meaning"].strip(),
        example=match["example"].strip() if match["example"] else None,
    )


def browser_params_map(query: CannedQuery) -> str:
    """The Cypher map literal of the `:param {...};` line."""
    return query.browser_params.removeprefix(":param").strip().removesuffix(";").strip()


@lru_cache
def catalogue(folder: str = "queries") -> dict[str, CannedQuery]:
    """Every query file of a folder of the `cypher` package by name, read once (by default
    the canned queries)."""
    queries = [parse_query_file(path) for path in cypher_files(CYPHER / folder)]
    return {q.name: q for q in queries}


def canned(name: str) -> CannedQuery:
    """A canned query of `cypher/queries/`, as the API and Browser users run it."""
    return catalogue()[name]


def load_statement(name: str) -> CannedQuery:
    """A statement of the loader, from `cypher/load/`."""
    return catalogue("load")[name]


def inspect_query(name: str) -> CannedQuery:
    """A read of health and the graph snapshot, from `cypher/inspect/`."""
    return catalogue("inspect")[name]
