"""States as a draft meets them: names, other spellings, adjectives and capitals.

The table is countryinfo's (MIT), a curated library rather than a hand-typed list: it
gives each state its name, alternative spellings, demonym ("Turkish") and capital.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from loader.drafting import DraftError
from loader.names import name_key

# Spellings too ambiguous to stand for a state in running text: codes that are words,
# and codes of two letters other than the few that news writes as names.
NEWS_CODES = {"US", "U.S.", "USA", "UK", "UAE"}
A_WORD = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


@dataclass(frozen=True)
class State:
    id: str
    name: str
    iso: str
    demonym: str | None
    spellings: tuple[str, ...]  # the name and the other spellings news uses
    capital: str | None
    population: int


def slug(name: str) -> str:
    return "-".join(name_key(name).split())


@cache
def states() -> tuple[State, ...]:
    try:
        from countryinfo import CountryInfo
    except ImportError as exc:
        raise DraftError("drafting needs countryinfo: pip install 'actorgraph[draft]'") from exc
    table = []
    for entry in CountryInfo.all().values():
        info: dict[str, Any] = dict(entry)
        iso = (info.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        others = [s for s in info.get("altSpellings") or [] if A_WORD.match(s) or s in NEWS_CODES]
        if iso == "US":
            others += ["U.S."]
        table.append(
            State(
                id=slug(info["name"]),
                name=info["name"],
                iso=iso,
                demonym=info.get("demonym") or None,
                spellings=(info["name"], *others),
                capital=info.get("capital") or None,
                population=int(info.get("population") or 0),
            )
        )
    return tuple(table)


@cache
def by_demonym() -> dict[str, State]:
    """Each adjective's state; where states share one ("French"), the most populous."""
    ordered = sorted(states(), key=lambda s: s.population)
    return {s.demonym: s for s in ordered if s.demonym}


@cache
def by_spelling() -> dict[str, State]:
    return {spelling: s for s in states() for spelling in s.spellings}
