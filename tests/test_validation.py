"""The validator on small malformed datasets, and on the seed dataset.

Most cases start from one small valid dataset (``valid_dataset``) and break
exactly one thing, so that each test pins the one error that thing causes.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from actorgraph.settings import Settings
from loader.quotes import first_words
from loader.validation import DEFAULT_LIMITS, Issue, Limits, ValidationReport, validate_paths
from loader.vocabulary import role_table_markdown, type_table_markdown

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
TINY_TEXT = FIXTURES / "tiny-source.txt"
CALL = "call-2022-02-24-alice-bob"


def valid_dataset() -> dict[str, Any]:
    return {
        "source": {
            "id": "tiny-source",
            "title": "Tiny source",
            "author": "A. Writer",
            "date": "2022-02-25",
            "publisher": None,
            "text_file": "tiny-source.txt",
        },
        "actors": [
            {"id": "alice", "kind": "person", "name": "Alice Example", "aliases": ["Alice"]},
            {"id": "bob", "kind": "person", "name": "Bob Sample"},
            {"id": "carol", "kind": "person", "name": "Carol"},
            {"id": "ruritania", "kind": "state", "name": "Ruritania"},
        ],
        "places": [
            {
                "id": "capital-city",
                "name": "Capital City",
                "kind": "city",
                "state": "ruritania",
                "evidence": [{"quote": "in Capital City"}],
            },
        ],
        "affiliations": [],
        "memberships": [],
        "interactions": [
            {
                "id": CALL,
                "type": "call",
                "status": "held",
                "date": {"precision": "day", "earliest": "2022-02-24", "latest": "2022-02-24"},
                "duration": {"minutes": 60, "approx": False},
                "occurrences": None,
                "place": None,
                "medium": "phone",
                "participants": [
                    {"actor": "alice", "role": "caller"},
                    {"actor": "bob", "role": "called"},
                ],
                # Spans the stray line break of the source text.
                "evidence": [
                    {"quote": "Alice Example called Bob Sample"},
                    {"quote": "They spoke for an hour"},
                ],
            }
        ],
        "statements": [
            {
                "id": "carol-agrees",
                "speaker": "carol",
                "date": {"precision": "unknown"},
                "interaction": CALL,
                "quote": "We agree.",
                "evidence": [{"quote": "Carol said,"}],
            }
        ],
    }


def write(folder: Path, data: Any, name: str = "data.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "tiny-source.txt").write_text(TINY_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def check(
    tmp_path: Path,
    sources: Path,
    data: Any,
    *,
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> ValidationReport:
    return validate_paths(
        [write(tmp_path, data)], sources_dir=sources, strict=strict, limits=limits
    )


def only_error(report: ValidationReport) -> Issue:
    assert len(report.errors) == 1, [str(e) for e in report.errors]
    return report.errors[0]


# ------------------------------------------------------------- valid input


def test_valid_dataset_has_no_errors_or_warnings(tmp_path: Path, sources: Path) -> None:
    report = check(tmp_path, sources, valid_dataset())
    assert report.ok, [str(e) for e in report.errors]
    assert report.warnings == []
    assert report.unverified_quotes == 0
    assert len(report.files) == 1
    assert report.files[0].read().interactions[0].id == CALL


def test_offsets_point_into_the_raw_text_across_a_stray_line_break(
    tmp_path: Path, sources: Path
) -> None:
    report = check(tmp_path, sources, valid_dataset())
    raw = TINY_TEXT.read_text(encoding="utf-8")
    start, end = report.offsets[("tiny-source", "They spoke for an hour")]
    assert raw[start:end] == "They spoke for\n\nan hour"


def test_issue_string_names_file_record_field_and_message() -> None:
    issue = Issue("data/x.yaml", "call-1", "participants[1].role", "unknown role 'x'")
    assert str(issue) == "data/x.yaml: call-1: participants[1].role: unknown role 'x'"


# ------------------------------------------------------- references and ids


def test_unknown_actor_reference_names_file_record_and_field(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["participants"][1]["actor"] = "bbo"
    err = only_error(check(tmp_path, sources, data))
    assert err.file == str(tmp_path / "data.yaml")
    assert (err.record, err.field) == (CALL, "participants[1].actor")
    assert "unknown actor 'bbo'" in err.message
    assert "define it under actors:" in err.message
    assert "did you mean 'bob'" in err.message


def test_duplicate_id_is_an_error_even_across_kinds(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["statements"][0]["id"] = "alice"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("alice", "id")
    assert "duplicate id" in err.message and "actors[0]" in err.message


def test_unknown_place_reference_is_reported(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["place"] = "capitol-city"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "place")
    assert "unknown place 'capitol-city'" in err.message
    assert "did you mean 'capital-city'" in err.message


def test_place_whose_state_is_not_a_state_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["places"][0]["state"] = "alice"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("capital-city", "state")
    assert "'alice' is a person" in err.message and "state" in err.message


def test_second_file_may_reference_actors_defined_in_the_first(
    tmp_path: Path, sources: Path
) -> None:
    second = {
        "source": {
            "id": "tiny-source-2",
            "title": "Second",
            "date": "2022-02-26",
            "text_file": "tiny-source.txt",
        },
        "interactions": [
            {
                "id": "call-2022-02-24-alice-bob-again",
                "type": "call",
                "status": "held",
                "medium": "phone",
                "date": {"precision": "day", "earliest": "2022-02-24", "latest": "2022-02-24"},
                "participants": [
                    {"actor": "alice", "role": "caller"},
                    {"actor": "bob", "role": "called"},
                ],
                "same_as": CALL,
                "evidence": [{"quote": "Alice Example called Bob Sample"}],
            }
        ],
    }
    first_path = write(tmp_path, valid_dataset(), "a.yaml")
    second_path = write(tmp_path, second, "b.yaml")
    together = validate_paths([first_path, second_path], sources_dir=sources, strict=True)
    assert together.ok, [str(e) for e in together.errors]
    alone = validate_paths([second_path], sources_dir=sources, strict=True)
    assert {(e.record, e.field) for e in alone.errors} == {
        ("call-2022-02-24-alice-bob-again", "participants[0].actor"),
        ("call-2022-02-24-alice-bob-again", "participants[1].actor"),
        ("call-2022-02-24-alice-bob-again", "same_as"),
    }


def test_a_directory_means_every_yaml_file_in_it(tmp_path: Path, sources: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder, valid_dataset(), "seed.yml")
    broken = valid_dataset()
    broken["source"]["id"] = "other-source"
    broken["actors"][0]["kind"] = "state"
    write(folder, broken, "z.yaml")
    report = validate_paths([folder], sources_dir=sources, strict=True)
    assert [lf.path.name for lf in report.files] == ["seed.yml", "z.yaml"]
    # The same id in two sources is the same actor, so the kinds must agree.
    assert any(e.record == "alice" and e.field == "kind" for e in report.errors)


def test_evidence_from_an_unknown_source_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["evidence"][0]["source"] = "tiny-sorce"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "evidence[0].source")
    assert "unknown source 'tiny-sorce'" in err.message


def test_text_file_must_not_leave_the_sources_folder(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["source"]["text_file"] = "../secrets.txt"
    report = check(tmp_path, sources, data, strict=False)
    assert any(
        e.record == "source" and e.field == "text_file" and "plain file name" in e.message
        for e in report.errors
    )


# ------------------------------------------------------------- vocabulary


def test_bad_role_is_rejected_with_a_suggestion(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["participants"][1]["role"] = "requestor"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "participants[1].role")
    assert "unknown role 'requestor'" in err.message
    assert "did you mean 'requester'" in err.message


def test_bad_interaction_type_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["type"] = "phonecall"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "type")
    assert "unknown interaction type 'phonecall'" in err.message and "consultation" in err.message


def test_bad_status_lists_the_allowed_values(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["status"] = "happened"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "status")
    assert "'held'" in err.message and "'happened'" in err.message


def test_held_interaction_needs_a_participant_who_took_part(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["participants"] = [{"actor": "alice", "role": "requester"}]
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "participants")
    assert "took part" in err.message


def test_realized_by_is_only_for_planned_or_proposed(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    plan = copy.deepcopy(data["interactions"][0])
    plan["id"] = "call-planned"
    plan["realized_by"] = CALL
    data["interactions"].append(plan)
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("call-planned", "realized_by")
    assert "'held'" in err.message


# ------------------------------------------------------------------ dates


def test_impossible_calendar_date_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["date"] = {
        "precision": "day",
        "earliest": "2022-02-30",
        "latest": "2022-02-30",
    }
    report = check(tmp_path, sources, data)
    assert {(e.record, e.field) for e in report.errors} == {
        (CALL, "date.earliest"),
        (CALL, "date.latest"),
    }
    assert all("'2022-02-30' is not a real calendar date" in e.message for e in report.errors)


def test_earliest_after_latest_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["date"] = {
        "precision": "between",
        "earliest": "2022-02-24",
        "latest": "2022-02-20",
    }
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "date")
    assert "earliest 2022-02-24 is after latest 2022-02-20" in err.message


def test_day_precision_needs_equal_bounds(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["date"] = {
        "precision": "day",
        "earliest": "2022-02-20",
        "latest": "2022-02-24",
    }
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "date")
    assert "precision day" in err.message and "between" in err.message


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (
            {"precision": "month", "earliest": "2015-02-01", "latest": "2015-02-27"},
            "precision month",
        ),
        ({"precision": "year", "earliest": "2015-01-01", "latest": "2016-12-31"}, "precision year"),
        ({"precision": "unknown", "earliest": "2022-02-24"}, "precision unknown"),
        ({"precision": "between"}, "at least one bound"),
    ],
)
def test_date_bounds_must_fit_the_precision(
    tmp_path: Path, sources: Path, date: dict[str, str], words: str
) -> None:
    data = valid_dataset()
    data["statements"][0]["date"] = date
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("carol-agrees", "date")
    assert words in err.message


def test_held_interaction_cannot_postdate_its_source(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["date"] = {
        "precision": "day",
        "earliest": "2022-03-01",
        "latest": "2022-03-01",
    }
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "date.earliest")


# ------------------------------------------------------------------ schema


def test_typo_in_a_field_name_is_an_error(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["notez"] = "the call was short"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "notez")
    assert "unknown field 'notez'" in err.message and "did you mean 'notes'" in err.message


def test_string_for_duration_minutes_is_a_type_error(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["duration"]["minutes"] = "ninety"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "duration.minutes")
    assert "expected a whole number" in err.message and "'ninety'" in err.message


@pytest.mark.parametrize("value", ["many", 0, 2.5])
def test_invalid_occurrences_is_one_clear_error(
    tmp_path: Path, sources: Path, value: object
) -> None:
    data = valid_dataset()
    data["interactions"][0]["occurrences"] = value
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "occurrences")
    assert "'several'" in err.message


def test_bad_slug_id_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["actors"][0]["id"] = "Alice_Example"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("Alice_Example", "id")
    assert "not a valid id" in err.message and "lowercase" in err.message


def test_statement_without_speaker_needs_affiliation_and_description(
    tmp_path: Path, sources: Path
) -> None:
    data = valid_dataset()
    data["statements"][0]["speaker"] = None
    report = check(tmp_path, sources, data)
    assert {(e.record, e.field) for e in report.errors} == {
        ("carol-agrees", "speaker_affiliation"),
        ("carol-agrees", "speaker_description"),
    }


def test_anonymous_speaker_with_affiliation_is_valid(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["statements"][0].update(
        speaker=None, speaker_description="an official", speaker_affiliation="ruritania"
    )
    assert check(tmp_path, sources, data).ok


def test_interaction_without_evidence_is_rejected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["evidence"] = []
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "evidence")
    assert "at least one evidence item" in err.message


def test_all_schema_errors_of_a_file_are_collected(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["actors"][1]["kind"] = "human"
    data["interactions"][0]["medium"] = "carrier pigeon"
    data["statements"][0]["qoute"] = "We agree."
    report = check(tmp_path, sources, data)
    assert {(e.record, e.field) for e in report.errors} == {
        ("bob", "kind"),
        (CALL, "medium"),
        ("carol-agrees", "qoute"),
    }


def test_file_with_three_errors_reports_all_three(sources: Path) -> None:
    report = validate_paths([FIXTURES / "three_errors.yaml"], sources_dir=sources, strict=True)
    assert len(report.errors) == 3, [str(e) for e in report.errors]
    assert {(e.record, e.field) for e in report.errors} == {
        (CALL, "date"),
        (CALL, "place"),
        (CALL, "participants[1].role"),
    }


# ------------------------------------------------------------------ quotes


def test_quote_not_in_source_is_an_error(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["interactions"][0]["evidence"][0]["quote"] = "Alice Example phoned Bob Sample"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (CALL, "evidence[0].quote")
    assert "quote not found" in err.message and "tiny-source.txt" in err.message
    assert "Alice Example" in err.message  # the part that does match, to help the fix


def test_typographic_quote_marks_are_not_folded(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["statements"][0]["evidence"][0]["quote"] = "Carol said, “We agree.”"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("carol-agrees", "evidence[0].quote")


def test_missing_source_text_is_a_warning_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path, valid_dataset())
    empty_sources = tmp_path / "no-texts"
    empty_sources.mkdir()
    lenient = validate_paths([path], sources_dir=empty_sources, strict=False)
    assert lenient.ok
    # 1 place quote + 2 interaction quotes + statement evidence and quote.
    assert lenient.unverified_quotes == 5
    (warning,) = lenient.warnings
    assert (warning.record, warning.field) == ("source", "text_file")
    assert "5 quotes unverified" in warning.message and "ACTORGRAPH_SOURCES" in warning.message
    strict = validate_paths([path], sources_dir=empty_sources, strict=True)
    (error,) = strict.errors
    assert "5 quotes unverified" in error.message


def test_no_sources_folder_leaves_all_quotes_unverified(tmp_path: Path) -> None:
    report = validate_paths([write(tmp_path, valid_dataset())], sources_dir=None, strict=False)
    assert report.ok and report.unverified_quotes == 5


def test_long_quote_gets_a_warning(tmp_path: Path, sources: Path) -> None:
    report = check(tmp_path, sources, valid_dataset(), limits=Limits(max_quote_chars=20))
    assert report.ok
    assert any(w.record == CALL and w.field == "evidence[0].quote" for w in report.warnings)
    assert any("keep evidence short (under 20)" in w.message for w in report.warnings)


def test_quotes_covering_much_of_a_long_text_get_a_warning(tmp_path: Path, sources: Path) -> None:
    limits = Limits(max_coverage=0.01, min_text_for_coverage=10)
    report = check(tmp_path, sources, valid_dataset(), limits=limits)
    assert report.ok
    (warning,) = [w for w in report.warnings if w.record == "source"]
    assert warning.field == "text_file" and "of the source text" in warning.message
    # A text shorter than the exemption is never warned about, however much is quoted.
    exempt = Limits(max_coverage=0.01, min_text_for_coverage=10**6)
    assert check(tmp_path, sources, valid_dataset(), limits=exempt).warnings == []


# --------------------------------------------------------- file-level input


def test_empty_file_is_an_error(sources: Path) -> None:
    err = only_error(validate_paths([FIXTURES / "empty.yaml"], sources_dir=sources, strict=True))
    assert err.record == "(file)" and "file is empty" in err.message


def test_non_mapping_top_level_is_an_error(sources: Path) -> None:
    report = validate_paths([FIXTURES / "top_level_list.yaml"], sources_dir=sources, strict=True)
    err = only_error(report)
    assert err.file.endswith("top_level_list.yaml")
    assert "top level is a list" in err.message and "mapping" in err.message


def test_yaml_alias_bomb_is_refused(sources: Path) -> None:
    err = only_error(
        validate_paths([FIXTURES / "alias_bomb.yaml"], sources_dir=sources, strict=True)
    )
    assert "anchors and aliases" in err.message and "line 4" in err.message


def test_invalid_utf8_is_an_error(tmp_path: Path, sources: Path) -> None:
    path = tmp_path / "latin1.yaml"
    # "Çavuşoğlu" as saved by an editor set to a Latin code page, not UTF-8.
    path.write_bytes(b"source: {id: tiny-source, title: \xc7avu\xfeo\xf0lu}\n")
    err = only_error(validate_paths([path], sources_dir=sources, strict=True))
    assert "not valid UTF-8" in err.message and "0xc7" in err.message


def test_oversized_file_is_refused_before_reading(tmp_path: Path, sources: Path) -> None:
    err = only_error(check(tmp_path, sources, valid_dataset(), limits=Limits(max_file_bytes=100)))
    assert "over the 100-byte limit" in err.message


def test_yaml_syntax_error_gives_the_line(tmp_path: Path, sources: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("source:\n  id: tiny-source\n  title: [unclosed\n", encoding="utf-8")
    err = only_error(validate_paths([path], sources_dir=sources, strict=True))
    assert "YAML syntax error" in err.message and "line" in err.message


def test_duplicate_key_in_a_mapping_is_an_error(tmp_path: Path, sources: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(
        "source: {id: a, title: T, date: 2022-02-24, text_file: t.txt}\nactors: []\nactors: []\n",
        encoding="utf-8",
    )
    err = only_error(validate_paths([path], sources_dir=sources, strict=True))
    assert "duplicate key 'actors'" in err.message


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    err = only_error(validate_paths([tmp_path / "nope.yaml"], sources_dir=None, strict=False))
    assert "no such file" in err.message


# ------------------------------------------------------------- linked dates


def with_container(part_date: dict[str, Any], whole_date: dict[str, Any]) -> dict[str, Any]:
    data = valid_dataset()
    call = data["interactions"][0]
    call["date"] = part_date
    data["interactions"].append(
        {
            "id": "mediation-carol",
            "type": "mediation",
            "status": "held",
            "date": whole_date,
            "participants": [{"actor": "carol", "role": "mediator"}],
            "evidence": [{"quote": "Carol said,"}],
        }
    )
    call["part_of"] = "mediation-carol"
    return data


def test_a_container_that_ends_before_an_undated_part_is_warned_about(
    tmp_path: Path, sources: Path
) -> None:
    data = with_container(
        {"precision": "unknown"}, {"precision": "between", "latest": "2022-02-24"}
    )
    report = check(tmp_path, sources, data)
    assert report.ok
    (warning,) = report.warnings
    assert (warning.record, warning.field) == (CALL, "date")
    assert "do not cover" in warning.message


def test_an_undated_container_covers_any_part(tmp_path: Path, sources: Path) -> None:
    day = {"precision": "day", "earliest": "2022-02-24", "latest": "2022-02-24"}
    report = check(tmp_path, sources, with_container(day, {"precision": "unknown"}))
    assert report.warnings == []


def test_a_plan_that_ends_after_the_record_that_carried_it_out_is_warned_about(
    tmp_path: Path, sources: Path
) -> None:
    data = valid_dataset()
    data["interactions"].append(
        {
            "id": "call-planned-alice-bob",
            "type": "call",
            "status": "planned",
            "date": {"precision": "between", "earliest": "2022-02-20"},
            "participants": [{"actor": "alice", "role": "caller"}],
            "realized_by": CALL,
            "evidence": [{"quote": "Alice Example called Bob Sample"}],
        }
    )
    (warning,) = check(tmp_path, sources, data).warnings
    assert (warning.record, warning.field) == ("call-planned-alice-bob", "date.latest")
    assert "no later than 2022-02-24" in warning.message
    data["interactions"][-1]["date"]["latest"] = "2022-02-24"
    assert check(tmp_path, sources, data).warnings == []


# ------------------------------------------------------------- sources


def test_a_source_without_a_title_takes_its_texts_first_words(
    tmp_path: Path, sources: Path
) -> None:
    data = valid_dataset()
    del data["source"]["title"]
    report = check(tmp_path, sources, data)
    assert report.ok, [str(e) for e in report.errors]
    first_line = TINY_TEXT.read_text(encoding="utf-8").splitlines()[0]
    assert report.titles["tiny-source"] == first_words(first_line)


def test_first_words_shorten_a_long_first_line() -> None:
    assert first_words("\n\nANTALYA, 10 March 2022\nbody") == "ANTALYA, 10 March 2022"
    assert first_words("one two three four", count=2) == "one two …"


# ------------------------------------------------------------------- seed


@pytest.fixture(scope="module")
def seed(seed_sources: Path) -> ValidationReport:
    return validate_paths([REPO_ROOT / "data"], sources_dir=seed_sources, strict=True)


def test_seed_validates_strictly_without_warnings(seed: ValidationReport) -> None:
    assert seed.ok, "\n".join(str(e) for e in seed.errors)
    assert seed.warnings == [], "\n".join(str(w) for w in seed.warnings)
    assert seed.unverified_quotes == 0
    assert [lf.path.name for lf in seed.files] == ["cameron-2022-03-21.yaml"]


def test_seed_quotes_cover_well_under_half_of_the_article(seed: ValidationReport) -> None:
    assert seed.coverage["cameron-2022-03-21"] < DEFAULT_LIMITS.max_coverage


def test_seed_offsets_span_the_stray_line_break(seed: ValidationReport, seed_sources: Path) -> None:
    raw = (seed_sources / "cameron-2022-03-21.txt").read_text(encoding="utf-8")
    quote = "According to my personal expectations, in the coming days this progress may grow"
    start, end = seed.offsets[("cameron-2022-03-21", quote)]
    assert raw[start:end].startswith("According to\n\nmy personal")


@pytest.fixture(scope="module")
def seed_records(test_settings: Settings) -> ValidationReport:
    """The seed as read, with or without its source text: for tests of what it records."""
    return validate_paths(
        [REPO_ROOT / "data"], sources_dir=test_settings.actorgraph_sources, strict=False
    )


def _interactions(seed: ValidationReport) -> dict[str, Any]:
    assert seed.ok, "\n".join(str(e) for e in seed.errors)
    return {i.id: i for i in seed.files[0].read().interactions}


def test_seed_summary_sentence_adds_no_extra_macron_putin_call(
    seed_records: ValidationReport,
) -> None:
    calls = [
        i
        for i in _interactions(seed_records).values()
        if i.type == "call"
        and {p.actor for p in i.participants if p.role != "requester"}
        == {"emmanuel-macron", "vladimir-putin"}
    ]
    assert sorted(i.date.earliest.isoformat() for i in calls) == [
        "2022-02-24",
        "2022-02-28",
        "2022-03-03",
        "2022-03-06",
        "2022-03-18",
    ]


def test_seed_three_way_calls_are_single_interactions(seed_records: ValidationReport) -> None:
    items = _interactions(seed_records)
    for iid in ("call-2022-03-10-macron-scholz-putin", "call-2022-03-12-macron-scholz-putin"):
        assert {p.actor for p in items[iid].participants} == {
            "emmanuel-macron",
            "olaf-scholz",
            "vladimir-putin",
        }


def test_seed_bennett_calls_are_two_bilateral_series(seed_records: ValidationReport) -> None:
    items = _interactions(seed_records)
    for iid, other in (
        ("calls-bennett-putin", "vladimir-putin"),
        ("calls-bennett-zelenskyy", "volodymyr-zelenskyy"),
    ):
        assert items[iid].occurrences == "several"
        assert {p.actor for p in items[iid].participants} == {"naftali-bennett", other}
        assert items[iid].date.precision == "unknown"


def test_seed_antalya_meeting_records_request_and_mediation(seed_records: ValidationReport) -> None:
    items = _interactions(seed_records)
    meeting = "meeting-2022-03-10-antalya-kuleba-lavrov"
    roles = {(p.actor, p.role) for p in items[meeting].participants}
    assert {
        ("ukraine", "requester"),
        ("recep-tayyip-erdogan", "arranger"),
        ("mevlut-cavusoglu", "arranger"),
    } <= roles
    arrangers = {i.id for i in items.values() if meeting in i.arranges}
    assert arrangers == {
        "consultation-erdogan-putin-before-antalya",
        "consultation-cavusoglu-lavrov-before-antalya",
    }


def test_seed_undated_moscow_meeting_has_no_date(seed_records: ValidationReport) -> None:
    visit = _interactions(seed_records)["visit-bennett-putin-moscow"]
    assert visit.date.precision == "unknown" and visit.date.earliest is None


def test_seed_leaders_meeting_that_wont_take_place_is_not_held(
    seed_records: ValidationReport,
) -> None:
    assert _interactions(seed_records)["consultation-putin-zelenskyy-proposed"].status != "held"


# ------------------------------------------------------------ data/README


def test_readme_tables_match_the_vocabulary() -> None:
    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert type_table_markdown() in readme
    assert role_table_markdown() in readme


def test_seed_interaction_ids_start_with_their_type(seed_records: ValidationReport) -> None:
    for iid, interaction in _interactions(seed_records).items():
        prefix = interaction.type.replace("_", "-")
        # A series, or a container of one, takes the plural: calls-..., negotiations-...
        assert iid.startswith((f"{prefix}-", f"{prefix}s-")), iid


def test_seed_talks_of_the_week_of_march_14_were_by_video(seed_records: ValidationReport) -> None:
    items = _interactions(seed_records)
    for day in ("14", "15", "16", "18"):
        assert items[f"negotiation-2022-03-{day}"].medium == "video", day


def test_seed_statement_referred_back_to_is_bounded_by_the_reference(
    seed_records: ValidationReport,
) -> None:
    statements = {s.id: s for s in seed_records.files[0].read().statements}
    date = statements["putin-news-conference-security-options"].date
    assert (date.earliest, str(date.latest)) == (None, "2022-03-16")


# ------------------------------------------------------------- stable ids


def actor_entry(data: dict[str, Any], kind: str) -> dict[str, Any]:
    entry: dict[str, Any] = next(a for a in data["actors"] if a.get("kind") == kind)
    return entry


def test_a_states_iso_code_is_checked_against_iso_3166(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    state = actor_entry(data, "state")
    state["iso"] = "UA"
    assert check(tmp_path, sources, data).ok
    state["iso"] = "XZ"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (state["id"], "iso")
    assert "not an ISO 3166-1 alpha-2 code" in err.message


def test_an_iso_code_on_a_person_is_refused(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    person = actor_entry(data, "person")
    person["iso"] = "UA"
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == (person["id"], "iso")
    assert "state's ISO 3166-1 code" in err.message


def test_a_wikidata_id_must_have_its_form(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    person = actor_entry(data, "person")
    person["wikidata"] = "Q7747"
    assert check(tmp_path, sources, data).ok
    for wrong in ("7747", "Q07747", "q7747", "Q7747 "):
        person["wikidata"] = wrong
        err = only_error(check(tmp_path, sources, data))
        assert (err.record, err.field) == (person["id"], "wikidata"), wrong


def test_coordinates_must_be_on_the_globe(tmp_path: Path, sources: Path) -> None:
    data = valid_dataset()
    data["places"] = [
        {"id": "antalya", "name": "Antalya", "state": actor_entry(data, "state")["id"],
         "kind": "city", "coordinates": {"latitude": 36.9, "longitude": 30.7}}
    ]  # fmt: skip
    assert check(tmp_path, sources, data).ok
    data["places"][0]["coordinates"]["latitude"] = 91
    err = only_error(check(tmp_path, sources, data))
    assert (err.record, err.field) == ("antalya", "coordinates")
    assert "less than or equal to 90" in err.message
