"""Whether a drafted date is the date that the sentences of its evidence give.

The text is cut into sentences (`loader.drafting.text`, as the drafter cuts it), and
`find_dates` reads them in order (each with the last day before it, for "the next day");
a drafted date stands when one of the dates found in the sentences that hold its evidence
has the same bounds.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from loader.drafting.dates import ResolvedDate, find_dates
from loader.drafting.text import split_sentences
from loader.source_text import SourceText


# One text is vetted record by record: its dates are read once.
@functools.lru_cache(maxsize=4)
def dates_by_sentence(raw: str, dateline: dt.date) -> list[tuple[int, int, list[ResolvedDate]]]:
    """Each sentence's span with the dates found in it, read in the text's order."""
    found = []
    previous: ResolvedDate | None = None
    for sentence in split_sentences(raw):
        dates = find_dates(sentence.text, dateline, previous=previous)
        found.append((sentence.start, sentence.end, dates))
        days = [d for d in dates if d.precision == "day"]
        if days:
            previous = days[-1]
    return found


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def date_is_supported(
    date: dict[str, Any], quotes: list[str], text: SourceText, dateline: dt.date
) -> bool:
    """True when a sentence holding one of the quotes gives the date's bounds."""
    try:
        bounds = (_as_date(date.get("earliest")), _as_date(date.get("latest")))
    except ValueError:
        return False  # not a date at all
    spans = [span for q in quotes if (span := text.find(q)) is not None]
    for start, end, dates in dates_by_sentence(text.raw, dateline):
        holds_evidence = any(q_start < end and start < q_end for q_start, q_end in spans)
        if holds_evidence and any((d.earliest, d.latest) == bounds for d in dates):
            return True
    return False
