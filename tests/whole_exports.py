"""The exports as they were written before they streamed: each document built whole, then
written by ElementTree, json.dumps, csv and networkx. The streamed exports must give the
same bytes (tests/test_export_streaming.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

from actorgraph.exports import (
    CSV_COLUMNS,
    EDGE_KEYS,
    GRAPHML_NS,
    KEY_DESCRIPTIONS,
    NODE_KEYS,
    _text,
    csv_cell,
    edge_of,
    interaction_node,
)
from actorgraph.ftm_export import FtmEntities

Rows = list[dict[str, Any]]


def graph_of(rows: Rows) -> dict[str, Any]:
    nodes: dict[str, dict[str, Any]] = {}
    for row in rows:
        actor = {"id": f"actor:{row['actor']}", "kind": "actor", "label": row["actor_name"],
                 "actor_kind": row["actor_kind"]}  # fmt: skip
        nodes.setdefault(actor["id"], actor)
        interaction = interaction_node(row)
        nodes.setdefault(interaction["id"], interaction)
    return {"nodes": list(nodes.values()), "edges": [edge_of(row) for row in rows]}


def to_json(rows: Rows) -> str:
    return json.dumps(graph_of(rows), ensure_ascii=False, indent=1)


def to_csv(rows: Rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def to_graphml(rows: Rows) -> str:
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


def to_gexf(rows: Rows) -> str:
    graph = nx.Graph(mode="dynamic")
    for row in rows:
        for actor in (row["a"], row["b"]):
            graph.add_node(actor["id"], label=actor["name"], kind=actor["kind"])
        edge: dict[str, Any] = {"weight": row["interactions"]}
        for key in ("first", "first_bound", "last", "last_bound"):
            if row[key] is not None:
                edge[key] = row[key]
        if row["spells"]:
            edge["spells"] = [tuple(spell) for spell in row["spells"]]
        graph.add_edge(row["a"]["id"], row["b"]["id"], **edge)
    lines = nx.generate_gexf(graph, version="1.2draft")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def to_ftm(rows: Rows) -> str:
    entities = FtmEntities()
    return "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
        for row in rows
        for e in entities.of(row)
    )


WHOLE: dict[str, Callable[[Rows], str]] = {
    "graphml": to_graphml,
    "csv": to_csv,
    "json": to_json,
    "gexf": to_gexf,
    "ftm": to_ftm,
}
