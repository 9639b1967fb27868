"""Exports of the graph for Gephi (GraphML, GEXF), spreadsheets (CSV), code (JSON) and the
FollowTheMoney tools (FtM: Aleph, OpenSanctions, yente).

The CLI (`actorgraph export`) and the API (`GET /export`) render with the same functions.

All three are built from the rows of the canned query `export` (cypher/queries/export.cypher):
one row per participation. The graph they describe is bipartite: actors and interactions
are nodes, and each participation is an edge from the actor to the interaction, with the
role, whether the actor took part, and the sources that state it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args
from xml.etree import ElementTree as ET

ExportFormat = Literal["graphml", "csv", "json", "gexf", "ftm"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
MEDIA_TYPES = {
    "graphml": "application/graphml+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "gexf": "application/gexf+xml",
    "ftm": "application/x-ndjson",
}
# The canned query each format is built from: participations (a bipartite graph of actors
# and interactions), or the actor-to-actor contact network.
SOURCE_QUERY = {
    "graphml": "export",
    "csv": "export",
    "json": "export",
    "gexf": "contact_network",
    "ftm": "ftm",
}
CSV_COLUMNS = (
    "interaction", "type", "status", "date_precision", "earliest", "latest",
    "interaction_sources", "actor", "actor_name", "actor_kind", "role", "took_part",
    "role_sources",
)  # fmt: skip

Row = Mapping[str, Any]

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """`value` as a CSV cell that a spreadsheet shows and never runs: text starting like a
    formula gets a leading `'`. Both CSV writers (the export and `?format=csv`) use it.

    A number from the data is left as it is: it is not text anyone wrote, and `-3` must stay
    a number for the spreadsheet; every other value (names, quotes, ids, dates, lists) is text.
    """
    text = _text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    """A value as the text of one cell or GraphML attribute: lists of plain values joined
    with `;`, lists of objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ";".join(_text(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def graph_of(rows: Iterable[Row]) -> dict[str, Any]:
    """The rows as `{nodes, edges}`: actor and interaction nodes, one edge per participation."""
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for row in rows:
        actor_key, interaction_key = f"actor:{row['actor']}", f"interaction:{row['interaction']}"
        nodes.setdefault(
            actor_key,
            {"id": actor_key, "kind": "actor", "label": row["actor_name"],
             "actor_kind": row["actor_kind"]},
        )  # fmt: skip
        nodes.setdefault(
            interaction_key,
            {
                "id": interaction_key,
                "kind": "interaction",
                "label": row["interaction"],
                "type": row["type"],
                "status": row["status"],
                "date_precision": row["date_precision"],
                "earliest": _text(row["earliest"]) or None,
                "latest": _text(row["latest"]) or None,
                "earliest_day": epoch_day(row["earliest"]),
                "latest_day": epoch_day(row["latest"]),
                "sources": len(row["interaction_sources"] or []),
            },
        )
        edges.append(
            {
                "source": actor_key,
                "target": interaction_key,
                "role": row["role"],
                "took_part": row["took_part"],
                "sources": len(row["role_sources"] or []),
            }
        )
    return {"nodes": list(nodes.values()), "edges": edges}


def to_json(rows: Iterable[Row]) -> str:
    return json.dumps(graph_of(rows), ensure_ascii=False, indent=1)


def to_csv(rows: Iterable[Row]) -> str:
    """One line per participation, the layout a spreadsheet user expects."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def epoch_day(value: Any) -> int | None:
    """A date (or its ISO text) as days since 1970-01-01: the number a GraphML reader can
    sort, filter by range, and turn into a time interval (Gephi's "Merge columns")."""
    if value is None or value == "":
        return None
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return (day - EPOCH).days


EPOCH = dt.date(1970, 1, 1)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = {
    "kind": "string", "label": "string", "actor_kind": "string", "type": "string",
    "status": "string", "date_precision": "string", "earliest": "string", "latest": "string",
    "earliest_day": "long", "latest_day": "long", "sources": "int",
}  # fmt: skip
EDGE_KEYS = {"role": "string", "took_part": "boolean", "sources": "int"}
# GraphML has no date type (attr.type is boolean, int, long, float, double or string), so a
# date is written twice: as ISO text for people, and as a typed day number for tools.
KEY_DESCRIPTIONS = {
    "earliest": "first possible day, ISO 8601 (YYYY-MM-DD)",
    "latest": "last possible day, ISO 8601 (YYYY-MM-DD)",
    "earliest_day": "first possible day, as days since 1970-01-01",
    "latest_day": "last possible day, as days since 1970-01-01",
    "date_precision": "day, month, year, between or unknown: how closely the source dates it",
}


def to_graphml(rows: Iterable[Row]) -> str:
    """GraphML that Gephi opens: typed attribute keys, then nodes and directed edges."""
    graph = graph_of(rows)
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys.items():
            key = ET.SubElement(
                root, "key", {"id": f"{domain}_{name}", "for": domain,
                              "attr.name": name, "attr.type": kind},
            )  # fmt: skip
            if domain == "node" and name in KEY_DESCRIPTIONS:
                ET.SubElement(key, "desc").text = KEY_DESCRIPTIONS[name]
    body = ET.SubElement(root, "graph", id="actorgraph", edgedefault="directed")
    for node in graph["nodes"]:
        element = ET.SubElement(body, "node", id=node["id"])
        for name in NODE_KEYS:
            if node.get(name) is not None:
                ET.SubElement(element, "data", key=f"node_{name}").text = _text(node[name])
    for index, edge in enumerate(graph["edges"]):
        element = ET.SubElement(
            body, "edge", id=f"e{index}", source=edge["source"], target=edge["target"]
        )
        for name in EDGE_KEYS:
            ET.SubElement(element, "data", key=f"edge_{name}").text = _text(edge[name])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def to_gexf(rows: Iterable[Row]) -> str:
    """The contact network as GEXF 1.2 for Gephi: actors as nodes, a contact as an edge
    weighted by its interactions, with their dates as spells so the timeline plays it."""
    import networkx as nx  # only the GEXF export needs it

    graph = nx.Graph(mode="dynamic")
    for row in rows:
        for actor in (row["a"], row["b"]):
            graph.add_node(actor["id"], label=actor["name"], kind=actor["kind"])
        edge: dict[str, Any] = {"weight": row["interactions"]}
        if row["spells"]:
            edge["spells"] = [tuple(spell) for spell in row["spells"]]
        graph.add_edge(row["a"]["id"], row["b"]["id"], **edge)
    lines = nx.generate_gexf(graph, version="1.2draft")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def to_ftm(rows: Iterable[Row]) -> str:
    """FollowTheMoney entities, one JSON object a line (actorgraph/ftm_export.py)."""
    from actorgraph.ftm_export import ftm_entities

    return "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ftm_entities(rows)
    )


RENDERERS = {
    "graphml": to_graphml,
    "csv": to_csv,
    "json": to_json,
    "gexf": to_gexf,
    "ftm": to_ftm,
}
assert set(RENDERERS) == set(FORMATS) == set(MEDIA_TYPES) == set(SOURCE_QUERY)


def render(rows: Iterable[Row], fmt: str) -> str:
    """The export in `fmt`, one of FORMATS (`actorgraph export` and `GET /export` both)."""
    return RENDERERS[fmt](list(rows))
