"""The commands about dataset files: validate, merge-check, export and synth."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from actorgraph.cli.output import (
    EXIT_INVALID,
    EXIT_UNREACHABLE,
    console,
    fail,
    print_validation,
    sources_option,
    strict_option,
    validation_progress,
)
from actorgraph.exports import FORMATS
from actorgraph.settings import Settings, get_settings
from loader import MIN_SYNTH_ACTORS

if TYPE_CHECKING:
    from loader.validation import ValidationReport


@click.command()
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
    with validation_progress() as progress:
        report = validate_paths(targets, sources_dir=sources_dir, strict=strict, progress=progress)
    note = None
    if graph:
        report, note = with_loaded_sources(settings, targets, report, sources_dir, strict)
    print_validation(report)
    if note and not report.ok:
        console.print(f"Note: {note}", soft_wrap=True)
    if not report.ok:
        fail(f"{report.error_count} error(s); nothing is valid until all are fixed.", EXIT_INVALID)
    files = len(report.files)
    click.echo(f"Valid: {files} file(s), {report.unverified_quotes} unverified quote(s).")
    for draft in (f.path for f in report.files if f.draft):
        console.print(
            f"Note: {draft} is a draft: `load` refuses it until a person has reviewed it "
            "and removed `draft: true`.",
            soft_wrap=True,
        )


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
    from loader.load import LoadError, validate_for_load

    try:
        with connect(settings) as driver:
            plan = validate_for_load(
                driver,
                targets,
                database=settings.neo4j_database,
                sources_dir=sources_dir,
                strict=strict,
                given=given,
            )
    except DatabaseError as exc:
        return given, f"ids were looked up in the given files only. {exc.explain(settings)}"
    except LoadError as exc:
        return given, f"ids were looked up in the given files only: {exc}"
    plan.close()  # the report's issues are all this command needs of it
    return plan.report, None


@click.command("merge-check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@sources_option
def merge_check(paths: tuple[Path, ...], sources: Path | None) -> None:
    """List likely duplicates across dataset files, with the reason for each.

    Nothing merges on its own: the same id is the same actor or interaction. This flags
    what an analyst should look at: actors with different ids that share a name or alias
    (ignoring case, diacritics and punctuation), have near-identical names, or hold the
    same position in the same organization; and interactions of the same type on the same
    day with a participant in common that are not linked by same_as (not two calls whose
    parties each include one the other lacks: those are two calls).

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
        fail(f"{report.error_count} validation error(s); fix them first.", EXIT_INVALID)
    candidates = find_candidates(report)
    for candidate in candidates:
        click.echo(str(candidate))
    if candidates:
        fail(f"{len(candidates)} unresolved candidate(s).", EXIT_INVALID)
    click.echo(f"No likely duplicates in {len(report.files)} file(s).")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="graphml",
    show_default=True,
    help="graphml opens in Gephi; csv is one line per participation; json is {nodes, edges}; "
    "gexf is the actor-to-actor contact network, whose dates play on Gephi's timeline; ftm is "
    "FollowTheMoney entities, a JSON object a line.",
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Keep interactions from this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Keep interactions to this day.")
@click.option("--actor", help="Keep the interactions this actor had a role in (an id).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output). It is written beside FILE and takes its "
    "name at the end, so a failed export leaves no half file.",
)
def export(fmt: str, since: Any, until: Any, actor: str | None, output: Path | None) -> None:
    """Export the live graph: actors and interactions as nodes, participations as edges;
    or, as GEXF, the actor-to-actor contact network with its dates.

    Written as Neo4j sends the rows, so a graph of any size exports in little memory
    (GEXF builds the contact network in memory first: it is far smaller).

    \b
    Examples:
      actorgraph export --format graphml -o actorgraph.graphml    then open it in Gephi
      actorgraph export --format gexf -o contacts.gexf            Gephi's timeline plays it
      actorgraph export --format ftm -o actorgraph.ftm.json       for Aleph, yente
      actorgraph export --format csv --actor vladimir-putin --since 2022-03-01
    """
    from actorgraph.database import DatabaseError, connect
    from actorgraph.export_stream import render
    from actorgraph.exports import SOURCE_QUERY, writer_for
    from actorgraph.ftm_export import FtmMissing
    from actorgraph.queries import canned, read_transaction

    settings = get_settings()
    try:
        writer = writer_for(fmt)
    except FtmMissing as exc:
        fail(str(exc))
    try:
        with connect(settings) as driver, read_transaction(driver, settings.neo4j_database) as tx:
            rows = canned(SOURCE_QUERY[fmt]).rows(
                tx,
                actor=actor,
                since=since.date().isoformat() if since else None,
                until=until.date().isoformat() if until else None,
            )
            with written_as_a_whole(output) as out:
                for chunk in render(writer, rows):
                    out.write(chunk)
    except DatabaseError as exc:
        fail(exc.explain(settings), EXIT_UNREACHABLE)
    if output:
        what = {"contact_network": "contacts", "ftm": "interactions"}.get(
            SOURCE_QUERY[fmt], "participations"
        )
        console.print(f"Wrote {rows.read} {what} to {output}.")


@contextmanager
def written_as_a_whole(output: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file beside `output` that takes its name once the block ends
    well: an export that fails leaves no half file (and an older file stays as it was)."""
    if output is None:
        yield sys.stdout
        return
    partial = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            yield out
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)


@click.command()
@click.option(
    "--actors",
    default=1000,
    show_default=True,
    type=click.IntRange(min=MIN_SYNTH_ACTORS),
    help=f"At least {MIN_SYNTH_ACTORS}: a negotiation may seat six people.",
)
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
