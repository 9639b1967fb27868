"""What every command shares: one console on stderr, one way to fail, the common options."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from loader.validation import FileProgress, ValidationReport

console = Console(stderr=True, highlight=False)

EXIT_INVALID = 1
EXIT_UNREACHABLE = 2
EXIT_BUSY = 2  # another load holds the lock: like an unreachable server, worth a retry


def fail(message: str, code: int = 1) -> NoReturn:
    console.print(f"[bold red]Error:[/] {message}", soft_wrap=True)
    sys.exit(code)


def progress_bars(
    label: str, unit: str = "", *, transient: bool = False, disable: bool = False
) -> Progress:
    """Bars with the count done, the time taken and the time left: a load of millions of
    interactions runs for an hour or more, and its user wants to know when to come back."""
    columns: list[ProgressColumn | str] = [TextColumn(label), BarColumn(), MofNCompleteColumn()]
    if unit:
        columns.append(TextColumn(unit))
    # Both times named: a bare "0:00:10 left 0:00:00" read as ten seconds left.
    columns += [
        TextColumn("elapsed"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    ]
    return Progress(*columns, console=console, transient=transient, disable=disable)


@contextmanager
def validation_progress() -> Iterator[FileProgress]:
    """A bar per pass of validation, on a terminal only: a large dataset takes minutes."""
    bars = progress_bars(
        "validating: {task.description:<17}",
        "files",
        transient=True,
        disable=not console.is_terminal,
    )
    tasks: dict[str, TaskID] = {}

    def advance(step: str, done: int, total: int) -> None:
        if step not in tasks:
            tasks[step] = bars.add_task(step, total=total)
        bars.update(tasks[step], completed=done)

    with bars:
        yield advance


def print_validation(report: ValidationReport) -> None:
    for warning in report.warnings:
        console.print(f"[yellow]Warning:[/] {warning}", soft_wrap=True)
    for error in report.errors:
        console.print(f"[red]Error:[/] {error}", soft_wrap=True)
    for count, kind in ((report.warnings_not_kept, "warning"), (report.errors_not_kept, "error")):
        if count:
            console.print(
                f"… and {count:,} more {kind}(s), not shown: fix the first ones (often one "
                "missing file or id causes them all) and validate again.",
                soft_wrap=True,
            )


strict_option = click.option(
    "--strict", is_flag=True, help="A missing source text is an error, not a warning."
)
sources_option = click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of source texts (default: ACTORGRAPH_SOURCES).",
)
