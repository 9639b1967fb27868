"""The API's response and request models, one module per resource. Field names are fixed
by issue 5; examples are taken from the seed."""

from __future__ import annotations

from api.schemas.actors import Actor, ActorDetail, ActorRef, Affiliation, Contact, Membership
from api.schemas.changes import Change, ChangeCounts, Changeset
from api.schemas.cypher import CypherRequest, CypherResult
from api.schemas.evidence import Evidence
from api.schemas.interactions import (
    Interaction,
    InteractionDetail,
    InteractionLink,
    InteractionRef,
    Participant,
    Reading,
    StatementSummary,
)
from api.schemas.mediators import Mediator, MediatorEvidence, MediatorReason, ReasonInteraction
from api.schemas.path import Path, PathInteraction
from api.schemas.places import Place, PlaceRef
from api.schemas.queries import CannedQueryInfo, CannedQueryResult, QueryParameterInfo
from api.schemas.search import HitRecord, SearchHit
from api.schemas.sources import Source
from api.schemas.statements import Statement, StatementInteraction
from api.schemas.timeline import TimelineEntry, TimelineInteraction, TimelineStatement

__all__ = [
    "Actor",
    "ActorDetail",
    "ActorRef",
    "Affiliation",
    "CannedQueryInfo",
    "CannedQueryResult",
    "Change",
    "ChangeCounts",
    "Changeset",
    "Contact",
    "CypherRequest",
    "CypherResult",
    "Evidence",
    "HitRecord",
    "Interaction",
    "InteractionDetail",
    "InteractionLink",
    "InteractionRef",
    "Mediator",
    "MediatorEvidence",
    "MediatorReason",
    "Membership",
    "Participant",
    "Path",
    "PathInteraction",
    "Place",
    "PlaceRef",
    "QueryParameterInfo",
    "Reading",
    "ReasonInteraction",
    "SearchHit",
    "Source",
    "Statement",
    "StatementInteraction",
    "StatementSummary",
    "TimelineEntry",
    "TimelineInteraction",
    "TimelineStatement",
]
