"""The synthetic dataset generator: valid, loadable, and shaped like diplomacy data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from neo4j import Driver

from actorgraph.settings import Settings
from loader import MIN_SYNTH_ACTORS
from loader.load import load_paths
from loader.schema import apply_schema
from loader.synth import generate
from loader.validation import validate_paths


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(out, actors=200, interactions=3000, seed=7, per_file=1000)
    return out


def test_synth_dataset_validates_strictly_against_its_own_texts(synth_dir: Path) -> None:
    report = validate_paths([synth_dir], sources_dir=synth_dir / "sources", strict=True)
    assert report.ok, [str(e) for e in report.errors[:5]]
    assert report.unverified_quotes == 0
    assert len(report.files) == 4  # the actors file and three reports of 1,000


def test_synth_is_skewed_multi_party_spread_over_years_and_partly_undated(synth_dir: Path) -> None:
    report = validate_paths([synth_dir], sources_dir=synth_dir / "sources", strict=True)
    interactions = [i for f in report.files for i in f.read().interactions]
    degree = Counter(p.actor for i in interactions for p in i.participants)
    top = sum(n for _, n in degree.most_common(10))
    assert top > 0.2 * sum(degree.values())  # ten hubs take a fifth of all participations
    assert any(len(i.participants) >= 4 for i in interactions)
    years = {i.date.earliest.year for i in interactions if i.date.earliest}
    assert len(years) >= 5
    assert any(i.date.precision == "unknown" for i in interactions)
    assert len({p.role for i in interactions for p in i.participants}) >= 6


def test_same_seed_gives_the_same_dataset(tmp_path: Path) -> None:
    generate(tmp_path / "a", actors=50, interactions=200, seed=3)
    generate(tmp_path / "b", actors=50, interactions=200, seed=3)
    for name in ("synth-base.yaml", "synth-0001.yaml"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()


@pytest.mark.neo4j
def test_synth_dataset_loads_with_every_interaction(
    graph: Driver, test_settings: Settings, synth_dir: Path
) -> None:
    apply_schema(graph, test_settings.neo4j_database)
    load_paths(
        graph,
        [synth_dir],
        database=test_settings.neo4j_database,
        sources_dir=synth_dir / "sources",
        wipe_first=True,
        batch_size=500,
    )
    records, _, _ = graph.execute_query("MATCH (i:Interaction) RETURN count(i) AS n")
    assert records[0]["n"] == 3000


def test_the_smallest_cast_it_accepts_still_seats_every_negotiation(tmp_path: Path) -> None:
    # Below MIN_SYNTH_ACTORS, a six-party negotiation looked for people forever.
    summary = generate(tmp_path, actors=MIN_SYNTH_ACTORS, interactions=2000, seed=3)
    assert summary.interactions == 2000
    with pytest.raises(ValueError, match=f"at least {MIN_SYNTH_ACTORS}"):
        generate(tmp_path / "less", actors=MIN_SYNTH_ACTORS - 1, interactions=10)
