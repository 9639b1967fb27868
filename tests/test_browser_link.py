"""The Browser link the launcher prints opens Browser ready: server URL and auth method set.

Browser reads `dbms` (the connection URL) and `preselectAuthMethod` (NATIVE, SSO or NO_AUTH)
from the page's query string; with NO_AUTH it connects at once. No Neo4j is needed here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pydantic import SecretStr

from actorgraph import neo4j_server
from actorgraph.cli import server as cli
from actorgraph.settings import Settings, read_versions
from api.routes.browser import router


def server(password: str | None) -> neo4j_server.LocalServer:
    versions = read_versions()
    return neo4j_server.LocalServer(
        home=Path("/tmp/unused"),
        bolt_port=37687,
        http_port=37474,
        heap="1g",
        pagecache="1g",
        password=password,
        neo4j_version=versions["NEO4J_VERSION"],
        browser_version=versions["NEO4J_BROWSER_VERSION"],
    )


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, strict_parsing=True)


def local_settings(password: str | None = None, **values: object) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        neo4j_uri=None,
        neo4j_password=SecretStr(password) if password else None,
        actorgraph_bolt_port=37687,
        actorgraph_http_port=37474,
        **values,
    )


def test_link_to_a_server_without_password_preselects_no_auth_and_its_bolt_url() -> None:
    url = server(password=None).browser_url
    assert url.startswith("http://127.0.0.1:37474/browser/?")
    assert query(url) == {"dbms": ["bolt://127.0.0.1:37687"], "preselectAuthMethod": ["NO_AUTH"]}


def test_link_to_a_server_with_password_preselects_username_password_and_user_neo4j() -> None:
    url = server(password="s3cret-pw").browser_url
    assert query(url) == {
        "dbms": ["bolt://neo4j@127.0.0.1:37687"],
        "preselectAuthMethod": ["NATIVE"],
    }
    assert "s3cret-pw" not in url


def test_connection_url_is_percent_encoded_in_the_link() -> None:
    raw = urlsplit(server(password=None).browser_url).query
    assert "dbms=bolt%3A%2F%2F127.0.0.1%3A37687" in raw.split("&")
    assert "preselectAuthMethod=NO_AUTH" in raw.split("&")


def test_guide_commands_name_routes_the_api_serves() -> None:
    style, play = neo4j_server.browser_guide_commands("http://127.0.0.1:8123")
    assert style == ":style http://127.0.0.1:8123/browser/style.grass"
    assert play == ":play http://127.0.0.1:8123/browser/guide"
    served = {getattr(route, "path", "") for route in router.routes}
    assert {"/browser/style.grass", "/browser/guide"} <= served


def test_api_bound_to_every_interface_is_named_by_loopback_address() -> None:
    assert neo4j_server.reachable_api_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert neo4j_server.reachable_api_url("::", 8000) == "http://127.0.0.1:8000"
    assert neo4j_server.reachable_api_url("localhost", 9000) == "http://localhost:9000"
    assert neo4j_server.reachable_api_url("::1", 9000) == "http://[::1]:9000"


def test_printed_lines_carry_the_link_and_the_commands_for_the_configured_api_port() -> None:
    settings = local_settings(actorgraph_api_port=8123)
    lines = cli.browser_lines(settings, cli.api_url(settings), "In Browser, type:")
    assert lines == [
        f"Browser: {neo4j_server.LocalServer.from_settings(settings).browser_url}",
        "In Browser, type:",
        "  :style http://127.0.0.1:8123/browser/style.grass",
        "  :play http://127.0.0.1:8123/browser/guide",
    ]
    assert "preselectAuthMethod=NO_AUTH" in lines[0]


def test_printed_link_follows_the_password_setting() -> None:
    lines = cli.browser_lines(local_settings(password="s3cret-pw"), "http://x", "intro")
    assert "preselectAuthMethod=NATIVE" in lines[0]


def test_no_local_link_is_printed_when_another_server_is_used() -> None:
    remote = local_settings().model_copy(update={"neo4j_uri": "neo4j+s://db.example.org"})
    lines = cli.browser_lines(remote, "http://127.0.0.1:8000", "intro")
    assert not any(line.startswith("Browser:") for line in lines)
    assert "  :play http://127.0.0.1:8000/browser/guide" in lines
