"""The loader's `CALL … IN TRANSACTIONS` statements stream: nothing before the batching
holds every row in one transaction's memory.

An Eager in the outer part of such a plan collects every row before the first batch
commits; at 10M interactions that passed db.memory.transaction.max and `load --wipe` of the
seed over a 10M graph failed. Inside a batch an Eager is bounded by the batch, so it is fine.
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from actorgraph.queries import CannedQuery, catalogue
from actorgraph.settings import Settings
from loader.writer import STAGE_BATCH_CAPS

BATCHED = [q for q in catalogue("load").values() if "IN TRANSACTIONS" in q.cypher]


def _operators(plan: dict[str, Any]) -> list[str]:
    found = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def _outer_input(plan: dict[str, Any]) -> dict[str, Any]:
    """The rows a TransactionForeach batches: its first child (the second is the batch)."""
    if plan["operatorType"].startswith("TransactionForeach"):
        return plan["children"][0]
    for child in plan.get("children", []):
        if found := _outer_input(child):
            return found
    return {}


def test_the_loader_has_batched_statements() -> None:
    names = {q.name for q in BATCHED}
    assert {"delete_other_generation_relationships", "delete_all_but_relationships"} <= names


@pytest.mark.neo4j
@pytest.mark.parametrize("query", BATCHED, ids=lambda q: q.name)
def test_a_batched_statement_collects_no_rows_before_its_batches(
    query: CannedQuery, seeded: Driver, test_settings: Settings
) -> None:
    # The plan depends on the statistics: on an empty database the planner scans
    # relationships and needs no Eager, so ask over the seed.
    params = {name: 2 for name in query.parameter_names}
    with seeded.session(database=test_settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query.cypher, params).consume().plan
    outer = _outer_input(plan)
    assert outer, f"{query.name}: no TransactionForeach in its plan"
    assert "Eager" not in _operators(outer), f"{query.name} collects every row first"


def test_stored_source_files_go_in_batches_as_small_as_they_were_written() -> None:
    # Each holds a whole data file: 10,000 of them in one batch passed the memory pool.
    cap = STAGE_BATCH_CAPS["source_files"]
    assert f"IN TRANSACTIONS OF {cap} ROWS" in catalogue("load")["delete_source_files"].cypher
