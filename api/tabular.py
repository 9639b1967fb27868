"""`?format=csv` on the list endpoints, Datasette's habit: the same rows as a spreadsheet.

Nested objects become dotted columns (`actor.id`), lists of plain values are joined with
`;`, and lists of objects (evidence, participants) are kept as JSON in one cell. Text that
a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) starts with a `'` (`csv_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response

from actorgraph.exports import csv_cell

FormatQuery = Annotated[
    Literal["json", "csv"],
    Query(description="json, or csv for spreadsheets (nested fields as dotted columns)"),
]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}}
}


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = csv_cell(value)
    return flat


def csv_response(rows: Iterable[Mapping[str, Any]], name: str) -> Response:
    flat = [flatten(row) for row in rows]
    columns: list[str] = []
    for row in flat:
        columns += [c for c in row if c not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(flat)
    return Response(
        content=out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
