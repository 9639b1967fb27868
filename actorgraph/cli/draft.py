"""`actorgraph draft`: a data file proposed from a new article, for a curator to review."""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from actorgraph.cli.output import console, fail, sources_option
from actorgraph.settings import Settings, get_settings

if TYPE_CHECKING:
    from neo4j import Driver

    from loader.drafting.known import Known

DEFAULT_LLM_TIMEOUT = 120.0


@click.command()
@click.argument("text_file", type=click.Path(path_type=Path))
@click.option("--source-id", required=True, help="The new source's id, e.g. 'smith-2022-07-23'.")
@click.option("--date", "dateline", required=True, help="Its publication date, YYYY-MM-DD: "
              "relative dates ('last Tuesday') are resolved against it.")  # fmt: skip
@click.option("--title", help="Its headline.")
@click.option("--author", help="Its author.")
@click.option("--url", help="Where it was published.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the draft here (default: standard output).")  # fmt: skip
@click.option("--against", multiple=True, type=click.Path(path_type=Path),
              help="Dataset files (or folders) whose actors, places and interactions the "
              "draft resolves to; may be repeated.")  # fmt: skip
@click.option("--graph/--no-graph", default=True, show_default=True,
              help="Also resolve against the live graph, when Neo4j is reachable.")  # fmt: skip
@click.option("--llm", "llm_url", metavar="URL", help="Ask an OpenAI-compatible chat endpoint "
              "(llama.cpp server, Ollama, vLLM) instead of the rules.")  # fmt: skip
@click.option("--model", help="The model to ask, with --llm.")
@click.option("--timeout", type=float, default=DEFAULT_LLM_TIMEOUT, show_default=True,
              help="Seconds to wait for the --llm endpoint.")  # fmt: skip
@sources_option
def draft(text_file: Path, source_id: str, dateline: str, title: str | None,
          author: str | None, url: str | None, output: Path | None, against: tuple[Path, ...],
          graph: bool, llm_url: str | None, model: str | None, timeout: float,
          sources: Path | None) -> None:  # fmt: skip
    """Draft a data file from a new article: the curator reviews instead of typing.

    Reads TEXT_FILE and writes a data file in our format with `draft: true` at its top:
    actors (resolved to known ones, or proposed from titled mentions, states and
    organizations), places, and interactions from the sentences with a cue (a call, a
    meeting, talks, a visit...), each with the sentence's clause as a verbatim quote. A
    date the text does not give stays unknown. `validate` accepts the file; `load`
    refuses it until a person has checked every record and removed `draft: true`.

    \b
    Examples:
      actorgraph draft report.txt --source-id smith-2022-07-23 --date 2022-07-23 -o d.yaml
      actorgraph draft report.txt --source-id x-2022-07-23 --date 2022-07-23 \\
          --against data/ --no-graph          resolve against files, not the graph
      actorgraph draft report.txt --source-id x-2022-07-23 --date 2022-07-23 \\
          --llm http://127.0.0.1:8080 --model qwen2.5   ask a local model instead
    Then copy the text into your sources folder, review, and `actorgraph validate`.
    """
    from loader.drafting import DraftError

    try:
        import loader.drafting.draft_file  # noqa: F401  (spaCy and friends, the extra)
    except ImportError as exc:
        fail(f"drafting needs {exc.name}, which is not installed: pip install 'actorgraph[draft]'")
    try:
        _draft(text_file, source_id, _day(dateline), title, author, url, output, against,
               graph, llm_url, model, timeout, sources)  # fmt: skip
    except DraftError as exc:
        fail(str(exc))


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--date {text!r} is not a date; write it YYYY-MM-DD, e.g. 2022-03-21")


