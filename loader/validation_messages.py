"""Pydantic's schema errors as plain messages naming the record and the field.

A curator reads ``actors[2].kind``-style paths and "did you mean" hints, never pydantic's
union tags or error codes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from loader.dataset import all_field_names
from loader.validation_report import FILE_LEVEL

COLLECTIONS = ("actors", "places", "affiliations", "memberships", "interactions", "statements")
"""The lists of records in a dataset file, in file order."""

_FIELD_NAMES = all_field_names()


def _format_loc(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "-"


def _record_label(raw: dict[str, Any], collection: str, index: int, first: int) -> str:
    items = raw.get(collection)
    if isinstance(items, list) and 0 <= index < len(items):
        item = items[index]
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
            return str(item["id"])
    return f"{collection}[{first + index}]"


def suggest(
    value: str, candidates: Iterable[str], *, exclude: str | None = None, cutoff: float = 0.6
) -> str:
    """A close existing name, never the record's own id (`exclude`): a hint must lead somewhere."""
    names = [c for c in candidates if c != exclude and c != value]
    match = difflib.get_close_matches(value, names, n=1, cutoff=cutoff)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _schema_message(err: ErrorDetails, last: str | int | None) -> str:
    kind = err["type"]
    value = err.get("input")
    msg = err["msg"]
    if kind == "missing":
        return f"required field {last!r} is missing; add it"
    if kind == "extra_forbidden":
        return (
            f"unknown field {last!r}; remove it or fix its spelling"
            f"{suggest(str(last), _FIELD_NAMES)}"
        )
    if kind == "string_pattern_mismatch":
        return (
            f"{value!r} is not a valid id: ids are lowercase slugs of a-z, 0-9 "
            "and single hyphens, e.g. 'vladimir-putin'"
        )
    if kind == "literal_error":
        return f"{msg}; got {value!r}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number (e.g. 90), got {value!r}"
    if kind.startswith("date_") or kind == "date_type":
        return f"{value!r} is not a real calendar date written YYYY-MM-DD ({msg})"
    if kind == "too_short":
        if last == "evidence":
            return "needs at least one evidence item, e.g. evidence: [{quote: '...'}]"
        return f"needs at least one item ({msg})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of field: value, got {type(value).__name__}"
    if kind == "list_type":
        return f"expected a list, got {type(value).__name__}"
    if kind in ("string_type", "string_too_short"):
        return f"expected non-empty text, got {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {value!r}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "greater_than":
        return f"must be greater than {err.get('ctx', {}).get('gt')}, got {value!r}"
    return f"{msg} (got {value!r})"


def schema_issues(
    exc: ValidationError, raw: dict[str, Any], first: Mapping[str, int] | None = None
) -> list[tuple[str, str, str]]:
    """(record, field, message) for each schema error of the file whose mapping is `raw`;
    for a part of a file read in parts, `first` is where its records stand in the file."""
    out: list[tuple[str, str, str]] = []
    for err in exc.errors():
        loc = list(err["loc"])
        # Keep list indexes and real field names; drop pydantic's union and
        # validator tags (e.g. 'int', "literal['several']").
        kept: list[str | int] = [
            p
            for i, p in enumerate(loc)
            if isinstance(p, int)
            or p in _FIELD_NAMES
            or (i == len(loc) - 1 and err["type"] == "extra_forbidden")
        ]
        last = kept[-1] if kept else None
        message = _schema_message(err, last)
        if len(kept) >= 2 and kept[0] in COLLECTIONS and isinstance(kept[1], int):
            collection = str(kept[0])
            record = _record_label(raw, collection, kept[1], (first or {}).get(collection, 0))
            fld = _format_loc(kept[2:])
        elif kept and kept[0] == "source":
            record, fld = "source", _format_loc(kept[1:])
        else:
            record, fld = FILE_LEVEL, _format_loc(kept)
        out.append((record, fld, message))
    return out
