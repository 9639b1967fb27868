"""The canned-query catalogue: every Cypher statement the API runs, one `.cypher` file each.

A file in `cypher/queries/` is what a user pastes into Neo4j Browser 5 or feeds to
cypher-shell 5 unchanged, and what the API runs. Its layout:

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
  above it. `name`, `title`, `description` appear once; `param` once per parameter.
* A param line reads `<name> <type> — <meaning>, e.g. <example>`. Types: `string`,
  `date` (ISO `YYYY-MM-DD`, converted with `date($x)` in the query), `integer`,
  `list<string>`. A trailing `?` marks the parameter optional: it is passed as null and
  the query handles null (`$since IS NULL OR ...`).
* Then one Browser/cypher-shell parameter line, `:param {k: v, ...};`. Both clients
  accept this map form in 5.x: Browser replaces its parameters with the map (the `;`
  separates it from the query in Browser's multi-statement editor), and cypher-shell 5
  evaluates the map and strips the trailing `;`.
* Then the query, ending with `;` (cypher-shell runs a statement at its `;`).

The API drops the header and the `:param` line and runs the rest, always in a read
transaction (`routing_="r"`), with every parameter declared (null when not given).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

from neo4j import AsyncDriver
from neo4j.time import Date, DateTime, Duration, Time

from cypher import QUERIES, cypher_files

PARAM_TYPES = ("string", "date", "integer", "list<string>")
HEADER_KEYS = ("name", "title", "description", "param")

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

    @property
    def parameter_names(self) -> set[str]:
        return {p.name for p in self.parameters}

    def used_parameters(self) -> set[str]:
        """The `$names` the query body uses (comments excluded)."""
        body = "\n".join(
            line for line in self.cypher.splitlines() if not line.lstrip().startswith("//")
        )
        return set(QUERY_PARAMETER.findall(body))

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared parameter, null when not given; unknown names are refused."""
        unknown = set(given) - self.parameter_names
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {', '.join(sorted(unknown))} for query {self.name!r}; "
                f"it takes: {', '.join(p.name for p in self.parameters) or 'none'}"
            )
        bound = {p.name: given.get(p.name) for p in self.parameters}
        missing = [p.name for p in self.parameters if p.required and bound[p.name] is None]
        if missing:
            raise ParameterError(f"parameter(s) required: {', '.join(missing)}")
        return bound

    async def run(self, driver: AsyncDriver, database: str, **given: Any) -> list[dict[str, Any]]:
        """Run in a read transaction; rows come back as plain Python (dates as `date`)."""
        records, _, _ = await driver.execute_query(
            self.cypher, self.bind(given), database_=database, routing_="r"
        )
        # A Record iterates over its values, so pair them with its keys.
        return [
            {key: plain(value) for key, value in zip(record.keys(), record.values(), strict=True)}
            for record in records
        ]


def plain(value: Any) -> Any:
    """Neo4j temporal values become Python ones, inside lists and maps too."""
    if isinstance(value, (Date, DateTime, Time)):
        return value.to_native()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def parse_query_file(path: Traversable) -> CannedQuery:
    """Read one canned-query file; CatalogueError says what is wrong with it."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
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
    name = header["name"][0]
    if name != path.name.removesuffix(".cypher"):
        raise CatalogueError(f"{path.name}: `// name: {name}` must match the file name")
    parameters = []
    for raw in header["param"]:
        match = _PARAM.match(raw)
        if not match or match["type"] not in PARAM_TYPES:
            raise CatalogueError(
                f"{path.name}: bad `// param: {raw}`; expected "
                f"`<name> <type>[?] — <meaning>, e.g. <example>` with type in {PARAM_TYPES}"
            )
        parameters.append(
            QueryParameter(
                name=match["name"],
                type=match["type"],
                required=match["optional"] is None,
                description=match["meaning"].strip(),
                example=match["example"].strip() if match["example"] else None,
            )
        )
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
        name=name,
        title=header["title"][0],
        description=header["description"][0],
        parameters=tuple(parameters),
        browser_params=browser_params,
        cypher=cypher,
        path=path,
        text=text,
    )


def browser_params_map(query: CannedQuery) -> str:
    """The Cypher map literal of the `:param {...};` line."""
    return query.browser_params.removeprefix(":param").strip().removesuffix(";").strip()


@lru_cache
def catalogue(directory: Traversable = QUERIES) -> dict[str, CannedQuery]:
    """Every canned query by name, read once."""
    queries = [parse_query_file(path) for path in cypher_files(directory)]
    return {q.name: q for q in queries}


def canned(name: str) -> CannedQuery:
    return catalogue()[name]
