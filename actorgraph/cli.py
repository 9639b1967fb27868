"""The `actorgraph` command: a thin wrapper over the library, turning its errors into one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from actorgraph import neo4j_server
from actorgraph.settings import Settings, get_settings
from loader import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS

if TYPE_CHECKING:
    from loader.validation import ValidationReport

console = Console(stderr=True, highlight=False)

EXIT_INVALID = 1
EXIT_UNREACHABLE = 2


def fail(message: str, code: int = 1) -> NoReturn:
    console.print(f"[bold red]Error:[/] {message}", soft_wrap=True)
    sys.exit(code)


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


def browser_lines(settings: Settings, api: str, intro: str) -> list[str]:
    """The Browser link (for the local server) and the two commands that load the API's
    style and guide, ready to paste."""
    lines: list[str] = []
    if settings.uses_local_server:
        lines.append(f"Browser: {neo4j_server.LocalServer.from_settings(settings).browser_url}")
    lines.append(intro)
    lines.extend(f"  {command}" for command in neo4j_server.browser_guide_commands(api))
    return lines


strict_option = click.option(
    "--strict", is_flag=True, help="A missing source text is an error, not a warning."
)
sources_option = click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of source texts (default: ACTORGRAPH_SOURCES).",
)


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


@cli.group()
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


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@strict_option
@sources_option
@click.option(
    "--graph/--no-graph",
    default=True,
    show_default=True,
    help="Also look up ids in the sources already loaded in Neo4j, when it is reachable.",
)
def validate(paths: tuple[Path, ...], strict: bool, sources: Path | None, graph: bool) -> None:
    """Check dataset files; nothing is written.

    PATHS are YAML files or folders of them (default: ACTORGRAPH_DATA, i.e. data/).
    Every quote is checked against its source text. An id the files do not define is
    looked up in the sources already loaded in the graph (as `load` would), so a new
    source may refer to the seed's actors without copying them. All errors are listed,
    each with its file, record and field. Exit 0 when valid, 1 when not.

    \b
    Examples:
      actorgraph validate --strict                 the seed, with its source text
      actorgraph validate data/new-report.yaml     a new source, beside what is loaded
      actorgraph validate --no-graph data/x.yaml   the file on its own
    """
    from loader.validation import validate_paths

    settings = get_settings()
    targets = list(paths) or [settings.actorgraph_data]
    sources_dir = sources or settings.actorgraph_sources
    report = validate_paths(targets, sources_dir=sources_dir, strict=strict)
    note = None
    if graph:
        report, note = with_loaded_sources(settings, targets, report, sources_dir, strict)
    print_validation(report)
    if note and not report.ok:
        console.print(f"Note: {note}", soft_wrap=True)
    if not report.ok:
        fail(f"{len(report.errors)} error(s); nothing is valid until all are fixed.", EXIT_INVALID)
    files = len(report.files)
    click.echo(f"Valid: {files} file(s), {report.unverified_quotes} unverified quote(s).")


def with_loaded_sources(
    settings: Settings,
    targets: list[Path],
    given: ValidationReport,
    sources_dir: Path,
    strict: bool,
) -> tuple[ValidationReport, str | None]:
    """The report of `given` redone beside the graph's live sources, and a note when the
    graph could not be asked."""
    from actorgraph.database import DatabaseError, connect
    from loader.graph_writer import LoadError, validate_for_load

    try:
        with connect(settings) as driver:
            report = validate_for_load(
                driver,
                targets,
                database=settings.neo4j_database,
                sources_dir=sources_dir,
                strict=strict,
                given=given,
            )
    except DatabaseError as exc:
        return given, f"ids were looked up in the given files only. {exc}"
    except LoadError as exc:
        return given, f"ids were looked up in the given files only: {exc}"
    return report, None


@cli.command("merge-check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@sources_option
def merge_check(paths: tuple[Path, ...], sources: Path | None) -> None:
    """List likely duplicates across dataset files, with the reason for each.

    Nothing merges on its own: the same id is the same actor or interaction. This flags
    what an analyst should look at: actors with different ids that share a name or alias
    (ignoring case, diacritics and punctuation), have near-identical names, or hold the
    same position in the same organization; and interactions of the same type on the same
    day with a participant in common that are not linked by same_as.

    \b
    Resolve each one in the dataset:
      the same actor         use the existing id; add your spelling under actors: with
                             that id and only aliases and evidence (no kind, no name)
      the same event         give the second record `same_as: <id>` (or the same id)
      different, really      add `distinct_from: [<id>]` to one of the two records

    Exit 0 when nothing is unresolved, 1 when something is (so CI can gate on it).
    """
    from loader.merge_check import find_candidates
    from loader.validation import validate_paths

    settings = get_settings()
    report = validate_paths(
        list(paths) or [settings.actorgraph_data],
        sources_dir=sources or settings.actorgraph_sources,
        strict=False,
    )
    if not report.ok:
        print_validation(report)
        fail(f"{len(report.errors)} validation error(s); fix them first.", EXIT_INVALID)
    candidates = find_candidates(report)
    for candidate in candidates:
        click.echo(str(candidate))
    if candidates:
        fail(f"{len(candidates)} unresolved candidate(s).", EXIT_INVALID)
    click.echo(f"No likely duplicates in {len(report.files)} file(s).")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "csv", "json"]),
    default="graphml",
    show_default=True,
    help="graphml opens in Gephi; csv is one line per participation; json is {nodes, edges}.",
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Keep interactions from this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Keep interactions to this day.")
@click.option("--actor", help="Keep the interactions this actor had a role in (an id).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
def export(fmt: str, since: Any, until: Any, actor: str | None, output: Path | None) -> None:
    """Export the live graph: actors and interactions as nodes, participations as edges.

    \b
    Examples:
      actorgraph export --format graphml -o actorgraph.graphml    then open it in Gephi
      actorgraph export --format csv --actor vladimir-putin --since 2022-03-01
    """
    from actorgraph.database import DatabaseError, connect
    from api.exports import render
    from api.queries import canned

    settings = get_settings()
    query = canned("export")
    params = query.bind(
        {
            "actor": actor,
            "since": since.date().isoformat() if since else None,
            "until": until.date().isoformat() if until else None,
        }
    )
    try:
        with connect(settings) as driver:
            records, _, _ = driver.execute_query(
                query.cypher, params, database_=settings.neo4j_database, routing_="r"
            )
    except DatabaseError as exc:
        fail(str(exc), EXIT_UNREACHABLE)
    text = render([record.data() for record in records], fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {len(records)} participations to {output}.")
    else:
        click.echo(text, nl=False)


def print_validation(report: Any) -> None:
    for warning in report.warnings:
        console.print(f"[yellow]Warning:[/] {warning}", soft_wrap=True)
    for error in report.errors:
        console.print(f"[red]Error:[/] {error}", soft_wrap=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@strict_option
@sources_option
@click.option(
    "--batch-size",
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows per write transaction.",
)
@click.option(
    "--writers",
    default=DEFAULT_WRITERS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Write transactions run at once. More than the server's cores rarely helps.",
)
@click.option("--wipe", is_flag=True, help="Delete the whole graph first, then load PATHS only.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before --wipe.")
def load(
    paths: tuple[Path, ...],
    strict: bool,
    sources: Path | None,
    batch_size: int,
    writers: int,
    wipe: bool,
    yes: bool,
) -> None:
    """Validate dataset files and load them into Neo4j, all or nothing.

    PATHS are YAML files or folders (default: ACTORGRAPH_DATA, i.e. data/). Nothing is
    written unless every file is valid. Loading a source again replaces that source's
    facts and only those; the other sources in the graph stay (their files are read
    again from where they were loaded). A re-run gives the same graph.

    \b
    Examples:
      actorgraph load                       the seed in data/
      actorgraph load data/new-report.yaml  add or replace one source
      actorgraph load --wipe --yes synth/   replace the whole graph

    Exit 0 when loaded, 1 when the dataset is invalid, 2 when Neo4j is unreachable.
    """
    from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired

    from actorgraph.database import DatabaseError, connect, unreachable_message
    from loader.graph_writer import InvalidDataset, LoadError, load_paths
    from loader.validation import validate_paths

    settings = get_settings()
    targets = list(paths) or [settings.actorgraph_data]
    sources_dir = sources or settings.actorgraph_sources
    given = validate_paths(targets, sources_dir=sources_dir, strict=strict)
    if wipe and not given.ok:
        # Nothing is carried over from the graph, so these errors stand: fail before asking.
        print_validation(given)
        fail(f"{len(given.errors)} validation error(s); nothing was written.", EXIT_INVALID)
    if wipe and not yes:
        click.confirm(
            f"Delete everything in {settings.bolt_uri} (database {settings.neo4j_database})?",
            abort=True,
        )
    progress = Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def plan(report: Any, counts: dict[str, int]) -> None:
        print_validation(report)
        for name, count in counts.items():
            tasks[name] = progress.add_task(name.replace("_", " "), total=count)
        progress.start()

    def advance(name: str, count: int) -> None:
        progress.advance(tasks[name], count)

    try:
        with connect(settings) as driver:
            summary = load_paths(
                driver,
                targets,
                database=settings.neo4j_database,
                sources_dir=sources_dir,
                strict=strict,
                batch_size=batch_size,
                writers=writers,
                wipe_first=wipe,
                progress=advance,
                on_plan=plan,
                # Validated again beside the live sources it does not replace: a new file
                # may refer to the ids another source defines.
                given=given,
            )
    except InvalidDataset as exc:
        progress.stop()
        print_validation(exc.report)
        fail(str(exc), EXIT_INVALID)
    except DatabaseError as exc:
        progress.stop()
        if not given.ok:
            # An invalid file says so even with Neo4j down; only its references to other
            # sources could not be looked up.
            print_validation(given)
            fail(
                f"{len(given.errors)} validation error(s); nothing was written. Neo4j was not "
                "reachable, so ids defined by sources already loaded could not be looked up.",
                EXIT_INVALID,
            )
        fail(str(exc), EXIT_UNREACHABLE)
    except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as exc:
        # Neo4j went away mid-load: the live generation is untouched; a re-run finishes.
        # A server that is shutting down answers DatabaseUnavailable until it is gone.
        progress.stop()
        fail(
            unreachable_message(settings, str(exc)) + " Nothing was published; run the load again.",
            EXIT_UNREACHABLE,
        )
    except LoadError as exc:
        progress.stop()
        fail(str(exc), EXIT_INVALID)
    progress.stop()
    replaced = (
        f", replacing generation {summary.replaced_generation}"
        if summary.replaced_generation
        else ""
    )
    console.print(
        f"Loaded {len(summary.sources)} source(s) as generation {summary.generation}{replaced}: "
        f"{summary.rows['interactions']} interactions, {summary.rows['actors']} actor records, "
        f"{summary.rows['statements']} statements.\n"
        f"Nodes created {summary.nodes_created}, relationships created "
        f"{summary.relationships_created}, properties set {summary.properties_set}, "
        f"old nodes deleted {summary.nodes_deleted}, in {summary.seconds:.1f} s."
    )


@cli.command()
@click.option("--actors", default=1000, show_default=True, type=click.IntRange(min=4))
@click.option("--interactions", default=10000, show_default=True, type=click.IntRange(min=0))
@click.option("--seed", default=1, show_default=True, help="Same seed, same dataset.")
@click.option(
    "--per-file",
    default=5000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Interactions per source file.",
)
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write; its source texts go to OUT/sources.",
)
def synth(actors: int, interactions: int, seed: int, per_file: int, out: Path) -> None:
    """Write a synthetic dataset shaped like diplomacy data, for benchmarks and scale tests.

    Skewed degrees (a few hubs), multi-party events, dates over 2015-2024 with some
    undated, several roles, and source texts so that every quote validates.

    \b
    Example:
      actorgraph synth --actors 5000 --interactions 100000 --seed 1 -o /tmp/synth
      actorgraph load --wipe --yes --sources /tmp/synth/sources /tmp/synth
    """
    from loader.synth import generate

    summary = generate(out, actors=actors, interactions=interactions, seed=seed, per_file=per_file)
    click.echo(
        f"Wrote {summary.files} files to {out}: {summary.actors} actors, "
        f"{summary.interactions} interactions, {summary.statements} statements. "
        f"Texts in {out / 'sources'}."
    )


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
    uvicorn.run(
        "api.main:app",
        host=host or settings.actorgraph_api_host,
        port=port or settings.actorgraph_api_port,
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


def main() -> None:
    cli()
