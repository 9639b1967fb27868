"""`actorgraph sources` and `actorgraph changes`: the sources in the graph, removing one,
and what each load changed."""

from __future__ import annotations

from typing import Any

import click

from actorgraph.cli.load import run_load
from actorgraph.cli.output import EXIT_UNREACHABLE, fail
from actorgraph.settings import get_settings


@click.group(invoke_without_command=True)
@click.pass_context
def sources(ctx: click.Context) -> None:
    """List the sources in the graph: id, records, digest, loaded at, loaded by, file.

    The graph keeps each source's data file (and where its quotes are in the source
    text), so a load from any machine, given only its own file, replaces that source
    and rebuilds the others from the graph.

    \b
    Examples:
      actorgraph sources
      actorgraph sources remove press-note-2022-03-10
    """
    if ctx.invoked_subcommand is not None:
        return
    from actorgraph.database import DatabaseError, connect
    from loader.stored_sources import live_sources

    settings = get_settings()
    try:
        with connect(settings) as driver:
            live = live_sources(driver, settings.neo4j_database)
    except DatabaseError as exc:
        fail(exc.explain(settings), EXIT_UNREACHABLE)
    if not live:
        click.echo("No sources are loaded. Load some with: actorgraph load")
        return
    rows = [("id", "records", "digest", "loaded at", "loaded by", "file")] + [
        (
            s.id,
            "" if s.records is None else str(s.records),
            (s.digest or "")[:12],
            s.loaded_at or "",
            s.loaded_by or "",
            s.file or s.path or "",
        )
        for s in live
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@sources.command()
@click.argument("source_ids", nargs=-1, required=True, metavar="ID...")
@click.option("--wait", default=0.0, type=click.FloatRange(min=0), metavar="SECONDS",
              help="How long to wait while another load runs.")  # fmt: skip
def remove(source_ids: tuple[str, ...], wait: float) -> None:
    """Remove sources from the graph, all or nothing.

    The graph is rebuilt from the other live sources, as a load does: if any of them
    refers to an id that only a removed source defines, nothing changes and the errors
    say where. Load the source's file again to bring it back.
    """
    from loader.validation import validate_paths

    settings = get_settings()
    sources_dir = settings.actorgraph_sources
    given = validate_paths([], sources_dir=sources_dir, strict=False)
    run_load(settings, [], given, sources_dir=sources_dir, remove=source_ids, wait=wait)


@click.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="The loads on or after this day.")
@click.option("--source", help="Only the loads that gave or removed this source (an id).")
@click.option(
    "--kind",
    type=click.Choice(["interaction", "actor", "contact"]),
    help="Only changes of this kind.",
)
def changes(since: Any, source: str | None, kind: str | None) -> None:
    """What each load added, removed or changed, newest first.

    Each load records a changeset before it publishes: when, by whom, which sources,
    and every interaction, actor and contact it added, removed or changed, with the
    sources that state it.

    \b
    Examples:
      actorgraph changes --since 2026-11-25 --kind contact   contacts that appeared or went
      actorgraph changes --source press-note-2022-03-10
    """
    from actorgraph.database import DatabaseError, connect
    from actorgraph.queries import canned

    settings = get_settings()
    try:
        with connect(settings) as driver:
            loads = canned("changes").run(
                driver,
                settings.neo4j_database,
                since=since.date().isoformat() if since else None,
                source=source,
                kind=kind,
            )
    except DatabaseError as exc:
        fail(exc.explain(settings), EXIT_UNREACHABLE)
    if not loads:
        click.echo("No loads recorded" + (" since then." if since else "."))
    for load in loads:
        counts = load["counts"]
        what = ", ".join(load["sources"]) or "no source"
        click.echo(
            f"{load['at']}  {load['by']}  {what}: "
            + (
                f"first load, {load['interactions']} interactions"
                if load["first"]
                else f"{counts['added']} added, {counts['removed']} removed, "
                f"{counts['changed']} changed"
            )
        )
        for change in load["changes"]:
            click.echo(
                f"  {change['change']:<8} {change['kind']:<12} {change['id']}"
                f"  ({', '.join(change['sources'])})"
            )
