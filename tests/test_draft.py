"""`actorgraph draft`: a proposal that validates, quotes the text verbatim, leaves an undated
contact undated, refuses bad input in one line, and, once reviewed, loads as a new source."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from child_env import run_actorgraph
from neo4j import Driver

from actorgraph.settings import Settings
from loader.drafting.draft_file import draft_text, source_record
from loader.drafting.known import Known
from loader.merge_check import find_candidates
from loader.source_text import SourceText
from loader.validation import validate_paths

FIXTURES = Path(__file__).parent / "fixtures" / "draft"
TEXTS = sorted(FIXTURES.glob("*.txt"))


def dateline(text: Path) -> str:
    """A fixture's date, from its name: report-2022-07-23.txt -> 2022-07-23."""
    return "-".join(text.stem.rsplit("-", 3)[-3:])


def drafted(text: Path) -> dict[str, Any]:
    day = dt.date.fromisoformat(dateline(text))
    source = source_record(f"draft-{text.stem}", day, text.name)
    return draft_text(text.read_text(), source=source, known=Known())


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for text in TEXTS:
        shutil.copy(text, folder)
    return folder


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_a_draft_of_each_fixture_text_validates_and_says_it_is_a_draft(
    text: Path, sources: Path, tmp_path: Path, test_settings: Settings
) -> None:
    out = tmp_path / f"draft-{text.stem}.yaml"
    done = run_actorgraph(
        test_settings, sources, "draft", text, "--source-id", f"draft-{text.stem}",
        "--date", dateline(text), "--no-graph", "-o", out,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(out.read_text())
    assert data["draft"] is True
    assert data["interactions"], "every fixture reports contacts"
    report = validate_paths([out], sources_dir=sources, strict=True)
    assert report.ok, report.errors


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_every_drafted_quote_is_in_the_text(text: Path) -> None:
    found = SourceText(text.read_text())
    draft = drafted(text)
    records = [r for key in ("actors", "places", "interactions") for r in draft[key]]
    quotes = [e["quote"] for r in records for e in r.get("evidence", [])]
    assert quotes
    assert [q for q in quotes if q not in found] == []


def test_a_contact_the_text_does_not_date_stays_undated(tmp_path: Path) -> None:
    text = tmp_path / "note-2022-07-10.txt"
    text.write_text(
        "French President Emmanuel Macron spoke with German Chancellor Olaf Scholz about "
        "energy. On Friday, Macron called Scholz again.\n"
    )
    dates = [(i["type"], i["date"]["precision"], str(i["date"]["earliest"]))
             for i in drafted(text)["interactions"]]  # fmt: skip
    assert dates == [("consultation", "unknown", "None"), ("call", "day", "2022-07-08")]


def test_a_titled_person_is_proposed_with_the_state_of_the_adjective(tmp_path: Path) -> None:
    text = tmp_path / "note-2022-07-10.txt"
    text.write_text("Turkish Foreign Minister Mevlüt Çavuşoğlu met Lavrov's deputy.\n")
    draft = drafted(text)
    person = next(a for a in draft["actors"] if a["kind"] == "person")
    assert (person["id"], person["name"]) == ("mevlut-cavusoglu", "Mevlüt Çavuşoğlu")
    [position] = draft["affiliations"]
    assert (position["organization"], position["role"]) == ("turkey", "Foreign Minister")


def test_who_called_and_who_hosted_are_read_from_the_sentence(tmp_path: Path) -> None:
    text = tmp_path / "note-2022-07-10.txt"
    text.write_text(
        "French President Emmanuel Macron called Russian President Vladimir Putin on "
        "Tuesday. On Wednesday, Ukrainian President Volodymyr Zelenskyy received "
        "German Chancellor Olaf Scholz in Kyiv.\n"
    )
    roles = {i["type"]: {p["actor"]: p["role"] for p in i["participants"]}
             for i in drafted(text)["interactions"]}  # fmt: skip
    assert roles["call"] == {"emmanuel-macron": "caller", "vladimir-putin": "called"}
    assert roles["visit"] == {"volodymyr-zelenskyy": "host", "olaf-scholz": "visitor"}


def run_draft(settings: Settings, sources: Path, *args: str | Path) -> tuple[int, str]:
    done = run_actorgraph(settings, sources, "draft", *args)
    return done.returncode, done.stderr


BAD_INPUT = {
    "missing": (None, "no such file"),
    "empty": (b"  \n", "the file is empty"),
    "not-utf8": ("Çavuşoğlu".encode("latin-1", "replace") + b"\xff\xfe", "not UTF-8"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=str)
def test_a_bad_text_is_one_line_and_exit_1_with_nothing_written(
    case: str, tmp_path: Path, test_settings: Settings
) -> None:
    content, message = BAD_INPUT[case]
    text = tmp_path / "in.txt"
    if content is not None:
        text.write_bytes(content)
    out = tmp_path / "out.yaml"
    code, err = run_draft(
        test_settings, tmp_path, text, "--source-id", "x-2022-01-01", "--date", "2022-01-01",
        "--no-graph", "-o", out,
    )  # fmt: skip
    assert code == 1
    assert err.strip().startswith("Error:") and message in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists() and list(tmp_path.glob(".draft-*")) == []


def test_a_bad_date_and_an_invalid_against_file_are_refused(
    tmp_path: Path, test_settings: Settings
) -> None:
    text = TEXTS[0]
    code, err = run_draft(test_settings, tmp_path, text, "--source-id", "x", "--date", "22/7/23")
    assert code == 1 and "YYYY-MM-DD" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("source: {id: x, date: 2022-01-01, text_file: x.txt}\nactors: [{id: 1}]\n")
    code, err = run_draft(
        test_settings, tmp_path, text, "--source-id", "x", "--date", "2022-07-23",
        "--no-graph", "--against", broken,
    )  # fmt: skip
    assert code == 1 and "does not validate" in err and "broken.yaml" in err


def test_an_unreachable_model_endpoint_is_one_line(tmp_path: Path, test_settings: Settings) -> None:
    code, err = run_draft(
        test_settings, tmp_path, TEXTS[0], "--source-id", "x", "--date", "2022-07-23",
        "--no-graph", "--llm", "http://127.0.0.1:9", "--model", "m", "--timeout", "2",
    )  # fmt: skip
    assert code == 1
    assert err.strip().startswith("Error:") and "127.0.0.1:9" in err


@pytest.mark.neo4j
@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_a_reviewed_draft_loads_beside_the_seed_with_nothing_left_to_merge(
    text: Path, seeded: Driver, test_settings: Settings, tmp_path: Path, sources: Path
) -> None:
    out = tmp_path / f"draft-{text.stem}.yaml"
    code, err = run_draft(
        test_settings, sources, text, "--source-id", f"draft-{text.stem}",
        "--date", dateline(text), "-o", out,
    )  # fmt: skip
    assert code == 0, err
    draft = yaml.safe_load(out.read_text())
    # Resolved against the live graph: the seed's actors are named, not defined again.
    defined = {a["id"] for a in draft["actors"]}
    named = {p["actor"] for i in draft["interactions"] for p in i["participants"]}
    seed_actors = {"recep-tayyip-erdogan", "vladimir-putin", "emmanuel-macron", "russia",
                   "sergey-lavrov", "dmytro-kuleba"}  # fmt: skip
    assert seed_actors.isdisjoint(defined) and seed_actors & named
    out.write_text(out.read_text().replace("draft: true\n", ""))  # the review
    done = run_actorgraph(test_settings, sources, "load", out)
    assert done.returncode == 0, done.stderr
    records, _, _ = seeded.execute_query(
        "MATCH (d:Dataset {id: 'current'}) MATCH (s:Source) WHERE s.gen = d.gen "
        "RETURN collect(s.id) AS ids"
    )
    assert {"cameron-2022-03-21", f"draft-{text.stem}"} <= set(records[0]["ids"])
    # What merge-check would propose, the draft already did (known ids, same_as).
    report = validate_paths([Path("data"), out], sources_dir=sources, strict=False)
    assert find_candidates(report) == []


@pytest.mark.neo4j
def test_a_drafted_contact_that_is_a_live_one_suggests_same_as(
    seeded: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    text = tmp_path / "brief-2022-03-21.txt"
    text.write_text("On Friday, Macron called Putin and spoke with him about the talks.\n")
    out = tmp_path / "brief.yaml"
    code, err = run_draft(
        test_settings, tmp_path, text, "--source-id", "brief-2022-03-21",
        "--date", "2022-03-21", "-o", out,
    )  # fmt: skip
    assert code == 0, err
    [call] = yaml.safe_load(out.read_text())["interactions"]
    assert call["same_as"] == "call-2022-03-18-macron-putin"
    assert "same_as suggested" in call["notes"]


def test_who_arranged_a_meeting_did_not_take_part_and_a_trailing_date_dates_it(
    tmp_path: Path,
) -> None:
    text = tmp_path / "note-2022-03-21.txt"
    text.write_text(
        "Turkish President Recep Tayyip Erdogan arranged a meeting between Russian Foreign "
        "Minister Sergey Lavrov and Ukrainian Foreign Minister Dmytro Kuleba in Antalya, "
        "Turkey, on March 10. The talks will not help us, a diplomat said.\n"
    )
    draft = drafted(text)
    [meeting] = draft["interactions"]
    roles = {p["actor"]: p["role"] for p in meeting["participants"]}
    assert roles == {"recep-tayyip-erdogan": "arranger", "sergey-lavrov": "participant",
                     "dmytro-kuleba": "participant"}  # fmt: skip
    assert (meeting["date"]["earliest"], meeting["place"]) == ("2022-03-10", "antalya")
    assert "united-states" not in {a["id"] for a in draft["actors"]}  # "us" is nobody
