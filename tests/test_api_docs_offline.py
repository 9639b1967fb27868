"""/docs and /redoc work without the internet: every script, style and icon they load comes
from the API itself, not from a CDN. They need no Neo4j."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.main import create_app

ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>)]+")
ASSET = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"")
PAGES = ["/docs", "/redoc"]


@pytest.fixture(scope="module")
def client(test_settings: Settings) -> TestClient:
    # No `with`: the lifespan (which opens the Neo4j driver) is not needed for these pages.
    return TestClient(create_app(test_settings))


@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_no_other_host(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    elsewhere = [
        url
        for url in ABSOLUTE_URL.findall(response.text)
        if not url.startswith(str(client.base_url))
    ]
    assert elsewhere == []


@pytest.mark.parametrize("page", PAGES)
def test_every_asset_the_page_loads_is_served_by_the_api(client: TestClient, page: str) -> None:
    assets = ASSET.findall(client.get(page).text)
    # Swagger UI: its script, its style and the icon; ReDoc: its script and the icon.
    assert len(assets) >= 2
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 1000, asset


def test_the_pages_load_the_openapi_document_the_api_publishes(client: TestClient) -> None:
    assert "url: '/openapi.json'" in client.get("/docs").text
    assert 'spec-url="/openapi.json"' in client.get("/redoc").text
    assert client.get("/openapi.json").json()["info"]["title"] == "actorgraph"


def test_swagger_uis_oauth2_redirect_page_is_served(client: TestClient) -> None:
    response = client.get("/docs/oauth2-redirect")
    assert response.status_code == 200
    assert "oauth2" in response.text.lower()


def test_redoc_fetches_no_logo_from_its_cdn(client: TestClient) -> None:
    (script,) = [a for a in ASSET.findall(client.get("/redoc").text) if a.endswith(".js")]
    served = client.get(script)
    assert served.status_code == 200 and "Redocly" in served.text
    assert "cdn.redoc.ly" not in served.text
