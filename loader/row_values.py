"""Dataset values as the rows carry them: dates flattened, evidence with its offsets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from loader.dataset import DateRange, Evidence

Row = dict[str, Any]
Offsets = dict[tuple[str, str], tuple[int, int]]


def date_props(date: DateRange | None) -> Row:
    if date is None:
        return {"precision": None, "earliest": None, "latest": None, "date_notes": None}
    return {
        "precision": date.precision,
        "earliest": date.earliest,
        "latest": date.latest,
        "date_notes": date.notes,
    }


def when_label(props: Row) -> str:
    """The date of a record as a person reads it, written beside its bounds for Neo4j
    Browser's captions, which can only show properties: a month-precision record's
    earliest (the 1st) alone would read as a day it does not claim."""
    lo, hi, precision = props["earliest"], props["latest"], props["precision"]
    if precision in ("day", "month", "year"):
        day: str = lo.isoformat()
        return day[: {"day": 10, "month": 7, "year": 4}[precision]]
    if lo and hi:
        return f"{lo.isoformat()}–{hi.isoformat()}"
    if lo or hi:
        return f"≥ {lo.isoformat()}" if lo else f"≤ {hi.isoformat()}"
    return "undated"


def evidence_rows(items: Iterable[Evidence], source_id: str, offsets: Offsets) -> list[Row]:
    rows = []
    for item in items:
        source = item.source or source_id
        start, end = offsets.get((source, item.quote), (None, None))
        rows.append({"source": source, "quote": item.quote, "start": start, "end": end})
    return rows


def quote_props(evidence: list[Row]) -> Row:
    """Evidence of a relationship (which cannot point at a Source) kept as parallel lists.

    Neo4j stores no null inside a list, and a quote whose source text is absent has no
    offsets; the offset lists are then left out whole, so that they stay parallel.
    """
    props: Row = {
        "evidence_sources": [e["source"] for e in evidence],
        "evidence_quotes": [e["quote"] for e in evidence],
    }
    if all(e["start"] is not None for e in evidence):
        props["evidence_starts"] = [e["start"] for e in evidence]
        props["evidence_ends"] = [e["end"] for e in evidence]
    return props
