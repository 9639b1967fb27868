"""The derived SPOKE_WITH rows: who took part in a held interaction with whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from loader.row_values import Row

# A pair's value packs its count and its first and last dates (as ordinals, 0 when
# unknown) into one int: count << 48 | first << 24 | last. An ordinal is below 2**22.
_DATE_BITS = 24
_DATE_MASK = (1 << _DATE_BITS) - 1
_ACTOR_BITS = 32


class ContactPairs:
    """Who took part in the same held interaction, added one settled interaction row at a
    time: one pair per two actors, `a` < `b` by id, with its count and first and last dates.

    Derived here from the merged rows rather than by a query over the written graph:
    the same pairs, counts and dates, at a fraction of the cost of a load-wide MATCH.
    Kept compact, since the pairs grow with the interactions (2.1M of them in the first 2M
    interactions of the 10M synth): actors as numbers, a pair as one int key, its count and
    dates as one int value, 114 bytes a pair where tuples and lists took about 300.
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
                packed = pairs.get(key)
                if packed is None:
                    pairs[key] = 1 << 2 * _DATE_BITS | first << _DATE_BITS | last
                    continue
                known_first = packed >> _DATE_BITS & _DATE_MASK
                known_last = packed & _DATE_MASK
                if first and (not known_first or first < known_first):
                    known_first = first
                known_last = max(known_last, last)
                count = (packed >> 2 * _DATE_BITS) + 1
                pairs[key] = count << 2 * _DATE_BITS | known_first << _DATE_BITS | known_last

    def rows(self) -> Iterator[Row]:
        actors, low = self.actors, (1 << _ACTOR_BITS) - 1
        for key, packed in self.pairs.items():
            first = packed >> _DATE_BITS & _DATE_MASK
            last = packed & _DATE_MASK
            yield {
                "a": actors[key >> _ACTOR_BITS],
                "b": actors[key & low],
                "interactions": packed >> 2 * _DATE_BITS,
                "first": dt.date.fromordinal(first) if first else None,
                "last": dt.date.fromordinal(last) if last else None,
            }


def spoke_with_rows(interactions: Iterable[Row]) -> list[Row]:
    """The pairs of the given settled interaction rows."""
    pairs = ContactPairs()
    for row in interactions:
        pairs.add(row)
    return list(pairs.rows())
