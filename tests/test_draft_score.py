"""Scoring a draft against a reference file: the match, the metrics and the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from actorgraph.cli.draft_score import draft_score
from loader.dataset import SourceFile
from loader.drafting.score import TYPE_FAMILIES, ScoreError, read_data_file, score
from loader.vocabulary import INTERACTION_TYPES

MAR_3 = {"precision": "day", "earliest": "2022-03-03", "latest": "2022-03-03"}
MAR_4 = {"precision": "day", "earliest": "2022-03-04", "latest": "2022-03-04"}
MARCH = {"precision": "month", "earliest": "2022-03-01", "latest": "2022-03-31"}
UNDATED = {"precision": "unknown"}


def interaction(
    iid: str,
    itype: str = "call",
    date: dict[str, str] = MAR_3,
    took_part: tuple[str, ...] = ("macron", "putin"),
    did_not: tuple[str, ...] = (),
) -> dict[str, Any]:
    participants = [{"actor": a, "role": "participant"} for a in took_part]
    participants += [{"actor": a, "role": "subject"} for a in did_not]
    return {
        "id": iid,
        "type": itype,
        "status": "held",
        "date": date,
        "participants": participants,
        "evidence": [{"quote": "They spoke."}],
    }


def data_file(*interactions: dict[str, Any], actors: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "source": {"id": "report-2022-03-21", "date": "2022-03-21", "text_file": "report.txt"},
        "actors": [{"id": a, "kind": "person", "name": a.title()} for a in actors],
        "interactions": list(interactions),
    }


def scored(draft: dict[str, Any], reference: dict[str, Any]) -> Any:
    return score(SourceFile.model_validate(draft), SourceFile.model_validate(reference))


CALL = interaction("call-2022-03-03-macron-putin")
ROUND = interaction("negotiation-2022-03-03", "negotiation", took_part=("russia", "ukraine"))
REFERENCE = data_file(CALL, ROUND, actors=("macron", "putin", "russia", "ukraine"))


def test_every_type_of_the_vocabulary_has_one_family() -> None:
    assert sorted(TYPE_FAMILIES) == sorted(t.name for t in INTERACTION_TYPES)


def test_the_readme_and_the_help_give_the_families_of_the_code() -> None:
    readme = (Path(__file__).parents[1] / "data" / "README.md").read_text(encoding="utf-8")
    help_text = " ".join((draft_score.help or "").split())
    for family in dict.fromkeys(TYPE_FAMILIES.values()):
        types = [t for t, f in TYPE_FAMILIES.items() if f == family]
        assert f"| {family} | {', '.join(f'`{t}`' for t in types)} |" in readme
        assert f"{family}: {', '.join(types)}" in help_text or types == [family]


def test_identical_files_score_one() -> None:
    result = scored(REFERENCE, REFERENCE)
    for m in (result.interactions, result.actors):
        assert (m.precision, m.recall, m.f1) == (1.0, 1.0, 1.0)
    assert result.date_share == 1.0
    assert not (result.missed_interactions or result.extra_interactions)


def test_a_missed_interaction_lowers_recall_only() -> None:
    result = scored(data_file(CALL), REFERENCE).interactions
    assert (result.precision, result.recall) == (1.0, 0.5)
    assert result.f1 == pytest.approx(2 / 3)


def test_an_extra_interaction_lowers_precision_only() -> None:
    extra = interaction("address-2022-03-03-putin", "address", took_part=("putin",))
    result = scored(data_file(CALL, ROUND, extra), REFERENCE)
    assert (result.interactions.precision, result.interactions.recall) == (2 / 3, 1.0)
    assert result.extra_interactions == ["address-2022-03-03-putin"]


def test_a_type_of_the_same_family_matches_and_is_marked_not_the_same() -> None:
    draft = data_file(interaction("consultation-x", "consultation"))
    [pair] = scored(draft, data_file(CALL)).pairs
    assert (pair.reference, pair.draft, pair.same_type) == (CALL["id"], "consultation-x", False)


@pytest.mark.parametrize(
    "unlike",
    [
        pytest.param(interaction("x", "negotiation"), id="another type family"),
        pytest.param(interaction("x", took_part=("scholz", "biden")), id="other participants"),
        pytest.param(
            interaction("x", took_part=("scholz", "biden"), did_not=("putin",)),
            id="shared actor that did not take part",
        ),
        pytest.param(interaction("x", date=MAR_4), id="dates apart"),
    ],
)
def test_what_prevents_a_match(unlike: dict[str, Any]) -> None:
    reference = data_file(interaction("call-r", took_part=("putin", "macron")))
    result = scored(data_file(unlike), reference)
    assert result.pairs == []
    assert (result.missed_interactions, result.extra_interactions) == (["call-r"], ["x"])


def test_an_open_bound_overlaps_what_follows() -> None:
    since_march_1 = {"precision": "between", "earliest": "2022-03-01"}
    [pair] = scored(data_file(interaction("x", date=since_march_1)), data_file(CALL)).pairs
    assert not pair.date_right


def test_each_record_matches_at_most_one() -> None:
    twice = data_file(interaction("call-a"), interaction("call-b"))
    result = scored(twice, data_file(CALL))
    assert len(result.pairs) == 1
    assert len(result.extra_interactions) == 1
    assert (result.interactions.precision, result.interactions.recall) == (0.5, 1.0)


def test_the_match_is_the_largest_not_the_first_taken() -> None:
    # call-a is most like call-r1; a greedy match would pair them and leave call-b and call-r2
    # without a partner.
    reference = data_file(
        interaction("call-r1", took_part=("macron", "putin")),
        interaction("call-r2", took_part=("scholz", "zelenskyy")),
    )
    draft = data_file(
        interaction("call-a", took_part=("macron", "putin", "scholz")),
        interaction("call-b", took_part=("putin",)),
    )
    pairs = {(p.reference, p.draft) for p in scored(draft, reference).pairs}
    assert pairs == {("call-r1", "call-b"), ("call-r2", "call-a")}


def test_the_match_prefers_the_same_type_and_date() -> None:
    draft = data_file(interaction("consultation-x", "consultation"), interaction("call-x"))
    [pair] = scored(draft, data_file(CALL)).pairs
    assert pair.draft == "call-x"


def test_both_undated_match_with_a_right_date() -> None:
    [pair] = scored(
        data_file(interaction("x", date=UNDATED)), data_file(interaction("r", date=UNDATED))
    ).pairs
    assert pair.date_right


def test_an_undated_record_matches_only_an_undated_one() -> None:
    assert scored(data_file(interaction("x", date=UNDATED)), data_file(CALL)).pairs == []
    [pair] = scored(
        data_file(interaction("x", date=UNDATED)), data_file(interaction("y", date=UNDATED))
    ).pairs
    assert pair.date_right


def test_a_drafted_actor_bearing_a_reference_name_takes_its_id() -> None:
    reference = data_file(CALL, actors=("macron", "putin"))
    draft = data_file(interaction("x", took_part=("macron", "vladimir-putin")), actors=("macron",))
    draft["actors"].append({"id": "vladimir-putin", "kind": "person", "name": "PUTIN"})
    result = scored(draft, reference)
    assert result.actors.matched == 2
    assert result.pairs[0].shared == ["macron", "putin"]


def test_date_share_counts_matched_pairs_with_equal_precision_and_bounds() -> None:
    draft = data_file(interaction("call-a", date=MARCH), ROUND)
    result = scored(draft, REFERENCE)
    assert len(result.pairs) == 2
    assert result.date_share == 0.5


def test_actors_match_by_id_listed_or_taking_part() -> None:
    draft = data_file(CALL, actors=("macron", "scholz"))  # putin only as a participant
    result = scored(draft, REFERENCE).actors
    assert (result.drafted, result.reference, result.matched) == (3, 4, 2)
    assert (result.precision, result.recall) == (2 / 3, 0.5)


def test_an_empty_draft_has_no_precision() -> None:
    result = scored(data_file(), REFERENCE).interactions
    assert (result.precision, result.recall, result.f1) == (None, 0.0, None)


class PlainDumper(yaml.SafeDumper):
    """Writes a value shared by two records out twice: data files allow no YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write(path: Path, content: dict[str, Any]) -> Path:
    path.write_text(yaml.dump(content, Dumper=PlainDumper, sort_keys=False), encoding="utf-8")
    return path


