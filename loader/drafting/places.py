"""Where a drafted contact happened: known places, capitals, and "in Antalya, Turkey".

A place is proposed only where the text ties it to a state: "in X, <state>" names X and
its state; a state's capital (from the country table) is known once the state is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from loader.drafting import countries
from loader.drafting.actors import ActorBook, fold
from loader.drafting.countries import slug

IN_PLACE_STATE = re.compile(r"\b(?:in|at|near)\s+(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?),\s+"
                            r"(?P<state>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)")  # fmt: skip


class PlaceBook:
    def __init__(self, known: list[dict[str, Any]], book: ActorBook) -> None:
        self.book = book
        self.forms: dict[str, str] = {}
        self.new: dict[str, dict[str, Any]] = {}
        for place in known:
            for form in [place["name"], *(place.get("aliases") or [])]:
                self.forms.setdefault(fold(form), place["id"])

    def propose_from(self, texts: Iterable[str]) -> None:
        texts = list(texts)
        for text in texts:
            for match in IN_PLACE_STATE.finditer(text):
                state = self.book.resolve(match.group("state").rstrip("."))
                if state and self.book.actors[state].kind == "state":
                    self._add(match.group("place"), state, match.group())
        named = {a.id for a in self.book.actors.values() if a.kind == "state"}
        whole = " ".join(texts)
        for country in countries.states():
            capital = country.capital
            if country.id in named and capital and re.search(rf"\b{re.escape(capital)}\b", whole):
                self._add(capital, country.id, capital)

    def _add(self, name: str, state: str, evidence: str) -> None:
        if fold(name) in self.forms or self.book.resolve(name):
            return
        ident = slug(name)
        self.forms[fold(name)] = ident
        self.new[ident] = {
            "id": ident, "name": name, "state": state, "kind": "city",
            "notes": "drafted: kind city is a guess; check it",
            "evidence": [{"quote": evidence}],
        }  # fmt: skip

    def first_in(self, text: str) -> str | None:
        folded = fold(text)
        hits = [
            (m.start(), ident)
            for form, ident in self.forms.items()
            for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", folded)
        ]
        return min(hits)[1] if hits else None

    def records(self) -> list[dict[str, Any]]:
        return list(self.new.values())
