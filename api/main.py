"""The FastAPI application: the driver opens in the lifespan, errors become plain JSON."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from actorgraph.database import ACQUISITION_TIMEOUT_S, CONNECTION_TIMEOUT_S, unreachable_message
from actorgraph.settings import Settings, get_settings
from api.routes import (
    actors,
    health,
    interactions,
    mediators,
    path,
    places,
    queries,
    sources,
    statements,
    timeline,
)

DESCRIPTION = """
Political actors (people, states, organizations) and their interactions (calls, meetings,
negotiation rounds, mediation), each answer carrying its evidence: the source, the verbatim
quote and the date. The first source is David R. Cameron's analysis of the Russia–Ukraine
talks of February–March 2022.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The driver connects lazily, so the API starts (and answers 503) while Neo4j is down,
        # and recovers on its own when Neo4j comes back.
        app.state.driver = AsyncGraphDatabase.driver(
            settings.bolt_uri,
            auth=settings.auth,
            connection_timeout=CONNECTION_TIMEOUT_S,
            connection_acquisition_timeout=ACQUISITION_TIMEOUT_S,
            max_transaction_retry_time=2.0,
        )
        try:
            yield
        finally:
            await app.state.driver.close()

    app = FastAPI(title="actorgraph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.dependency_overrides[get_settings] = lambda: settings

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def neo4j_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": unreachable_message(settings, str(exc))}
        )

    @app.exception_handler(AuthError)
    async def neo4j_auth(request: Request, exc: AuthError) -> JSONResponse:
        return JSONResponse(
            status_code=503,
            content={
                "detail": "Neo4j refused the API's credentials: check NEO4J_USER, NEO4J_PASSWORD."
            },
        )

    app.include_router(health.router)
    for resource in (
        actors,
        interactions,
        statements,
        sources,
        places,
        mediators,
        path,
        timeline,
        queries,
    ):
        app.include_router(resource.router)
    return app


app = create_app()
