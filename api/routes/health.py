"""Is the service up, which Neo4j answers, and what is loaded."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from actorgraph.queries import inspect_query
from api.deps import DriverDep, SettingsDep

router = APIRouter(tags=["health"])


class Neo4jInfo(BaseModel):
    version: str
    edition: str


class DatasetInfo(BaseModel):
    sources: int
    interactions: int
    loaded_at: str | None


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "status": "ok",
                "neo4j": {"version": "5.26.30", "edition": "community"},
                "dataset": {
                    "sources": 1,
                    "interactions": 51,
                    "loaded_at": "2026-11-28T07:23:07Z",
                },
            }
        }
    )

    status: str
    neo4j: Neo4jInfo
    dataset: DatasetInfo


@router.get(
    "/health",
    summary="Service and database health",
    response_model=Health,
    responses={
        503: {
            "description": "Neo4j is unreachable",
            "content": {
                "application/json": {
                    "example": {"detail": "Neo4j is not reachable at bolt://127.0.0.1:7687"}
                }
            },
        }
    },
)
async def health(driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    """Answer 200 with the Neo4j version and what is loaded, or 503 when Neo4j is down."""
    version = await inspect_query("server_version").arun(driver, settings.neo4j_database)
    dataset = await inspect_query("dataset_counts").arun(driver, settings.neo4j_database)
    return {"status": "ok", "neo4j": version[0], "dataset": dataset[0]}