def _draft(text_file: Path, source_id: str, day: dt.date, title: str | None,
           author: str | None, url: str | None, output: Path | None, against: tuple[Path, ...],
           graph: bool, llm_url: str | None, model: str | None, timeout: float,
           sources: Path | None) -> None:  # fmt: skip
    from loader.drafting.draft_file import source_record, write_draft
    from loader.drafting.known import suggest_same_events

    settings = get_settings()
    raw = read_text(text_file)
    with ExitStack() as stack:
        driver = _live_graph(settings, stack) if graph else None
        known = _known(settings, against, sources, driver)
        source = source_record(source_id, day, text_file.name, title=title, author=author, url=url)
        made, dropped = _records(raw, source, known, llm_url, model, timeout)
        days = [i["date"]["earliest"] for i in made["interactions"]
                if i["date"].get("precision") == "day"]  # fmt: skip
        if driver is not None and days:
            known.add(_graph_interactions(settings, driver, days))
    suggest_same_events(made["interactions"], known)
    body = write_draft(made, output)
    for line in dropped:
        console.print(f"[yellow]Dropped:[/] {escape(line)}", soft_wrap=True)
    if output is None:
        click.echo(body, nl=False)
    counts = ", ".join(f"{len(made[k])} {k}" for k in ("actors", "places", "interactions"))
    console.print(f"Drafted {counts} from {text_file}" + (f" into {output}" if output else ""))


def read_text(path: Path) -> str:
    """The article's text, or a DraftError that says what is wrong with the file."""
    from loader.drafting import DraftError

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except OSError as exc:
        raise DraftError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(
            f"{path}: not UTF-8 text (byte {exc.start}); convert it, e.g. "
            f"`iconv -f latin1 -t utf-8 {path}`"
        ) from None
    if not text.strip():
        raise DraftError(f"{path}: the file is empty; there is nothing to draft from")
    return text


def _live_graph(settings: Settings, stack: ExitStack) -> Driver | None:
    """One driver for the whole draft, or None (with a note) when Neo4j does not answer."""
    from actorgraph.database import DatabaseError, connect

    try:
        return stack.enter_context(connect(settings))
    except DatabaseError as exc:
        console.print(
            "Note: drafting without the live graph's actors. " + exc.explain(settings),
            soft_wrap=True,
        )
        return None


def _known(
    settings: Settings, against: tuple[Path, ...], sources: Path | None, driver: Driver | None
) -> Known:
    from actorgraph.database import DatabaseError
    from loader.drafting.known import Known, from_files, from_graph

    known = Known()
    if against:
        known.add(from_files(against, sources or settings.actorgraph_sources))
    if driver is not None:
        try:
            known.add(from_graph(driver, settings.neo4j_database))
        except DatabaseError as exc:
            console.print(
                "Note: drafting without the live graph's actors. " + exc.explain(settings),
                soft_wrap=True,
            )
    return known


def _graph_interactions(settings: Settings, driver: Driver, days: list[Any]) -> Known:
    from actorgraph.database import DatabaseError
    from loader.drafting.known import Known, graph_interactions

    try:
        return graph_interactions(driver, settings.neo4j_database, days)
    except DatabaseError:
        return Known()  # the server went away after the actors were read: no suggestions


def _records(raw: str, source: dict[str, Any], known: Known, llm_url: str | None,
             model: str | None, timeout: float) -> tuple[dict[str, Any], list[str]]:  # fmt: skip
    """The draft's records and a line for each thing the checks dropped."""
    from loader.drafting.draft_file import draft_text
    from loader.drafting.vetting import vet

    if llm_url is None:
        # The rules quote the text by construction; the checks are their safety net.
        made = draft_text(raw, source=source, known=known)
        return vet(made, raw, dateline=source["date"], known_actors=known.actors)
    from loader.drafting import DraftError
    from loader.drafting.llm import draft_with_llm

    if not model:
        raise DraftError("--llm needs --model NAME, the model the endpoint serves")
    return draft_with_llm(
        raw, source=source, url=llm_url, model=model, timeout=timeout, known_actors=known.actors
    )
