"""`actorgraph neo4j`: the local Neo4j Community server, without Docker."""

from __future__ import annotations

import json
import socket
import sys
import urllib.parse
import urllib.request

import click

from actorgraph import neo4j_server
from actorgraph.cli.output import console, fail
from actorgraph.settings import Settings, get_settings


def local_server(settings: Settings) -> neo4j_server.LocalServer:
    if not settings.uses_local_server:
        fail(
            f"NEO4J_URI is set ({settings.neo4j_uri}): actorgraph uses that server and starts "
            "none of its own. Unset NEO4J_URI to manage the local server."
        )
    return neo4j_server.LocalServer.from_settings(settings)


def api_url(settings: Settings, port: int | None = None) -> str:
    return neo4j_server.reachable_api_url(
        settings.actorgraph_api_host, port or settings.actorgraph_api_port
    )


def api_listener(api: str) -> str | None:
    """Who already listens at the API's address (as api_url reaches it): "actorgraph" when
    its OpenAPI document is ours (it answers with Neo4j down too), "other" for anything
    else, None when free."""
    address = urllib.parse.urlsplit(api)
    try:
        with socket.create_connection((address.hostname, address.port), timeout=1.0):
            pass
    except OSError:
        return None
    try:
        with urllib.request.urlopen(f"{api}/openapi.json", timeout=5.0) as answer:
            document = json.load(answer)
    except (OSError, ValueError):
        return "other"
    ours = isinstance(document, dict) and document.get("info", {}).get("title") == "actorgraph"
    return "actorgraph" if ours else "other"


def refuse_a_taken_port(host: str, port: int) -> None:
    """Before anything else: a second `up` or `serve` on a port the API already serves would
    reload the graph and then die on "Address already in use"."""
    api = neo4j_server.reachable_api_url(host, port)
    listener = api_listener(api)
    if listener == "actorgraph":
        click.echo(
            f"The API already serves at {api} (docs: {api}/docs); nothing was started. Stop "
            "it (Ctrl-C where it runs) to start it again, run `actorgraph load` to load "
            "changed files into the graph it serves, or pass --port for a second one."
        )
        sys.exit(0)
    if listener == "other":
        fail(
            f"Another program listens on {host}:{port}, where the API would serve. Stop it, "
            "or pass --port (or set ACTORGRAPH_API_PORT) to serve elsewhere."
        )


def browser_lines(settings: Settings, api: str, intro: str) -> list[str]:
    """The Browser link (for the local server) and the two commands that load the API's
    style and guide, ready to paste."""
    lines: list[str] = []
    if settings.uses_local_server:
        lines.append(f"Browser: {neo4j_server.LocalServer.from_settings(settings).browser_url}")
    lines.append(intro)
    lines.extend(f"  {command}" for command in neo4j_server.browser_guide_commands(api))
    return lines


@click.group()
def neo4j() -> None:
    """Run a local Neo4j Community server on 127.0.0.1, without Docker.

    The jars come from Maven Central (kept in ACTORGRAPH_JARS, default
    ~/.cache/actorgraph/jars), the version from actorgraph/versions.env, and data and logs
    stay under ACTORGRAPH_HOME (default var/neo4j).
    """


@neo4j.command("start")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for Bolt.")
def neo4j_start(timeout: float) -> None:
    """Start the local server in the background and wait until Bolt answers.

    Safe to run again: a running server is left alone.
    """
    server = local_server(get_settings())
    try:
        result = neo4j_server.start(server, timeout=timeout, report=console.print)
    except neo4j_server.Neo4jServerError as exc:
        fail(str(exc))
    if result.already_running:
        click.echo(f"Neo4j is already running (pid {result.status.pid}).")
    else:
        click.echo(f"Neo4j started in {result.seconds:.1f} s (pid {result.status.pid}).")
    click.echo(f"Bolt:    {server.bolt_uri}")
    settings = get_settings()
    intro = "With the API up (actorgraph serve), type in Browser:"
    for line in browser_lines(settings, api_url(settings), intro):
        click.echo(line)


@neo4j.command("stop")
def neo4j_stop() -> None:
    """Stop the local server. Safe to run when it is not running."""
    server = local_server(get_settings())
    if neo4j_server.stop(server):
        click.echo("Neo4j stopped.")
    else:
        click.echo("Neo4j is not running.")


@neo4j.command("status")
def neo4j_status() -> None:
    """Say whether the local server runs; exit 0 when it does, 3 when it does not."""
    server = local_server(get_settings())
    state = neo4j_server.status(server)
    if state.running:
        click.echo(f"Neo4j is running (pid {state.pid}).")
        click.echo(f"Bolt:    {state.bolt_uri}")
        click.echo(f"Browser: {state.browser_url}")
    else:
        click.echo("Neo4j is not running. Start it with: actorgraph neo4j start (or make neo4j)")
        sys.exit(3)
