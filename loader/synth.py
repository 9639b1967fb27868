"""Synthetic datasets shaped like diplomacy data, for benchmarks and scale tests.

Not uniform noise: degrees are skewed (a few hub actors take part in most contacts),
some events have many parties, dates spread over years with some undated or known only
to the month, and roles vary by type. Each source file comes with a source text that
holds every quoted sentence, so the dataset validates like a real one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loader import MIN_SYNTH_ACTORS

SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "dor", "sa", "tel", "bru", "an", "ko", "vi", "zel")
# type -> (weight, roles of the first two parties, role of any further party, medium)
TYPE_SHAPES: dict[str, tuple[int, tuple[str, str], str, str]] = {
    "call": (40, ("caller", "called"), "participant", "phone"),
    "meeting": (20, ("participant", "participant"), "participant", "in_person"),
    "negotiation": (15, ("delegation_head", "delegation_head"), "delegation_member", "in_person"),
    "visit": (10, ("visitor", "host"), "participant", "in_person"),
    "consultation": (10, ("participant", "participant"), "participant", "unknown"),
    "mediation": (5, ("mediator", "participant"), "participant", "in_person"),
}
TYPE_NAMES = list(TYPE_SHAPES)
TYPE_WEIGHTS = [TYPE_SHAPES[t][0] for t in TYPE_NAMES]
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days


@dataclass(frozen=True)
class SynthSummary:
    files: int
    actors: int
    interactions: int
    statements: int


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _date(rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.08:
        return {"precision": "unknown", "notes": "the report gives no date"}
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    if roll < 0.18:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return {"precision": "month", "earliest": first.isoformat(), "latest": last.isoformat()}
    return {"precision": "day", "earliest": day.isoformat(), "latest": day.isoformat()}


class _Text:
    """A source text built sentence by sentence; each sentence is quotable evidence."""

    def __init__(self) -> None:
        self.sentences: list[str] = []

    def add(self, sentence: str) -> str:
        self.sentences.append(sentence)
        return sentence

    def write(self, path: Path) -> None:
        path.write_text("\n".join(self.sentences) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class _Cast:
    """The actors of a dataset, and the weighted pool that parties are drawn from."""

    states: list[str]
    orgs: list[str]
    people: list[str]
    names: dict[str, str]
    pool: list[str]
    cumulative: list[float]
    places: list[str]


def generate(
    out: Path,
    *,
    actors: int,
    interactions: int,
    seed: int = 1,
    per_file: int = 5000,
) -> SynthSummary:
    """Write `synth-*.yaml` files and their texts under `out/sources/`."""
    if actors < MIN_SYNTH_ACTORS:
        raise ValueError(f"--actors must be at least {MIN_SYNTH_ACTORS}")
    # One generator drawn from in a fixed order throughout: the same seed, the same files.
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    cast = _cast(rng, actors)
    _write_base(out, rng, cast)
    chunks = range(0, interactions, per_file)
    statements = 0
    for chunk_no, start in enumerate(chunks, start=1):
        numbers = range(start, min(interactions, start + per_file))
        statements += _write_report(out, rng, cast, chunk_no, numbers)
    return SynthSummary(1 + len(chunks), actors, interactions, statements)


def _cast(rng: random.Random, actors: int) -> _Cast:
    n_states = max(2, actors // 10)
    n_orgs = max(1, actors // 20)
    n_people = actors - n_states - n_orgs
    states = [f"state-{i:05d}" for i in range(n_states)]
    orgs = [f"org-{i:05d}" for i in range(n_orgs)]
    people = [f"person-{i:06d}" for i in range(n_people)]
    # The number keeps names unique, as the validator wants one actor per name.
    names = {
        aid: f"{_name(rng, 3)} {_name(rng, 2)} {n}"
        for n, aid in enumerate([*states, *orgs, *people])
    }
    # Zipf-like weights: a few hubs, a long tail.
    pool = people + states
    rng.shuffle(pool)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(pool))]
    places = [f"place-{i:04d}" for i in range(max(1, n_states))]
    return _Cast(states, orgs, people, names, pool, list(itertools.accumulate(weights)), places)


def _write_base(out: Path, rng: random.Random, cast: _Cast) -> None:
    """The actors file: every actor, a position for every person, and the places."""
    text = _Text()
    base: dict[str, Any] = {
        "source": _source("synth-base", "Synthetic actors"),
        "actors": [],
        "places": [],
        "affiliations": [],
    }
    names = cast.names
    for aid in cast.states:
        base["actors"].append({"id": aid, "kind": "state", "name": names[aid]})
    for aid in cast.orgs:
        base["actors"].append({"id": aid, "kind": "organization", "name": names[aid]})
    for aid in cast.people:
        base["actors"].append({"id": aid, "kind": "person", "name": names[aid]})
        state = rng.choice(cast.states)
        sentence = text.add(f"{names[aid]} is a minister of {names[state]}.")
        base["affiliations"].append(
            {
                "id": f"{aid}-minister",
                "person": aid,
                "organization": state,
                "role": "minister",
                "evidence": [{"quote": sentence}],
            }
        )
    for n, (pid, state) in enumerate(zip(cast.places, cast.states, strict=False)):
        base["places"].append(
            {"id": pid, "name": f"{_name(rng, 2)}ville {n}", "state": state, "kind": "city"}
        )
    _write(out, "synth-base", base, text)


def _write_report(out: Path, rng: random.Random, cast: _Cast, chunk_no: int, numbers: range) -> int:
    """One report of the interactions `numbers`; returns how many statements it holds."""
    sid = f"synth-{chunk_no:04d}"
    text = _Text()
    doc: dict[str, Any] = {
        "source": _source(sid, f"Synthetic report {chunk_no}"),
        "interactions": [],
        "statements": [],
    }
    for k in numbers:
        record = _interaction(rng, cast, text, f"{sid}-i{k:07d}", k)
        doc["interactions"].append(record)
        if rng.random() < 0.1:
            doc["statements"].append(_statement(text, cast.names, record, k))
    _write(out, sid, doc, text)
    return len(doc["statements"])


def _interaction(rng: random.Random, cast: _Cast, text: _Text, iid: str, k: int) -> dict[str, Any]:
    """The record of interaction `iid`, its sentence added to `text`."""
    itype = rng.choices(TYPE_NAMES, TYPE_WEIGHTS)[0]
    _, (role_a, role_b), extra_role, medium = TYPE_SHAPES[itype]
    size = 2 if rng.random() < 0.8 else rng.randint(3, 6)
    parties = _parties(rng, cast, itype, size)
    roles = [role_a, role_b] + [extra_role] * (size - 2)
    participants = [{"actor": a, "role": r} for a, r in zip(parties, roles, strict=True)]
    if itype == "mediation" or rng.random() < 0.03:
        requester = rng.choice(cast.states)
        if requester not in parties:
            participants.append({"actor": requester, "role": "requester"})
    listed = ", ".join(cast.names[a] for a in parties)
    sentence = text.add(f"Report {iid}: {listed} held a {itype} ({k}).")
    record: dict[str, Any] = {
        "id": iid,
        "type": itype,
        "status": "held" if rng.random() < 0.95 else "planned",
        "date": _date(rng),
        "medium": medium,
        "participants": participants,
        "evidence": [{"quote": sentence}],
    }
    if itype in ("meeting", "negotiation", "visit") and rng.random() < 0.5:
        record["place"] = rng.choice(cast.places)
    if itype == "call" and rng.random() < 0.3:
        record["duration"] = {"minutes": rng.choice((30, 60, 90, 105))}
    return record


def _parties(rng: random.Random, cast: _Cast, itype: str, size: int) -> list[str]:
    parties: list[str] = []
    while len(parties) < size:
        pick = cast.pool[_weighted_index(rng, cast.cumulative)]
        # Delegations are led and staffed by people.
        if itype == "negotiation" and not pick.startswith("person-"):
            continue
        if pick not in parties:
            parties.append(pick)
    return parties


def _statement(
    text: _Text, names: dict[str, str], record: dict[str, Any], k: int
) -> dict[str, Any]:
    """A statement on the interaction `record` by its first participant."""
    iid = record["id"]
    speaker = record["participants"][0]["actor"]
    said = text.add(f"{names[speaker]} said of {iid}: talks were useful ({k}).")
    return {
        "id": f"{iid}-s",
        "speaker": speaker,
        "date": record["date"],
        "interaction": iid,
        "quote": "talks were useful",
        "evidence": [{"quote": said}],
    }


def _weighted_index(rng: random.Random, cumulative: list[float]) -> int:
    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def _source(sid: str, title: str) -> dict[str, Any]:
    return {
        "id": sid,
        "title": title,
        "author": "actorgraph synth",
        "date": "2025-01-01",
        "text_file": f"{sid}.txt",
    }


def _write(out: Path, sid: str, doc: dict[str, Any], text: _Text) -> None:
    # JSON is valid YAML and far faster to write and read at this size.
    (out / f"{sid}.yaml").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    text.write(out / "sources" / f"{sid}.txt")
