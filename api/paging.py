"""Every list pages: `limit` rows, and the next page's URL in a `Link` header (RFC 8288).

The body stays a plain list. While there are more rows, the answer carries
`Link: </actors?limit=100&cursor=…>; rel="next"`, a relative URL whose cursor resumes
exactly where the page ended. A cursor holds the row offset, the live generation and the
query it belongs to, with a checksum: it stays valid while the graph is unchanged, and a
cursor that was altered, belongs to another query, or predates a reload is a 422 that
says which. The checksum guards against edits, not against forgery: the data is public to
anyone who may page it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query, Request, Response

from actorgraph.queries import inspect_query
from api.deps import DriverDep, SettingsDep
from api.model_json import model_json
from api.tabular import csv_response

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Parameters that do not change which rows a query gives, nor their order.
NOT_FILTERS = frozenset({"cursor", "limit", "format", "offset"})

LimitQuery = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description="rows per page, at most 1000; while there are more, the Link header "
        'holds the next page\'s URL (rel="next")',
    ),
]
CursorQuery = Annotated[
    str | None,
    Query(description="where the page starts: take it from the Link header, never build it"),
]


def _checksum(payload: bytes) -> str:
    return hashlib.sha256(b"actorgraph-cursor-1:" + payload).hexdigest()[:16]


def encode_cursor(query: Mapping[str, Any]) -> str:
    payload = json.dumps(query, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _checksum(payload)


def decode_cursor(cursor: str) -> dict[str, Any]:
    """The cursor's content; HTTPException 422 when it is not one this API wrote."""
    body, _, checksum = cursor.partition(".")
    try:
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        content = json.loads(payload)
    except (binascii.Error, ValueError):
        content, payload = None, b""
    if not isinstance(content, dict) or checksum != _checksum(payload):
        raise HTTPException(
            status_code=422,
            detail="this cursor was altered or is not one of ours: follow the URL in the "
            "Link header as it is",
        )
    return content


def filters(request: Request) -> str:
    """The request's path and the parameters that choose its rows, as one string."""
    params = sorted((k, v) for k, v in request.query_params.multi_items() if k not in NOT_FILTERS)
    return request.url.path + "?" + urlencode(params)


class Page:
    """One page of a list: which rows to fetch, and the Link to the next one."""

    def __init__(
        self, request: Request, response: Response, limit: int, skip: int, generation: Any
    ) -> None:
        self.request, self.response, self.limit = request, response, limit
        self.skip = skip
        self.generation = generation  # None until it is known (no cursor was given)

    @property
    def fetch(self) -> int:
        """Rows to ask for: one more than the page tells whether there is a next one."""
        return self.limit + 1

    async def rows(self, rows: Sequence[dict[str, Any]], driver: Any, database: str) -> list[Any]:
        """The page's rows; the Link header set when more follow."""
        if len(rows) <= self.limit:
            return list(rows)
        if self.generation is None:
            self.generation = await live_generation(driver, database)
        cursor = encode_cursor(
            {"q": filters(self.request), "g": self.generation, "o": self.skip + self.limit}
        )
        params = [(k, v) for k, v in self.request.query_params.multi_items() if k != "cursor"]
        url = self.request.url.path + "?" + urlencode([*params, ("cursor", cursor)])
        self.response.headers["Link"] = f'<{url}>; rel="next"'
        return list(rows[: self.limit])

    async def csv(
        self, rows: Sequence[dict[str, Any]], name: str, driver: Any, database: str
    ) -> Response:
        page = await self.rows(rows, driver, database)
        return self._linked(csv_response(page, name))

    async def json(
        self, rows: Sequence[dict[str, Any]], model: Any, driver: Any, database: str
    ) -> Response:
        """The page as `model_json` writes it (`model` is the route's `list[...]`)."""
        return self._linked(model_json(await self.rows(rows, driver, database), model))

    def _linked(self, answer: Response) -> Response:
        # A route that returns its own Response drops the headers set on FastAPI's.
        if "Link" in self.response.headers:
            answer.headers["Link"] = self.response.headers["Link"]
        return answer


async def live_generation(driver: Any, database: str) -> Any:
    rows = await inspect_query("live_generation").arun(driver, database)
    return rows[0]["gen"] if rows else None


async def page_of(
    request: Request,
    response: Response,
    driver: DriverDep,
    settings: SettingsDep,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page:
    if cursor is None:
        return Page(request, response, limit, 0, None)
    content = decode_cursor(cursor)
    if content.get("q") != filters(request):
        raise HTTPException(
            status_code=422,
            detail="this cursor belongs to another query: keep the other parameters as they "
            "were on the first page, or start again without a cursor",
        )
    generation = await live_generation(driver, settings.neo4j_database)
    if content.get("g") != generation:
        raise HTTPException(
            status_code=422,
            detail="the graph was reloaded since this cursor was given: start again from "
            "the first page",
        )
    return Page(request, response, limit, int(content.get("o", 0)), generation)


PageDep = Annotated[Page, Depends(page_of)]
