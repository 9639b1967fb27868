"""The derived SPOKE_WITH rows: who took part in a held interaction with whom."""

from __future__ import annotations

from loader.row_values import Row


def spoke_with_rows(interactions: list[Row]) -> list[Row]:
    """Who took part in the same held interaction: one row per pair, `a` < `b` by id.

    Derived here from the merged rows rather than by a query over the written graph:
    the same pairs, counts and dates, at a fraction of the cost of a load-wide MATCH.
    """
    pairs: dict[tuple[str, str], Row] = {}
    for row in interactions:
        if row["props"]["status"] != "held":
            continue
        actors = sorted({p["actor"] for p in row["participants"] if p["took_part"]})
        earliest, latest = row["props"]["earliest"], row["props"]["latest"]
        for index, a in enumerate(actors):
            for b in actors[index + 1 :]:
                pair = pairs.get((a, b))
                if pair is None:
                    pairs[(a, b)] = {
                        "a": a, "b": b, "interactions": 1, "first": earliest, "last": latest
                    }  # fmt: skip
                    continue
                pair["interactions"] += 1
                if earliest is not None and (pair["first"] is None or earliest < pair["first"]):
                    pair["first"] = earliest
                if latest is not None and (pair["last"] is None or latest > pair["last"]):
                    pair["last"] = latest
    return list(pairs.values())
