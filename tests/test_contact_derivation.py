"""SPOKE_WITH is derived from the shaped rows, before writing: pure logic, no database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from loader.rows import spoke_with_rows


def interaction(
    status: str, parties: list[tuple[str, bool]], earliest: Any = None, latest: Any = None
) -> dict[str, Any]:
    return {
        "props": {"status": status, "earliest": earliest, "latest": latest},
        "participants": [{"actor": actor, "took_part": took} for actor, took in parties],
    }


def by_pair(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["a"], r["b"]): r for r in rows}


def test_a_three_way_call_gives_three_pairs_ordered_by_id() -> None:
    rows = spoke_with_rows([interaction("held", [("c", True), ("a", True), ("b", True)])])
    assert sorted(by_pair(rows)) == [("a", "b"), ("a", "c"), ("b", "c")]


def test_only_held_interactions_and_those_who_took_part_count() -> None:
    rows = spoke_with_rows(
        [
            interaction("planned", [("a", True), ("b", True)]),
            interaction("held", [("a", True), ("b", False)]),  # b asked for it, was not there
        ]
    )
    assert rows == []


def test_an_actor_in_two_roles_is_one_party() -> None:
    rows = spoke_with_rows([interaction("held", [("a", True), ("a", True), ("b", True)])])
    assert by_pair(rows)[("a", "b")]["interactions"] == 1


def test_first_and_last_span_the_known_dates_and_skip_unknown_ones() -> None:
    day = dt.date
    rows = spoke_with_rows(
        [
            interaction("held", [("a", True), ("b", True)], day(2022, 3, 1), day(2022, 3, 1)),
            interaction("held", [("b", True), ("a", True)]),  # undated
            interaction("held", [("a", True), ("b", True)], day(2022, 2, 1), day(2022, 3, 9)),
        ]
    )
    pair = by_pair(rows)[("a", "b")]
    assert pair["interactions"] == 3
    assert (pair["first"], pair["last"]) == (day(2022, 2, 1), day(2022, 3, 9))


def test_a_pair_first_seen_undated_takes_later_dates() -> None:
    day = dt.date
    rows = spoke_with_rows(
        [
            interaction("held", [("a", True), ("b", True)]),
            interaction("held", [("a", True), ("b", True)], day(2022, 3, 5), day(2022, 3, 6)),
        ]
    )
    pair = by_pair(rows)[("a", "b")]
    assert (pair["first"], pair["last"]) == (day(2022, 3, 5), day(2022, 3, 6))


def test_a_date_known_only_from_above_bounds_first_and_last() -> None:
    # Erdogan and Putin: a consultation on or before March 10, then a call on March 17.
    day = dt.date
    rows = spoke_with_rows(
        [
            interaction("held", [("a", True), ("b", True)], None, day(2022, 3, 10)),
            interaction("held", [("a", True), ("b", True)], day(2022, 3, 17), day(2022, 3, 17)),
        ]
    )
    pair = by_pair(rows)[("a", "b")]
    assert (pair["first"], pair["first_bound"]) == (day(2022, 3, 10), "on_or_before")
    assert (pair["last"], pair["last_bound"]) == (day(2022, 3, 17), None)


def test_a_date_known_only_from_below_bounds_last() -> None:
    day = dt.date
    rows = spoke_with_rows(
        [
            interaction("held", [("a", True), ("b", True)], day(2022, 3, 1), day(2022, 3, 1)),
            interaction("held", [("a", True), ("b", True)], day(2022, 2, 28), None),  # "since"
        ]
    )
    pair = by_pair(rows)[("a", "b")]
    # The first contact was on February 28 or after (by March 1 at the latest); the last
    # one on March 1 or after, since the talks begun on February 28 may have gone on.
    assert (pair["first"], pair["first_bound"]) == (day(2022, 2, 28), "on_or_after")
    assert (pair["last"], pair["last_bound"]) == (day(2022, 3, 1), "on_or_after")


def test_a_range_makes_first_and_last_bounds_and_days_make_them_exact() -> None:
    day = dt.date
    month = interaction("held", [("a", True), ("b", True)], day(2022, 3, 1), day(2022, 3, 31))
    on_the_day = interaction("held", [("c", True), ("d", True)], day(2022, 3, 5), day(2022, 3, 5))
    pairs = by_pair(spoke_with_rows([month, on_the_day]))
    ranged, exact = pairs[("a", "b")], pairs[("c", "d")]
    assert (ranged["first"], ranged["first_bound"]) == (day(2022, 3, 1), "on_or_after")
    assert (ranged["last"], ranged["last_bound"]) == (day(2022, 3, 31), "on_or_before")
    assert (exact["first_bound"], exact["last_bound"]) == (None, None)
