"""Who a text names: actors resolved against known ones, or proposed from the text.

Known actors (the live graph's, and those of `--against` files) are found by their names
and aliases, folded as `/actors?q=` folds them. An actor not yet known is proposed only
from a form that says what it is:
- a person from a titled mention ("Turkish Foreign Minister Mevlut Cavusoglu") or an
  appositive ("Leonid Slutsky, a member of the Russian negotiating team"), with the title
  as a position in the state the adjective names;
- a state from the country table, by its name, another spelling or its adjective;
- an organization from an acronym (with its spelled-out form where the text gives one),
  a capitalized name ending in a word such as Council or Court, a delegation ("the
  Russian team") or a ministry of a state, or a person's office ("Putin's office").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from loader.drafting import countries
from loader.drafting.text import pipeline
from loader.names import SPECIAL_LETTERS, name_key

TITLES = (
    "Vice President", "President", "Prime Minister", "Deputy Prime Minister",
    "Foreign Minister", "Defense Minister", "Defence Minister", "Interior Minister",
    "Finance Minister", "Minister of Foreign Affairs", "Minister", "Secretary of State",
    "Foreign Secretary", "Defense Secretary", "Defence Secretary", "Chancellor",
    "Secretary-General", "Secretary General", "Crown Prince", "King", "Queen", "Emir",
    "Ambassador", "Special Envoy", "Envoy", "envoy", "National Security Adviser",
    "national security adviser", "presidential adviser", "adviser", "spokesman",
    "spokeswoman", "spokesperson", "High Representative", "Commissioner", "chief negotiator",
    "Premier", "Pope",
)  # fmt: skip
NAME_WORD = r"[A-Z][\w’'-]*[a-z][\w’'-]*"
PERSON_NAME = rf"{NAME_WORD}(?:\s+(?:bin\s+|al-|de\s+|van\s+|von\s+)?{NAME_WORD}){{0,3}}"
TITLED = re.compile(
    rf"(?:(?P<mod>[A-Z][\w.’'-]*)\s+)?(?P<title>{'|'.join(TITLES)})\s+(?P<name>{PERSON_NAME})"
)
APPOSITIVE = re.compile(
    rf"(?P<name>{NAME_WORD}\s+{NAME_WORD}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?"
    r"(?:member|head|leader|chief|spokesman|spokeswoman|adviser|minister|envoy|ambassador)\b"
)
# "his Ukrainian counterpart, Dmytro Kuleba"
COUNTERPART = re.compile(
    rf"\b(?:his|her|their)\s+(?P<mod>[A-Z][a-z]+)\s+counterparts?,?\s+(?P<name>{PERSON_NAME})"
)
PEOPLE_OF_A_STATE = re.compile(
    r"\s+(?:officials|leaders|diplomats|authorities|government|counterparts|envoys)\b"
)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
ORG_HEADS = (
    "Council", "Commission", "Union", "Court", "Organization", "Organisation", "Force",
    "Nations", "Parliament", "Assembly", "Agency", "Bank", "Fund", "Alliance", "Committee",
    "Forum", "League", "Movement", "Treaty Organization", "Community", "Cooperation",
)  # fmt: skip
ORG_NAME = re.compile(
    rf"\b(?P<name>(?:[A-Z][\w’'-]+\s+(?:(?:of|for|on)\s+(?:the\s+)?)?){{1,5}}"
    rf"(?:{'|'.join(ORG_HEADS)}))\b"
)
DELEGATION_WORDS = (
    r"(?:delegations?|negotiating teams?|teams?|negotiators|delegates|representatives)"
)
MINISTRY = re.compile(r"(?P<adj>[A-Z][a-z]+)\s+[Mm]inistry\s+of\s+(?P<what>[a-z]+|[A-Z][a-z]+)")
# "The Ministries of Defense of Russia and Ukraine": one ministry of each state.
MINISTRIES_OF = re.compile(
    r"[Mm]inistr(?:y|ies)\s+of\s+(?P<what>[A-Z]?[a-z]+(?:\s+[Aa]ffairs)?)\s+of\s+"
    r"(?P<states>[A-Z][\w.]+(?:(?:,\s*|\s+and\s+)[A-Z][\w.]+)*)"
)
# "the prosecutor of the International Criminal Court": an office of a body, an actor itself.
OFFICE_OF = re.compile(
    r"\bthe\s+(?P<office>prosecutor|president|secretary-general|chair|head|director)\s+of\s+"
    r"the\s+(?P<body>(?:[A-Z][\w-]+\s+){0,4}[A-Z][\w-]+)"
)
# "Russian television", "Chinese state media": a state's media, quoted as a source.
STATE_MEDIA = re.compile(
    r"(?P<adj>[A-Z][a-z]+)\s+(?P<media>(?:state\s+)?(?:television|media|news\s+agency|radio))\b"
)
OFFICE = re.compile(r"(?P<who>[A-Z][\w-]+)[’']s\s+office\b")
# Seats of government that news names in place of the office in them.
SEATS = {
    "Kremlin": "RU", "Elysée": "FR", "Elysee": "FR", "White House": "US",
    "Downing Street": "GB",
}  # fmt: skip
SMALL_WORDS = {"of", "the", "and", "for", "on"}
NOT_ACRONYMS = {"TV", "AM", "PM", "OK", "CEO", "GDP", "II", "III", "IV"}


@dataclass
class DraftActor:
    id: str
    kind: str
    name: str
    known: bool = False
    aliases: list[str] = field(default_factory=list)
    evidence: str | None = None
    iso: str | None = None
    part_of: str | None = None  # a delegation's or ministry's state


@dataclass(frozen=True)
class Mention:
    actor: str
    start: int
    end: int
    adjective: bool = False  # "Turkish": names the state, never takes part as it


def fold(text: str) -> str:
    """`text` with diacritics removed letter by letter ("Çavuşoğlu" -> "Cavusoglu"), case
    kept ("US" is no "us"), and every offset the same."""
    return "".join(_plain_letter(ch) for ch in text)


def _plain_letter(ch: str) -> str:
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[0]
    plain = SPECIAL_LETTERS.get(base.lower(), base)
    if len(plain) != 1 or unicodedata.combining(plain):
        return ch
    return plain.upper() if ch.isupper() else plain


class ActorBook:
    """The actors of one draft: known ones and those proposed from the text."""

    def __init__(self, known: list[dict[str, object]]) -> None:
        self.actors: dict[str, DraftActor] = {}
        self.forms: dict[str, str] = {}  # a surface form (diacritics folded) -> actor id
        self.keys: dict[str, str] = {}  # name_key of a name or alias -> actor id
        self.adjectives: dict[str, str] = {}
        self.affiliations: list[dict[str, object]] = []
        for record in known:
            aliases = [str(a) for a in record.get("aliases") or []]  # type: ignore[attr-defined]
            actor = DraftActor(
                str(record["id"]), str(record["kind"]), str(record["name"]), True, aliases
            )
            self._add(actor, [actor.name, *aliases])
        self._pattern: Any = None  # two spaCy PhraseMatchers, built on first use

    def _add(self, actor: DraftActor, forms: list[str]) -> DraftActor:
        actor = self.actors.setdefault(actor.id, actor)
        for form in forms:
            self.forms.setdefault(fold(form), actor.id)
            self.keys.setdefault(name_key(form), actor.id)
        self._pattern = None
        return actor

    def resolve(self, name: str) -> str | None:
        return self.keys.get(name_key(name))

    def propose(self, actor: DraftActor, forms: list[str]) -> DraftActor:
        """`actor`, or the known one that bears its name."""
        existing = self.resolve(actor.name)
        if existing:
            return self._add(self.actors[existing], forms)
        return self._add(actor, [actor.name, *forms])

    def state(self, state: countries.State, evidence: str) -> DraftActor:
        actor = DraftActor(state.id, "state", state.name, evidence=evidence, iso=state.iso)
        return self.propose(actor, list(state.spellings))

    def mentions(self, text: str) -> list[Mention]:
        """Every actor named in `text`, left to right; where names overlap, the longest
        ("Russian Federation", not "Russia"). spaCy's PhraseMatcher finds them token by
        token in the text without diacritics (whose offsets are the text's own), case
        ignored as `/actors?q=` ignores it; but a short name in capitals ("US", "UN") only
        as written, so that "us" is nobody."""
        if self._pattern is None:
            self._pattern = (PhraseMatcher(pipeline().vocab, attr="LOWER"),
                             PhraseMatcher(pipeline().vocab, attr="ORTH"))  # fmt: skip
            for form, actor in self.forms.items():
                as_written = len(form) <= 4 and form.upper() == form
                self._pattern[as_written].add(actor, [pipeline().make_doc(form)])
        doc = pipeline().make_doc(fold(text))
        matches = [*self._pattern[0](doc, as_spans=True), *self._pattern[1](doc, as_spans=True)]
        found = [Mention(span.label_, span.start_char, span.end_char)
                 for span in filter_spans(matches)]  # fmt: skip
        for match in re.finditer(r"\b[A-Z][a-z]+\b", text):
            state = self.adjectives.get(match.group())
            if state and not any(m.start <= match.start() < m.end for m in found):
                # "Thai officials" are Thailand's: a party, not a description.
                party = bool(PEOPLE_OF_A_STATE.match(text, match.end()))
                found.append(Mention(state, match.start(), match.end(), adjective=not party))
        return sorted(found, key=lambda m: m.start)

    def new_actors(self) -> list[DraftActor]:
        return [a for a in self.actors.values() if not a.known]
