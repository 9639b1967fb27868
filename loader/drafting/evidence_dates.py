"""Whether a drafted date is the date that the sentences of its evidence give.

The text is cut into sentences, `find_dates` reads them in order (each with the last date
before it, for "the next day"), and a drafted date stands when one of the dates found in
the sentences that hold its evidence has the same bounds.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from loader.drafting.dates import ResolvedDate, find_dates
from loader.source_text import SourceText, normalize_ws

# A full stop after one of these words, or after a lone capital (an initial, "U.S."),
# does not end a sentence.
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sen", "rep", "gov", "no"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"vs", "etc"}
)
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_WORD_BEFORE = re.compile(r"(\w+)\.$")


def sentence_spans(raw: str) -> list[tuple[int, int]]:
    """(start, end) offsets into the raw text of each sentence."""
    spans = []
    start = 0
    for end in _END.finditer(raw):
        word = _WORD_BEFORE.search(raw, 0, end.start() + 1)
        if word and (word.group(1).lower() in ABBREVIATIONS or re.fullmatch("[A-Z]", word[1])):
            continue
        spans.append((start, end.end()))
        start = end.end()
    spans.append((start, len(raw)))
    return [(s, e) for s, e in spans if raw[s:e].strip()]


# One text is vetted record by record: its dates are read once.
@functools.lru_cache(maxsize=4)
def dates_by_sentence(raw: str, dateline: dt.date) -> list[tuple[int, int, list[ResolvedDate]]]:
    """Each sentence's span with the dates found in it, read in the text's order."""
    found = []
    previous: ResolvedDate | None = None
    for start, end in sentence_spans(raw):
        dates = find_dates(normalize_ws(raw[start:end]), dateline, previous=previous)
        found.append((start, end, dates))
        if dates:
            previous = dates[-1]
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