def test_a_draft_flag_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "draft.yaml", {"draft": True, **data_file(CALL)})
    assert read_data_file(path).draft


def test_the_command_prints_the_table_and_what_was_missed(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.yaml", data_file(CALL))
    reference = write(tmp_path / "reference.yaml", REFERENCE)
    result = CliRunner().invoke(draft_score, [str(draft), str(reference)])
    assert result.exit_code == 0, result.output
    assert "interactions" in result.stdout and "actors" in result.stdout
    assert "0.50" in result.stdout  # interaction recall
    assert "Missed interactions" in result.stdout and "negotiation-2022-03-03" in result.stdout
    assert "Dates right: 1.00 (1 of 1 matched interactions)" in result.stdout


def test_the_command_prints_json(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.yaml", data_file(CALL))
    reference = write(tmp_path / "reference.yaml", REFERENCE)
    result = CliRunner().invoke(draft_score, ["--json", str(draft), str(reference)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["interactions"]["recall"] == 0.5
    assert printed["missed_interactions"] == ["negotiation-2022-03-03"]
    assert printed["pairs"][0]["draft"] == CALL["id"]


def error_line(tmp_path: Path, draft: Path) -> str:
    reference = write(tmp_path / "reference.yaml", REFERENCE)
    result = CliRunner().invoke(draft_score, [str(draft), str(reference)])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ")
    return line


def test_a_missing_file_is_one_error_line(tmp_path: Path) -> None:
    line = error_line(tmp_path, tmp_path / "nowhere.yaml")
    assert "nowhere.yaml: no such file" in line


def test_a_file_that_is_not_yaml_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: [unclosed\n", encoding="utf-8")
    assert "bad.yaml: YAML syntax error" in error_line(tmp_path, bad)


def test_a_schema_error_names_the_record_and_field(tmp_path: Path) -> None:
    broken = interaction("call-x")
    del broken["status"]
    line = error_line(tmp_path, write(tmp_path / "draft.yaml", data_file(broken)))
    assert "draft.yaml: call-x: status: required field 'status' is missing" in line


def test_an_unknown_role_names_the_record_and_field(tmp_path: Path) -> None:
    odd = interaction("call-x")
    odd["participants"][0]["role"] = "callee"
    line = error_line(tmp_path, write(tmp_path / "draft.yaml", data_file(odd)))
    assert "draft.yaml: call-x: participants[0].role: unknown role 'callee'" in line


def test_an_unknown_type_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "draft.yaml", data_file(interaction("x", "phonecall")))
    with pytest.raises(ScoreError, match="x: type: unknown interaction type 'phonecall'"):
        read_data_file(path)
