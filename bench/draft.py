"""The drafter against its references: scores and time, for the seed and our own texts.

    python -m bench.draft

Drafts each text with an empty graph (as `actorgraph draft --no-graph` does, checks
included) and scores the draft against its reference (`actorgraph draft-score`). The seed
is drafted when its text is in the sources folder (ACTORGRAPH_SOURCES); the three texts of
tests/fixtures/draft/ always are. Prints a Markdown table; the time is the draft's alone.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from actorgraph.settings import get_settings
from loader.drafting.draft_file import draft_text, source_record, write_draft
from loader.drafting.known import Known
from loader.drafting.score import Score, score_files
from loader.drafting.vetting import vet

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "draft"


def cases() -> list[tuple[str, Path, Path, dt.date]]:
    """(name, text, reference, dateline) of every text there is a reference for."""
    found = []
    seed_text = get_settings().actorgraph_sources / "cameron-2022-03-21.txt"
    if seed_text.is_file():
        found.append(("seed", seed_text, ROOT / "data" / "cameron-2022-03-21.yaml",
                      dt.date(2022, 3, 21)))  # fmt: skip
    for text in sorted(FIXTURES.glob("*.txt")):
        day = dt.date.fromisoformat("-".join(text.stem.rsplit("-", 3)[-3:]))
        found.append((text.stem, text, text.with_suffix(".yaml"), day))
    return found


def drafted(text: Path, day: dt.date, out: Path) -> float:
    """Seconds to draft `text` (and check the draft), written to `out`."""
    began = time.perf_counter()
    raw = text.read_text()
    made = draft_text(raw, source=source_record(f"draft-{day}", day, text.name), known=Known())
    made, _ = vet(made, raw, dateline=day, known_actors=[])
    seconds = time.perf_counter() - began
    write_draft(made, out)
    return seconds


def row(name: str, result: Score, seconds: float) -> str:
    def three(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}"

    i, a = result.interactions, result.actors
    return (
        f"| {name} | {i.matched}/{i.drafted}/{i.reference} | {three(i.precision)} | "
        f"{three(i.recall)} | {three(i.f1)} | {three(a.precision)} | {three(a.recall)} | "
        f"{three(result.date_share)} | {seconds:.1f} s |"
    )


def main() -> None:
    print("| text | interactions matched/drafted/reference | P | R | F1 | actors P | "
          "actors R | dates right | draft time |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, text, reference, day in cases():
            out = Path(folder) / f"{name}.yaml"
            seconds = drafted(text, day, out)
            print(row(name, score_files(out, reference), seconds))


if __name__ == "__main__":
    main()
