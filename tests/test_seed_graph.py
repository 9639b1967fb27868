"""The seed dataset as the loader writes it: the graph holds exactly what the files say."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from checkout import PROJECT_ROOT
from neo4j import Driver

from actorgraph.settings import Settings
from loader.validation import validate_paths
from loader.vocabulary import TYPES_BY_NAME

pytestmark = pytest.mark.neo4j


def count(driver: Driver, query: str) -> int:
    records, _, _ = driver.execute_query(query)
    return int(records[0][0])


@pytest.fixture(scope="module")
def seed(test_settings: Settings) -> Any:
    return validate_paths(
        [PROJECT_ROOT / "data"], sources_dir=test_settings.actorgraph_sources, strict=False
    )


def test_node_counts_match_the_seed_files(seeded: Driver, seed: Any) -> None:
    data = [f.read() for f in seed.files]
    kinds = Counter(a.kind for d in data for a in d.actors)
    assert count(seeded, "MATCH (n:Person) RETURN count(n)") == kinds["person"]
    assert count(seeded, "MATCH (n:State) RETURN count(n)") == kinds["state"]
    assert count(seeded, "MATCH (n:Organization) RETURN count(n)") == kinds["organization"]
    assert count(seeded, "MATCH (n:Place) RETURN count(n)") == sum(len(d.places) for d in data)
    assert count(seeded, "MATCH (n:Statement) RETURN count(n)") == sum(
        len(d.statements) for d in data
    )
    assert count(seeded, "MATCH ()-[r:HOLDS_POSITION]->() RETURN count(r)") == sum(
        len(d.affiliations) for d in data
    )


def test_each_interaction_type_becomes_its_label(seeded: Driver, seed: Any) -> None:
    types = Counter(i.type for f in seed.files for i in f.read().interactions)
    assert sum(types.values()) == count(seeded, "MATCH (n:Interaction) RETURN count(n)")
    for name, n in types.items():
        label = TYPES_BY_NAME[name].label  # from our own table, not from input
        assert count(seeded, f"MATCH (n:Interaction:{label}) RETURN count(n)") == n


def test_every_interaction_and_statement_has_evidence_in_its_source(seeded: Driver) -> None:
    assert (
        count(
            seeded,
            "MATCH (n) WHERE (n:Interaction OR n:Statement) "
            "AND NOT (n)-[:EVIDENCED_BY]->(:Source) RETURN count(n)",
        )
        == 0
    )


def test_three_way_call_is_one_node_with_three_parties(seeded: Driver) -> None:
    records, _, _ = seeded.execute_query(
        "MATCH (i:Call {earliest: date('2022-03-12')})<-[p:PARTICIPATED_IN {took_part: true}]-(a) "
        "RETURN i.id AS id, collect(a.id) AS parties"
    )
    assert len(records) == 1
    assert sorted(records[0]["parties"]) == ["emmanuel-macron", "olaf-scholz", "vladimir-putin"]


def test_spoke_with_covers_only_actors_who_took_part(seeded: Driver) -> None:
    # Zelenskyy asked for Macron's Feb 28 call (requester) but was not on it.
    assert (
        count(
            seeded,
            "MATCH (:Actor {id: 'volodymyr-zelenskyy'})-[:SPOKE_WITH]-"
            "(:Actor {id: 'vladimir-putin'}) RETURN count(*)",
        )
        == 0
    )
    assert (
        count(
            seeded,
            "MATCH (:Actor {id: 'emmanuel-macron'})-[s:SPOKE_WITH]-(:Actor {id: 'vladimir-putin'}) "
            "RETURN s.interactions",
        )
        >= 6
    )


def test_spoke_with_matches_a_derivation_from_the_written_graph(seeded: Driver) -> None:
    # The loader derives SPOKE_WITH from its rows; the graph it wrote must say the same.
    from_graph, _, _ = seeded.execute_query(
        """
        MATCH (a:Actor)-[:PARTICIPATED_IN {took_part: true}]->(i:Interaction {status: 'held'})
              <-[:PARTICIPATED_IN {took_part: true}]-(b:Actor)
        WHERE a.id < b.id
        WITH a.id AS a, b.id AS b, count(DISTINCT i) AS n,
             min(i.earliest) AS min_e, min(i.latest) AS min_l,
             max(i.earliest) AS max_e, max(i.latest) AS max_l,
             count(CASE WHEN i.earliest IS NULL AND i.latest IS NOT NULL THEN 1 END) > 0 AS o_s,
             count(CASE WHEN i.latest IS NULL AND i.earliest IS NOT NULL THEN 1 END) > 0 AS o_e
        RETURN a, b, n,
          CASE WHEN o_s THEN min_l ELSE min_e END AS first,
          CASE WHEN o_s THEN 'on_or_before' WHEN min_e < coalesce(min_l, date('9999-12-31'))
               THEN 'on_or_after' END AS first_bound,
          CASE WHEN o_e THEN max_e ELSE max_l END AS last,
          CASE WHEN o_e THEN 'on_or_after' WHEN coalesce(max_e, date('0001-01-01')) < max_l
               THEN 'on_or_before' END AS last_bound
        ORDER BY a, b
        """
    )
    written, _, _ = seeded.execute_query(
        """
        MATCH (a:Actor)-[s:SPOKE_WITH]->(b:Actor)
        RETURN a.id AS a, b.id AS b, s.interactions AS n, s.first AS first,
          s.first_bound AS first_bound, s.last AS last, s.last_bound AS last_bound
        ORDER BY a, b
        """
    )
    # The seed has pairs known only from above (Erdogan and Putin: on or before March 10).
    assert any(r["first_bound"] == "on_or_before" for r in written)
    assert len(written) > 20
    assert [dict(r) for r in written] == [dict(r) for r in from_graph]
