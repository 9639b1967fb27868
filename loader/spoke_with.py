"""The derived SPOKE_WITH rows: who took part in a held interaction with whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from loader.row_values import Row

# A pair's value packs its count, two flags and four dates (as ordinals, 0 when unknown) into
# one int: count, open_start, open_end, then the least and greatest earliest and latest
# bound of its interactions. An ordinal is below 2**22.
_DATE_BITS = 22
_DATE_MASK = (1 << _DATE_BITS) - 1
_OPEN_START = 1 << 4 * _DATE_BITS + 1
_OPEN_END = 1 << 4 * _DATE_BITS
_COUNT_SHIFT = 4 * _DATE_BITS + 2
_ACTOR_BITS = 32


def _dates(packed: int) -> list[int]:
    """min earliest, min latest, max earliest, max latest."""
    return [packed >> (3 - k) * _DATE_BITS & _DATE_MASK for k in range(4)]


def _least(known: int, new: int) -> int:
    return new if new and (not known or new < known) else known


def _merge(packed: int, earliest: int, latest: int) -> int:
    min_e, min_l, max_e, max_l = _dates(packed)
    dates = (_least(min_e, earliest), _least(min_l, latest), max(max_e, earliest),
             max(max_l, latest))  # fmt: skip
    flags = packed & (_OPEN_START | _OPEN_END)
    if latest and not earliest:
        flags |= _OPEN_START
    if earliest and not latest:
        flags |= _OPEN_END
    count = (packed >> _COUNT_SHIFT) + 1
    value = count << _COUNT_SHIFT | flags
    for k, date in enumerate(dates):
        value |= date << (3 - k) * _DATE_BITS
    return value


def _day(ordinal: int) -> dt.date | None:
    return dt.date.fromordinal(ordinal) if ordinal else None


def bounded_span(packed: int) -> tuple[dt.date | None, str | None, dt.date | None, str | None]:
    """first, first_bound, last, last_bound, as the contacts query reads them: first is never
    later than a date that bounds an interaction from above, last never earlier than one
    that bounds one from below, and a bound says when the value is not the contact's day."""
    min_e, min_l, max_e, max_l = _dates(packed)
    first_bound: str | None
    last_bound: str | None
    if packed & _OPEN_START:
        first, first_bound = min_l, "on_or_before"
    else:
        first = min_e
        first_bound = "on_or_after" if min_e and (not min_l or min_e < min_l) else None
    if packed & _OPEN_END:
        last, last_bound = max_e, "on_or_after"
    else:
        last = max_l
        last_bound = "on_or_before" if max_l and (not max_e or max_e < max_l) else None
    return _day(first), first_bound, _day(last), last_bound


class ContactPairs:
    """Who took part in the same held interaction, added one settled interaction row at a
    time: one pair per two actors, `a` < `b` by id, with its count and its first and last
    dates as bounds.

    Derived here from the merged rows rather than by a query over the written graph:
    the same pairs, counts and dates, at a fraction of the cost of a load-wide MATCH.
    Kept compact, since the pairs grow with the interactions (2.1M of them in the first 2M
    interactions of the 10M synth): actors as numbers, a pair as one int key, its count and
    dates as one int value, about 120 bytes a pair where tuples and lists took about 300.
    """

    def __init__(self) -> None:
        self.actors: list[str] = []
        self.numbers: dict[str, int] = {}
        self.pairs: dict[int, int] = {}

    def _number(self, actor: str) -> int:
        number = self.numbers.get(actor)
        if number is None:
            number = self.numbers[actor] = len(self.actors)
            self.actors.append(actor)
        return number

    def add(self, row: Row) -> None:
        if row["props"]["status"] != "held":
            return
        actors = sorted({p["actor"] for p in row["participants"] if p["took_part"]})
        numbers = [self._number(actor) for actor in actors]
        earliest, latest = row["props"]["earliest"], row["props"]["latest"]
        first = earliest.toordinal() if earliest is not None else 0
        last = latest.toordinal() if latest is not None else 0
        pairs = self.pairs
        for index, a in enumerate(numbers):
            for b in numbers[index + 1 :]:
                key = a << _ACTOR_BITS | b
                pairs[key] = _merge(pairs.get(key, 0), first, last)

    def rows(self) -> Iterator[Row]:
        actors, low = self.actors, (1 << _ACTOR_BITS) - 1
        for key, packed in self.pairs.items():
            first, first_bound, last, last_bound = bounded_span(packed)
            yield {
                "a": actors[key >> _ACTOR_BITS],
                "b": actors[key & low],
                "interactions": packed >> _COUNT_SHIFT,
                "first": first,
                "first_bound": first_bound,
                "last": last,
                "last_bound": last_bound,
            }


def spoke_with_rows(interactions: Iterable[Row]) -> list[Row]:
    """The pairs of the given settled interaction rows."""
    pairs = ContactPairs()
    for row in interactions:
        pairs.add(row)
    return list(pairs.rows())
