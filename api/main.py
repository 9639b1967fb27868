"""The FastAPI application: the driver opens in the lifespan, errors become plain JSON."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import lru_cache
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from actorgraph.database import (
    API_RETRY_S,
    Neo4jAuthFailed,
    Neo4jUnavailable,
    open_async_driver,
    open_driver,
)
from actorgraph.queries import QueryRejected
from actorgraph.settings import Settings, get_settings
from api.circuit import Circuit
from api.routes import (
    actors,
    browser,
    changes,
    cypher,
    export,
    health,
    interactions,
    mediators,
    path,
    places,
    queries,
    search,
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

# Headers Neo4j Browser sends when it fetches a guide (`:play URL`); they make the request
# "non-simple", so the browser asks first (a CORS preflight) whether it may send them.
BROWSER_FETCH_HEADERS = ["Cache-Control", "Pragma", "Content-Type"]

READ_THREADS = 40

# Swagger UI and ReDoc load their scripts from a CDN by default, which leaves /docs and /redoc
# blank offline; the fastapi-offline package ships the same files, served from here instead.
DOCS_ASSETS = "/static/docs"
# ReDoc's bundle shows "API docs by Redocly" with a logo from its CDN; an image that fails
# to load is hidden, so an empty data URL keeps the page from reaching out.
REDOC_SCRIPT = "/redoc/redoc.standalone.js"
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@lru_cache(maxsize=1)
def redoc_script() -> str:
    bundle = files("fastapi_offline") / "static" / "redoc.standalone.js"
    return bundle.read_text(encoding="utf-8").replace(REDOC_LOGO, "data:,")


def browser_origins(settings: Settings) -> list[str]:
    """Where Neo4j Browser is served from: the local server's HTTP port, and the default one."""
    ports = sorted({7474, settings.actorgraph_http_port})
    return [f"http://{host}:{port}" for port in ports for host in ("127.0.0.1", "localhost")]


class AsciiJSONResponse(JSONResponse):
    """JSON with everything beyond ASCII escaped: a lone surrogate, which a JSON request may
    carry and a validation error echoes back, cannot be encoded as UTF-8."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False).encode("ascii")


def serve_docs_offline(app: FastAPI) -> None:
    """/docs and /redoc as FastAPI serves them, with their scripts, styles and icon served by
    the API itself (FastAPI's recipe "Self-hosting JavaScript and CSS for docs")."""
    app.mount(
        DOCS_ASSETS,
        StaticFiles(packages=[("fastapi_offline", "static")]),
        name="docs-assets",
    )
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        # Behind a proxy that strips a prefix, every URL the page loads needs it back.
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            oauth2_redirect_url=root + oauth2_redirect_url,
            init_oauth=app.swagger_ui_init_oauth,
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    @app.get(oauth2_redirect_url, include_in_schema=False)
    async def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(REDOC_SCRIPT, include_in_schema=False)
    async def redoc_bundle() -> Response:
        return Response(redoc_script(), media_type="text/javascript")

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        return get_redoc_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{REDOC_SCRIPT}",
            redoc_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,  # fonts.googleapis.com is just as far away as the CDN
        )


def driver_lifespan(settings: Settings) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.driver = open_driver(settings, retry_s=API_RETRY_S)
        app.state.async_driver = open_async_driver(settings)
        app.state.circuit = Circuit()
        app.state.adhoc_slots = asyncio.Semaphore(settings.actorgraph_cypher_concurrency)
        # The canned reads run in the loop's default executor (`CannedQuery.arun`), which
        # would have cpu_count + 4 threads: a few slow reads would hold up every quick one.
        # As many as FastAPI's own thread pool has.
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(READ_THREADS))
        try:
            yield
        finally:
            await app.state.circuit.close()
            await app.state.async_driver.close()
            app.state.driver.close()

    return lifespan


def map_errors(app: FastAPI, settings: Settings) -> None:
    """The library's errors, and FastAPI's own 422, as plain JSON."""

    @app.exception_handler(Neo4jUnavailable)
    async def neo4j_unavailable(request: Request, exc: Neo4jUnavailable) -> JSONResponse:
        request.app.state.circuit.trip(request.app.state.async_driver, settings.neo4j_database, exc)
        return JSONResponse(
            status_code=503,
            content={"detail": exc.explain(settings)},
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(Neo4jAuthFailed)
    async def neo4j_auth(request: Request, exc: Neo4jAuthFailed) -> JSONResponse:
        return JSONResponse(
            status_code=503,
            content={
                "detail": "Neo4j refused the API's credentials: check NEO4J_USER, NEO4J_PASSWORD."
            },
        )

    @app.exception_handler(QueryRejected)
    async def query_rejected(request: Request, exc: QueryRejected) -> JSONResponse:
        return JSONResponse(
            status_code=422,
            content={"detail": f"Neo4j cannot run the query with these values: {exc}"},
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own answer, in ASCII: its UTF-8 rendering fails (500) on a lone surrogate.
        return AsciiJSONResponse(
            status_code=422, content={"detail": jsonable_encoder(exc.errors())}
        )


def publish_plain_422(app: FastAPI) -> None:
    """Our own 422s carry a plain sentence (HTTPException), FastAPI's carry a list of field
    errors; the published schema says that `detail` may be either."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            error = schema.get("components", {}).get("schemas", {}).get("HTTPValidationError")
            if error is not None:
                listed = error["properties"]["detail"]
                error["properties"]["detail"] = {
                    "title": "Detail",
                    "anyOf": [{"type": "string"}, listed],
                }
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


ROUTERS = (
    health,
    actors,
    interactions,
    statements,
    sources,
    places,
    mediators,
    path,
    timeline,
    search,
    changes,
    queries,
    cypher,
    browser,
    export,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="actorgraph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=driver_lifespan(settings),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    serve_docs_offline(app)
    # Browser fetches the guide and the style from its own page, so it needs CORS; GET only,
    # so that no other page's script can reach POST /cypher through this allowance.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=browser_origins(settings),
        allow_methods=["GET"],
        allow_headers=BROWSER_FETCH_HEADERS,
    )
    map_errors(app, settings)
    for resource in ROUTERS:
        app.include_router(resource.router)
    publish_plain_422(app)
    return app


app = create_app()
