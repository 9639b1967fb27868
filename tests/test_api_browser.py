"""What Neo4j Browser fetches from the API: the GraSS style, the guide, and CORS for both."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlparse

import pytest
import yaml
from checkout import PROJECT_ROOT
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph import neo4j_server
from actorgraph.queries import catalogue
from actorgraph.settings import Settings
from api.main import create_app
from loader.vocabulary import ACTOR_KINDS, INTERACTION_TYPES

# Every label the loader writes: the generation labels, one per actor kind and one per
# interaction type, and the Dataset pointer.
LOADER_LABELS = (
    {"Actor", "Interaction", "Statement", "Source", "Place", "Dataset"}
    | {kind.capitalize() for kind in ACTOR_KINDS}
    | {t.label for t in INTERACTION_TYPES}
)
BROWSER_ORIGIN = "http://127.0.0.1:7474"


@pytest.fixture(scope="module")
def client(test_settings: Settings) -> TestClient:
    """The app without its lifespan: these routes never touch Neo4j."""
    return TestClient(create_app(test_settings))


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """GraSS read the way Neo4j Browser reads it (graphStyle.ts `parse`): single quotes
    delimit strings and are dropped, braces outside them delimit a rule, whitespace in
    selectors is dropped, and `key: value` pairs are split at `;` then at `:`."""
    rules: dict[str, str] = {}
    inside_string = inside_props = False
    selector = props = ""
    for c in text:
        if c == "'":
            inside_string = not inside_string
            continue
        if c == "{" and not inside_string:
            inside_props = True
            continue
        if c == "}" and not inside_string:
            inside_props = False
            rules[selector], selector, props = props, "", ""
            continue
        if inside_props:
            props += c
        elif not c.isspace():
            selector += c
    parsed: dict[str, dict[str, str]] = {}
    for key, body in rules.items():
        parsed[key] = {}
        for prop in body.split(";"):
            name, _, value = prop.partition(":")
            if name.strip() and value.strip():
                parsed[key][name.strip()] = value.strip()
    return parsed


def test_the_style_gives_every_label_the_loader_writes_a_colour_and_a_caption(
    client: TestClient,
) -> None:
    response = client.get("/browser/style.grass")
    assert response.status_code == 200
    rules = parse_grass(response.text)
    for label in sorted(LOADER_LABELS):
        rule = rules.get(f"node.{label}")
        assert rule is not None, f"no rule for :{label}"
        assert rule["color"].startswith("#"), label
        # A caption Browser can fill in: a {property} or <id>/<type>.
        assert re.search(r"\{\w+\}|<id>|<type>", rule["caption"]), (label, rule["caption"])
    # An interaction reads as its type and date, not as its cut id.
    for label in {t.label for t in INTERACTION_TYPES} | {"Interaction"}:
        assert rules[f"node.{label}"]["caption"] == "{type} {when}", label


def test_the_style_parses_into_selectors_only(client: TestClient) -> None:
    # Browser has no comments in GraSS: anything outside a rule joins the next selector.
    rules = parse_grass(client.get("/browser/style.grass").text)
    assert rules
    for selector in rules:
        assert selector in ("node", "relationship") or selector.startswith(
            ("node.", "relationship.")
        ), selector


def test_specific_labels_come_after_the_general_ones(client: TestClient) -> None:
    # Browser applies every matching rule in file order, the last one winning, so a
    # `:Actor:Person` node takes the Person style only if node.Person comes later.
    selectors = list(parse_grass(client.get("/browser/style.grass").text))
    for general, specific in [("Actor", k.capitalize()) for k in ACTOR_KINDS] + [
        ("Interaction", t.label) for t in INTERACTION_TYPES
    ]:
        assert selectors.index(f"node.{general}") < selectors.index(f"node.{specific}")


@pytest.mark.neo4j
def test_every_label_in_the_loaded_seed_has_a_style(
    seeded: Driver, test_settings: Settings, client: TestClient
) -> None:
    records, _, _ = seeded.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label",
        database_=test_settings.neo4j_database,
        routing_="r",
    )
    in_graph = {r["label"] for r in records}
    assert {"Person", "State", "Call", "Negotiation", "Statement"} <= in_graph
    styled = {s.removeprefix("node.") for s in parse_grass(client.get("/browser/style.grass").text)}
    assert in_graph <= styled


def test_the_guide_lists_every_canned_query_with_its_param_line(client: TestClient) -> None:
    response = client.get("/browser/guide")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<article class="guide">' in html
    queries = catalogue().values()
    assert queries
    for query in queries:
        # Apart: run together, Browser hides the rows in a collapsed list of statements.
        params = escape(query.browser_params.removesuffix(";"))
        assert f'<pre class="pre-scrollable code runnable">{params}</pre>' in html, query.name
        assert f'<pre class="pre-scrollable code runnable">{escape(query.cypher)}</pre>' in html
        assert f"<code>{query.name}</code>" in html
    # One slide per query, after the opening one.
    assert html.count("<slide ") == len(queries) + 1


def test_the_guide_points_at_the_style_on_the_server_that_served_it(client: TestClient) -> None:
    html = client.get("/browser/guide").text
    assert ":style http://testserver/browser/style.grass</pre>" in html


def test_cors_lets_browser_fetch_the_guide_and_the_style(client: TestClient) -> None:
    for path in ("/browser/guide", "/browser/style.grass"):
        response = client.get(path, headers={"Origin": BROWSER_ORIGIN})
        assert response.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    # Browser fetches a guide with Pragma and Cache-Control headers, so it asks first.
    preflight = client.options(
        "/browser/guide",
        headers={
            "Origin": "http://localhost:7474",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:7474"


def test_cors_does_not_open_the_api_to_other_origins(client: TestClient) -> None:
    response = client.get("/browser/guide", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_does_not_let_browser_pages_post_cypher(client: TestClient) -> None:
    preflight = client.options(
        "/cypher",
        headers={
            "Origin": BROWSER_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )
    assert preflight.status_code == 400


def browser_allows(url: str, allowlist: str) -> bool:
    """Browser's hostIsAllowed: the URL's hostname is one of the comma-separated entries."""
    entries = [entry.strip().rstrip("/") for entry in allowlist.split(",")]
    return allowlist == "*" or urlparse(url).hostname in entries


def test_the_local_neo4j_and_the_compose_file_let_browser_load_the_guide(
    test_settings: Settings,
) -> None:
    guide = f"http://127.0.0.1:{test_settings.actorgraph_api_port}/browser/guide"
    config = neo4j_server.render_config(neo4j_server.LocalServer.from_settings(test_settings))
    local = next(
        line.partition("=")[2]
        for line in config.splitlines()
        if line.startswith("browser.remote_content_hostname_whitelist=")
    )
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.neo4j.yml").read_text())
    composed = compose["services"]["neo4j"]["environment"][
        "NEO4J_browser_remote__content__hostname__whitelist"
    ]
    for allowlist in (local, composed):
        assert browser_allows(guide, allowlist)
        assert browser_allows(guide.replace("127.0.0.1", "localhost"), allowlist)
