"""The checks every drafted record passes, whoever drafted it (the rules or a model).

A draft only proposes, so what the text does not bear out is left out (a quote, a record,
a participation, a reference) or left unknown (a date), and every such change is reported
in one plain line: the reviewer sees what the drafter claimed and why it is gone.

The rules, in the order they run (a record dropped early frees the later rules of it):
1. a record whose id is not a slug, or whose type, role or kind is not in our vocabulary,
   is dropped (a participation with an unknown role loses only itself);
2. an evidence quote, a statement's `quote` and `reported` must occur in the text after
   whitespace normalization; a record left without evidence is dropped;
3. an actor is supported when it is known or when its name or an alias occurs in the text
   as `loader.names` folds names; so is a place (which also needs a kept state);
4. every reference must name a kept or known record: a participation naming a dropped
   actor is dropped, then an interaction with no participant that took part; an optional
   reference (a place, `reported_by`, `part_of`...) is cleared;
5. a date is supported only when `find_dates` finds the same bounds in the sentences that
   hold the record's evidence; otherwise it becomes unknown.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from loader.dataset import SLUG_PATTERN
from loader.drafting.evidence_dates import date_is_supported
from loader.names import name_key
from loader.source_text import SourceText, normalize_ws
from loader.vocabulary import (
    ACTOR_KINDS,
    MEMBERSHIP_KINDS,
    PLACE_KINDS,
    ROLES_BY_NAME,
    STATUSES,
    TYPES_BY_NAME,
)

Record = dict[str, Any]

RECORD_LISTS = ("actors", "places", "affiliations", "memberships", "interactions", "statements")
SINGULAR = {
    "actors": "actor",
    "places": "place",
    "affiliations": "affiliation",
    "memberships": "membership",
    "interactions": "interaction",
    "statements": "statement",
}
# The field of each list whose value must be in a vocabulary table, and that table.
VOCABULARY = {
    "actors": ("kind", ACTOR_KINDS),
    "places": ("kind", PLACE_KINDS),
    "memberships": ("kind", MEMBERSHIP_KINDS),
    "interactions": ("type", tuple(TYPES_BY_NAME)),
}
# Interactions name other interactions; nothing outside the draft can be checked.
INTERACTION_LINKS = ("arranges", "part_of", "same_as", "realized_by", "distinct_from")
_SLUG = re.compile(SLUG_PATTERN)


def vet(
    draft: dict[str, Any], text: str, *, dateline: dt.date, known_actors: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    """The draft with what the text does not support left out, and one line per change."""
    vetting = _Vetting(SourceText(text), dateline, {a["id"] for a in known_actors})
    kept = copy.deepcopy(draft)
    lists = {key: vetting.records(key, kept.get(key)) for key in RECORD_LISTS}
    for key in RECORD_LISTS:
        lists[key] = [r for r in lists[key] if vetting.in_vocabulary(key, r)]
        lists[key] = [r for r in lists[key] if vetting.quotes_found(key, r)]
    lists["actors"] = [a for a in lists["actors"] if vetting.actor_supported(a)]
    vetting.keep("actors", lists["actors"])
    lists["places"] = [p for p in lists["places"] if vetting.place_supported(p)]
    vetting.keep("places", lists["places"])
    for key in ("interactions", "affiliations", "memberships", "statements"):
        lists[key] = [r for r in lists[key] if vetting.references_kept(key, r)]
        vetting.keep(key, lists[key])
    for key in ("interactions", "statements"):
        for record in lists[key]:
            vetting.clear_interaction_links(key, record)
    for key in ("interactions", "affiliations", "statements"):
        for record in lists[key]:
            vetting.check_date(key, record)
    for key in RECORD_LISTS:
        if key in kept or lists[key]:
            kept[key] = lists[key]
    return kept, vetting.lines


class _Vetting:
    def __init__(self, text: SourceText, dateline: dt.date, known: set[str]) -> None:
        self.text = text
        self.dateline = dateline
        self.known = known
        self.folded_text = f" {name_key(text.raw)} "
        self.kept: dict[str, set[str]] = {key: set() for key in RECORD_LISTS}
        self.lines: list[str] = []

    def say(self, key: str, record: Record, what: str) -> None:
        self.lines.append(f"{SINGULAR[key]} {_label(record)}: {what}")

    def records(self, key: str, items: object) -> list[Record]:
        records = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                records.append(item)
            else:
                self.lines.append(f"{key}[{index}]: not a record, dropped: {item!r:.80}")
        return records

    def keep(self, key: str, records: list[Record]) -> None:
        self.kept[key] = {r["id"] for r in records if isinstance(r.get("id"), str)}

    def in_vocabulary(self, key: str, record: Record) -> bool:
        rid = record.get("id")
        # A membership may go without an id; every other record is named by one.
        if (rid is not None or key != "memberships") and not (
            isinstance(rid, str) and _SLUG.match(rid)
        ):
            self.say(key, record, f"id {rid!r} is not a slug (a-z, 0-9, single hyphens), dropped")
            return False
        field, allowed = VOCABULARY.get(key, ("", ()))
        value = record.get(field)
        # An actor without a kind adds to an actor another source defines.
        if field and not (value in allowed or (key == "actors" and value is None)):
            self.say(key, record, f"{field} {value!r} is not in our vocabulary, dropped")
            return False
        if key == "interactions":
            if record.get("status") not in STATUSES:
                self.say(key, record, f"status {record.get('status')!r} is unknown, dropped")
                return False
            self.drop_unknown_roles(record)
        return True

    def drop_unknown_roles(self, interaction: Record) -> None:
        kept = []
        for p in interaction.get("participants") or []:
            if isinstance(p, dict) and _is_one_of(p.get("role"), set(ROLES_BY_NAME)):
                kept.append(p)
            else:
                role = p.get("role") if isinstance(p, dict) else p
                self.say("interactions", interaction, f"role {role!r} is not a role, dropped")
        interaction["participants"] = kept

    def quotes_found(self, key: str, record: Record) -> bool:
        had_evidence = bool(record.get("evidence"))
        kept = []
        for ev in record.get("evidence") or []:
            quote = ev.get("quote") if isinstance(ev, dict) else None
            if isinstance(quote, str) and quote in self.text:
                kept.append(ev)
            else:
                self.say(key, record, f"quote not in the text, dropped: {_shown(quote)}")
        record["evidence"] = kept
        if key == "statements" and not self.statement_words_found(record):
            return False
        # Evidence is optional for actors and places: their names carry them (rule 3).
        if not kept and (had_evidence or key not in ("actors", "places")):
            self.say(key, record, "no evidence left, dropped")
            return False
        return True

    def statement_words_found(self, statement: Record) -> bool:
        for field in ("quote", "reported"):
            words = statement.get(field)
            if words is not None and not (isinstance(words, str) and words in self.text):
                self.say("statements", statement, f"{field} not in the text, left out")
                statement[field] = None
        if statement.get("quote") is None and statement.get("reported") is None:
            self.say("statements", statement, "neither quote nor reported left, dropped")
            return False
        return True

    def named_in_text(self, record: Record) -> bool:
        names = [record.get("name"), *(record.get("aliases") or [])]
        return any(
            isinstance(n, str) and name_key(n) and f" {name_key(n)} " in self.folded_text
            for n in names
        )

    def actor_supported(self, actor: Record) -> bool:
        # Evidence that survived the quote check names the actor in the text's own words:
        # "Israeli Prime Minister" for Israel, "Russian and Ukrainian negotiators" for a
        # delegation; the reviewer sees the quote.
        if actor["id"] in self.known or self.named_in_text(actor) or actor.get("evidence"):
            return True
        self.say("actors", actor, "neither known, nor named in the text, nor quoted, dropped")
        return False

    def place_supported(self, place: Record) -> bool:
        if not self.named_in_text(place):
            self.say("places", place, "not named in the text, dropped")
            return False
        if not self.is_actor(place.get("state")):
            self.say("places", place, f"state {place.get('state')!r} is no kept actor, dropped")
            return False
        return True

    def is_actor(self, ref: object) -> bool:
        return _is_one_of(ref, self.kept["actors"]) or _is_one_of(ref, self.known)

    def references_kept(self, key: str, record: Record) -> bool:
        if key == "interactions":
            return self.participants_kept(record)
        needed = {
            "affiliations": ("person", "organization"),
            "memberships": ("member", "parent"),
            "statements": ("speaker", "speaker_affiliation"),
        }[key]
        for field in needed:
            ref = record.get(field)
            if (ref is not None or key != "statements") and not self.is_actor(ref):
                self.say(key, record, f"{field} {ref!r} is no kept actor, dropped")
                return False
        if key == "statements" and not self.is_actor(record.get("reported_by")):
            self.clear(key, record, "reported_by")
        return True

    def participants_kept(self, interaction: Record) -> bool:
        kept = []
        for p in interaction.get("participants") or []:
            if self.is_actor(p.get("actor")):
                kept.append(p)
            else:
                self.say(
                    "interactions",
                    interaction,
                    f"participant {p.get('actor')!r} is no kept actor, dropped",
                )
        interaction["participants"] = kept
        if not any(ROLES_BY_NAME[p["role"]].took_part for p in kept):
            self.say("interactions", interaction, "no participant that took part left, dropped")
            return False
        if not _is_one_of(interaction.get("place"), self.kept["places"]):
            self.clear("interactions", interaction, "place")
        return True

    def clear(self, key: str, record: Record, field: str) -> None:
        """Clears an optional reference to a record that is not kept."""
        if record.get(field) is not None:
            self.say(key, record, f"{field} {record[field]!r} is no kept record, left out")
            record[field] = None

    def clear_interaction_links(self, key: str, record: Record) -> None:
        interactions = self.kept["interactions"]
        for field in INTERACTION_LINKS if key == "interactions" else ("interaction",):
            value = record.get(field)
            if isinstance(value, list):
                record[field] = [ref for ref in value if _is_one_of(ref, interactions)]
                for ref in (ref for ref in value if not _is_one_of(ref, interactions)):
                    self.say(key, record, f"{field} {ref!r} is no kept record, left out")
            elif not _is_one_of(value, interactions):
                self.clear(key, record, field)

    def check_date(self, key: str, record: Record) -> None:
        date = record.get("date")
        if date is None or (isinstance(date, dict) and date.get("precision") == "unknown"):
            return
        quotes = [ev["quote"] for ev in record["evidence"]]
        if isinstance(date, dict) and date_is_supported(date, quotes, self.text, self.dateline):
            return
        self.say(key, record, f"date {_date_shown(date)} not given by its sentences, now unknown")
        record["date"] = {
            "precision": "unknown",
            "earliest": None,
            "latest": None,
            "notes": f"drafted as {_date_shown(date)}, which the sentences of the evidence "
            "do not give",
        }


def _is_one_of(ref: object, ids: set[str]) -> bool:
    return isinstance(ref, str) and ref in ids


def _label(record: Record) -> str:
    rid = record.get("id")
    return rid if isinstance(rid, str) and rid else "(no id)"


def _shown(quote: object, limit: int = 80) -> str:
    if not isinstance(quote, str):
        return repr(quote)
    words = normalize_ws(quote)
    return f'"{words if len(words) <= limit else words[: limit - 1] + "…"}"'


def _date_shown(date: object) -> str:
    if not isinstance(date, dict):
        return repr(date)
    earliest, latest = date.get("earliest"), date.get("latest")
    span = f"{earliest}" if earliest == latest else f"{earliest or '…'} to {latest or '…'}"
    return f"{date.get('precision')} {span}"
