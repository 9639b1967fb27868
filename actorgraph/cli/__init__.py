"""The `actorgraph` command: a thin wrapper over the library, turning its errors into one line.

Each command lives with its kind: `server` (the local Neo4j), `data` (validate,
merge-check, export, synth), `load`; this module holds the group, `serve` and `up`. The
library is imported inside each command, so that `actorgraph --help` loads no driver.
"""

from __future__ import annotations

import click

from actorgraph import neo4j_server
from actorgraph.cli.data import export, merge_check, synth, validate
from actorgraph.cli.draft import draft
from actorgraph.cli.draft_score import draft_score
from actorgraph.cli.load import load
from actorgraph.cli.output import console, fail
from actorgraph.cli.server import api_url, browser_lines, neo4j, refuse_a_taken_port
from actorgraph.cli.sources import changes, sources
from actorgraph.settings import get_settings
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def cli() -> None:
    """actorgraph: political actors and their interactions in Neo4j, with the evidence.

    \b
    Typical use:
      actorgraph up              Neo4j up, seed loaded, API on 127.0.0.1:8000
      actorgraph neo4j status    is the local Neo4j running?
      actorgraph validate data/  check the dataset against its source texts

    Settings come from the environment or .env (see .env.example). With NEO4J_URI set,
    actorgraph uses that server and starts none of its own.
    """


@cli.command()
@click.option("--host", default=None, help="Default: ACTORGRAPH_API_HOST (127.0.0.1).")
@click.option("--port", default=None, type=int, help="Default: ACTORGRAPH_API_PORT (8000).")
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(min=1),
    help="Worker processes. Default: ACTORGRAPH_API_WORKERS (2).",
)
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the HTTP API (docs at /docs). Neo4j must be reachable."""
    import uvicorn

    settings = get_settings()
    host, port = host or settings.actorgraph_api_host, port or settings.actorgraph_api_port
    refuse_a_taken_port(host, port)
    uvicorn.run(
        "api.main:app",
        host=host,
        port=port,
        workers=workers or settings.actorgraph_api_workers,
        log_level="info",
    )


@cli.command()
@click.option("--port", default=None, type=int, help="API port (default 8000).")
def up(port: int | None) -> None:
    """Everything at once: Neo4j up (unless NEO4J_URI), schema and seed loaded, API served.

    The API runs in the foreground; stop it with Ctrl-C. Neo4j keeps running
    until `actorgraph neo4j stop`.
    """
    settings = get_settings()
    refuse_a_taken_port(settings.actorgraph_api_host, port or settings.actorgraph_api_port)
    if settings.uses_local_server:
        server = neo4j_server.LocalServer.from_settings(settings)
        try:
            result = neo4j_server.start(server, report=console.print)
        except neo4j_server.Neo4jServerError as exc:
            fail(str(exc))
        state = "already running" if result.already_running else f"up in {result.seconds:.1f} s"
        console.print(f"Neo4j {state}.")
    ctx = click.get_current_context()
    ctx.invoke(
        load,
        paths=(),
        strict=False,
        sources=None,
        batch_size=DEFAULT_BATCH_SIZE,
        writers=DEFAULT_WRITERS,
        # A load another curator runs on the same graph ends within a minute or two.
        wait=120.0,
        wipe=False,
        yes=False,
    )
    api = api_url(settings, port)
    console.print(f"API on {api}/docs")
    # Last, so that they stay on screen just above the server's log. Soft wrap: a link
    # broken over two lines no longer opens.
    for line in browser_lines(settings, api, "In Browser, type:"):
        console.print(line, soft_wrap=True, markup=False)
    serve.callback(host=None, port=port, workers=None)  # type: ignore[misc]


for command in (
    neo4j,
    validate,
    merge_check,
    export,
    load,
    sources,
    changes,
    synth,
    draft,
    draft_score,
):
    cli.add_command(command)


def main() -> None:
    cli()
