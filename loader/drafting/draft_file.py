"""A draft as a data file: records in our format, `draft: true` at the top.

`draft_text` runs the rule-based drafter over a text; `write_draft` writes the records
as YAML, to a temporary file renamed at the end, so nothing half-written is left at -o.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from loader.drafting.actor_proposals import propose_actors
from loader.drafting.actors import ActorBook, DraftActor
from loader.drafting.countries import slug
from loader.drafting.dates import as_record
from loader.drafting.drafted import NOT_TAKING_PART, Context, Drafted
from loader.drafting.interactions import in_sentence
from loader.drafting.known import Known
from loader.drafting.places import PlaceBook
from loader.drafting.text import split_sentences
from loader.source_text import SourceText

Record = dict[str, Any]
HEADER = """\
# A DRAFT made by `actorgraph draft`: a proposal, not facts. Check every record against the
# text (quotes, participants, roles, dates, places), fix or delete what is wrong, accept or
# drop each same_as suggestion, then remove the `draft: true` line so that it loads.
"""


def draft_text(
    raw: str,
    *,
    source: Record,
    known: Known,
    on_sentence: Callable[[int, int], None] | None = None,
) -> Record:
    """The rule-based draft of `raw`: a data file's records with `draft: true`."""
    sentences = split_sentences(raw)
    book = ActorBook(known.actors)
    propose_actors(book, sentences)
    places = PlaceBook(known.places, book)
    places.propose_from(s.text for s in sentences)
    context = Context(book, source["date"])
    drafted: list[Drafted] = []
    for index, sentence in enumerate(sentences):
        for found in in_sentence(sentence, context):
            found.place = places.first_in(found.quote)
            drafted.append(found)
        if on_sentence:
            on_sentence(index + 1, len(sentences))
    text = SourceText(raw)
    interactions = _interaction_records(drafted, book, text)
    used = _used_actors(interactions, book)
    return {
        "draft": True,
        "source": source,
        "actors": [_actor_record(a) for a in book.new_actors()],
        "places": places.records(),
        "affiliations": [a for a in book.affiliations if used >= {a["person"], a["organization"]}],
        "memberships": _memberships(book, used),
        "interactions": interactions,
    }


def _used_actors(interactions: list[Record], book: ActorBook) -> set[str]:
    """Actors the draft names: in an interaction, or as the state of a body it names."""
    used = {p["actor"] for i in interactions for p in i["participants"]}
    used |= {a.id for a in book.new_actors() if a.kind in ("person", "state")}
    used |= {a.part_of for a in book.new_actors() if a.id in used and a.part_of}
    return {u for u in used if u}


def _actor_record(actor: DraftActor) -> Record:
    record: Record = {"id": actor.id, "kind": actor.kind, "name": actor.name}
    if actor.aliases:
        record["aliases"] = sorted(set(actor.aliases))
    if actor.iso:
        record["iso"] = actor.iso
    if actor.evidence:
        record["evidence"] = [{"quote": actor.evidence}]
    return record


def _memberships(book: ActorBook, used: set[str]) -> list[Record]:
    return [
        {"id": f"{a.id}-part-of-{a.part_of}", "member": a.id, "parent": a.part_of,
         "kind": "part_of", "notes": "drafted: a delegation, ministry or office of its state",
         "evidence": [{"quote": a.evidence}]}
        for a in book.new_actors() if a.part_of and a.id in used and a.evidence
    ]  # fmt: skip


def _interaction_records(drafted: list[Drafted], book: ActorBook, text: SourceText) -> list[Record]:
    records: list[Record] = []
    seen: set[str] = set()
    for d in drafted:
        took = [a for a, r in d.participants if r not in NOT_TAKING_PART]
        names = "-".join(dict.fromkeys(_short(book.actors[a]) for a in took[:3]))
        day = d.date.earliest.isoformat() if d.date.earliest else "undated"
        base = slug(f"{d.type}-{day}-{names}")
        ident = next(f"{base}-{n}" if n > 1 else base for n in range(1, 999)
                     if (f"{base}-{n}" if n > 1 else base) not in seen)  # fmt: skip
        seen.add(ident)
        where = text.find(d.quote)
        offsets = f"; evidence at characters {where[0]}-{where[1]} of the text" if where else ""
        record: Record = {
            "id": ident, "type": d.type, "status": d.status, "date": as_record(d.date),
            "place": d.place, "medium": d.medium or "unknown",
            "participants": [{"actor": a, "role": r} for a, r in d.participants],
            "notes": "drafted: " + "; ".join(n for n in d.notes if n) + offsets,
            "evidence": [{"quote": d.quote}],
        }  # fmt: skip
        records.append(record)
    return records


def _short(actor: DraftActor) -> str:
    """A person by their surname, anything else by its first word: macron, russian."""
    words = actor.id.split("-")
    return words[-1] if actor.kind == "person" else words[0]


class PlainDumper(yaml.SafeDumper):
    """Writes a value used twice out twice: data files refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_draft(draft: Record, out: Path | None) -> str:
    """The draft as YAML (returned), and written atomically to `out` when given."""
    body = HEADER + yaml.dump(
        _plain(draft), Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=100
    )
    if out is not None:
        fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".yaml", dir=out.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return body


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, [], "")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and ISO_DAY.match(value):
        return dt.date.fromisoformat(value)  # YAML writes a date unquoted, as curators do
    return value


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def source_record(source_id: str, date: dt.date, text_file: str, **optional: str | None) -> Record:
    record: Record = {"id": source_id, "date": date, "text_file": text_file}
    record.update({k: v for k, v in optional.items() if v})
    return record
