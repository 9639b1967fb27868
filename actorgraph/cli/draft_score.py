"""`actorgraph draft-score`: how close a draft comes to a hand-made reference file."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from actorgraph.cli.output import fail

if TYPE_CHECKING:
    from loader.drafting.score import Metrics, Score


@click.command("draft-score")
@click.argument("draft", type=click.Path(path_type=Path))
@click.argument("reference", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON instead.")
def draft_score(draft: Path, reference: Path, as_json: bool) -> None:
    """Score the data file DRAFT against the hand-made data file REFERENCE.

    Prints precision, recall and F1 for interactions and for actors, the share of matched
    interactions whose date is right, and then what the draft missed and what it added.

    \b
    Example:
      actorgraph draft-score drafts/new-report.yaml data/new-report.yaml
      actorgraph draft-score --json drafts/new-report.yaml data/new-report.yaml

    Actors match by id. A drafted interaction matches a reference interaction when their
    types are of one family (contact: consultation, call, visit, meeting,
    multilateral_meeting; talks: negotiation, mediation; public: address, announcement,
    rally; formal: agreement, recognition, application; investigation), one actor has in
    both a role that took part, and their dates overlap, an open bound being open. An
    undated record does not block a match, but its date then counts as wrong unless both
    are undated. Each record matches at most one of the other file: the largest such
    assignment is taken, preferring the same type, then the same date. A date is right when
    precision and both bounds are equal. data/README.md, "Scoring a draft", has the rules.

    Exit 0 when both files were scored, 1 when a file is missing or is not a data file.
    """
    from loader.drafting.score import ScoreError, score_files

    try:
        result = score_files(draft, reference)
    except ScoreError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(asdict(result), indent=2))
    else:
        print_score(Console(highlight=False), result)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _row(name: str, m: Metrics) -> list[str]:
    return [
        name,
        str(m.drafted),
        str(m.reference),
        str(m.matched),
        _share(m.precision),
        _share(m.recall),
        _share(m.f1),
    ]


def print_score(out: Console, result: Score) -> None:
    table = Table("", "drafted", "reference", "matched", "precision", "recall", "F1")
    for column in table.columns[1:]:
        column.justify = "right"
    table.add_row(*_row("interactions", result.interactions))
    table.add_row(*_row("actors", result.actors))
    out.print(table)
    right = sum(pair.date_right for pair in result.pairs)
    out.print(
        f"Dates right: {_share(result.date_share)} "
        f"({right} of {len(result.pairs)} matched interactions)"
    )
    wrong_dates = [f"{p.draft} (reference {p.reference})" for p in result.pairs if not p.date_right]
    for title, ids in (
        ("Missed interactions (in the reference, not drafted)", result.missed_interactions),
        ("Extra interactions (drafted, not in the reference)", result.extra_interactions),
        ("Matched with a wrong date", wrong_dates),
        ("Missed actors", result.missed_actors),
        ("Extra actors", result.extra_actors),
    ):
        if ids:
            out.print(f"\n{title}:", markup=False)
            for line in ids:
                out.print(f"  {line}", markup=False, soft_wrap=True)
