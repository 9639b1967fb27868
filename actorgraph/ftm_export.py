"""The graph as FollowTheMoney entities, one JSON object a line, for Aleph, OpenSanctions
and yente: built and checked with the `followthemoney` library itself.

- Actors: a person is a Person, a state a PublicBody (with its country code), any other
  actor an Organization; each with its aliases and Wikidata id.
- Sources: a Document each (title, author, publisher, date, URL).
- Interactions: an Event each, with its dates, place, `involved` (who took part),
  `organizer` (hosts, organizers and arrangers), `summary` (the evidence quotes),
  `proof` (the Documents they come from) and `sourceUrl` where a source has one.

`followthemoney` is an optional extra (`pip install 'actorgraph[ftm]'`): it pulls in ICU.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

NAMESPACE = "actorgraph"
ORGANIZER_ROLES = frozenset({"host", "organizer", "arranger"})
SCHEMA_OF_KIND = {"person": "Person", "state": "PublicBody", "organization": "Organization"}


class FtmMissing(Exception):
    """The followthemoney library is not installed."""


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError:
        raise FtmMissing(
            "the FtM export needs the followthemoney library: pip install 'actorgraph[ftm]'"
        ) from None
    return model


def entity_id(kind: str, record_id: str) -> str:
    return f"{NAMESPACE}-{kind}-{record_id}"


def _actor(model: Any, actor: Mapping[str, Any]) -> Any:
    entity = model.make_entity(SCHEMA_OF_KIND.get(actor["kind"], "LegalEntity"))
    entity.id = entity_id("actor", actor["id"])
    entity.add("name", actor["name"])
    entity.add("alias", actor.get("aliases") or [])
    entity.add("wikidataId", actor.get("wikidata"))
    if actor.get("iso2"):
        entity.add("jurisdiction", actor["iso2"].lower())
    return entity


def _document(model: Any, source: Mapping[str, Any]) -> Any:
    entity = model.make_entity("Document")
    entity.id = entity_id("source", source["id"])
    entity.add("title", source.get("title") or source["id"])
    entity.add("author", source.get("author"))
    entity.add("publisher", source.get("publisher"))
    entity.add("date", source.get("date"))
    entity.add("sourceUrl", source.get("url"))
    return entity


def _event(model: Any, row: Mapping[str, Any]) -> Any:
    entity = model.make_entity("Event")
    entity.id = entity_id("interaction", row["id"])
    entity.add("name", row["id"])
    entity.add("keywords", row["type"])
    if row["earliest"] == row["latest"]:
        entity.add("date", row["earliest"])
    else:
        entity.add("startDate", row["earliest"])
        entity.add("endDate", row["latest"])
    entity.add("location", row.get("place"))
    for actor in row["actors"]:
        if actor["took_part"]:
            entity.add("involved", entity_id("actor", actor["id"]))
        if actor["role"] in ORGANIZER_ROLES:
            entity.add("organizer", entity_id("actor", actor["id"]))
    entity.add("summary", [e["quote"] for e in row["evidence"]])
    entity.add("proof", [entity_id("source", s["id"]) for s in row["sources"]])
    entity.add("sourceUrl", [s["url"] for s in row["sources"] if s.get("url")])
    entity.add("notes", f"status: {row['status']}; date precision: {row['date_precision']}")
    return entity


class FtmEntities:
    """The entities of the rows of cypher/queries/ftm.cypher, each actor and source once
    however many rows name it: the ids seen are kept, those of the actors and sources."""

    def __init__(self) -> None:
        self.model = _model()
        self.seen: set[str] = set()

    def of(self, row: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """The row's actors and sources not seen before, then its interaction."""
        for actor in row["actors"]:
            if self._first(entity_id("actor", actor["id"])):
                yield _actor(self.model, actor).to_dict()
        for source in row["sources"]:
            if self._first(entity_id("source", source["id"])):
                yield _document(self.model, source).to_dict()
        yield _event(self.model, row).to_dict()

    def _first(self, entity: str) -> bool:
        first = entity not in self.seen
        self.seen.add(entity)
        return first
