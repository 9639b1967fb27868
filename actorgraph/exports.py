"""Exports of the graph for Gephi (GraphML, GEXF), spreadsheets (CSV), code (JSON) and the
FollowTheMoney tools (FtM: Aleph, OpenSanctions, yente).

The CLI (`actorgraph export`) and the API (`GET /export`) render with the same functions,
and both write as they read: a Writer turns each row into text as Neo4j sends it, and
`render` / `arender` hand that text on in chunks, so no export is ever held whole in memory.

GraphML, CSV and JSON are built from the rows of the canned query `export`
(cypher/queries/export.cypher): one row per participation. The graph they describe is
bipartite: actors and interactions are nodes, and each participation is an edge from the
actor to the interaction, with the role, whether the actor took part, and the sources that
state it. GraphML and JSON list every node before any edge, so they read the rows twice
(the query runs twice in one read transaction): nodes on the first pass, edges on the
second. GEXF is the contact network, which networkx writes from a whole graph: it is
built in memory, actor to actor, far smaller than the participations.
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


class NewNodes:
    """The nodes a participation brings that earlier rows did not: its actor the first time
    the actor is seen, its interaction at its first row. The export query sorts its rows by
    interaction, so an interaction's rows come together and only the last one is kept in
    mind; actors, far fewer than interactions, are kept in a set."""

    def __init__(self) -> None:
        self.actors: set[str] = set()
        self.last_interaction: str | None = None

    def of(self, row: Row) -> list[dict[str, Any]]:
        nodes = []
        if row["actor"] not in self.actors:
            self.actors.add(row["actor"])
            nodes.append(
                {"id": f"actor:{row['actor']}", "kind": "actor", "label": row["actor_name"],
                 "actor_kind": row["actor_kind"]}
            )  # fmt: skip
        if row["interaction"] != self.last_interaction:
            self.last_interaction = row["interaction"]
            nodes.append(interaction_node(row))
        return nodes


def interaction_node(row: Row) -> dict[str, Any]:
    return {
        "id": f"interaction:{row['interaction']}",
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
    }


def edge_of(row: Row) -> dict[str, Any]:
    """The participation as an edge from the actor to the interaction."""
    return {
        "source": f"actor:{row['actor']}",
        "target": f"interaction:{row['interaction']}",
        "role": row["role"],
        "took_part": row["took_part"],
        "sources": len(row["role_sources"] or []),
    }


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


class Writer:
    """One export being written: its `head`, then each row's text as the row comes, and at
    the `end` of each of its `passes` over the rows what closes that pass."""

    passes = 1

    def head(self) -> str:
        return ""

    def row(self, row: Row, pass_: int) -> str:
        raise NotImplementedError

    def end(self, pass_: int) -> str:
        return ""


class CsvWriter(Writer):
    """One line per participation, the layout a spreadsheet user expects."""

    def __init__(self) -> None:
        self.line = io.StringIO()
        self.writer = csv.writer(self.line)

    def _written(self, cells: Iterable[str]) -> str:
        self.line.seek(0)
        self.line.truncate()
        self.writer.writerow(cells)
        return self.line.getvalue()

    def head(self) -> str:
        return self._written(CSV_COLUMNS)

    def row(self, row: Row, pass_: int) -> str:
        return self._written(csv_cell(row[column]) for column in CSV_COLUMNS)


class GraphWriter(Writer):
    """The bipartite graph: its nodes on the first pass over the rows, its edges on the
    second. `item` writes one node or edge, the `written`-th of its pass (from 0)."""

    passes = 2

    def __init__(self) -> None:
        self.new_nodes = NewNodes()
        self.counts = [0, 0]  # nodes and edges written

    def row(self, row: Row, pass_: int) -> str:
        items = self.new_nodes.of(row) if pass_ == 0 else [edge_of(row)]
        texts = []
        for item in items:
            texts.append(self.item(item, pass_, self.counts[pass_]))
            self.counts[pass_] += 1
        return "".join(texts)

    def item(self, item: dict[str, Any], pass_: int, written: int) -> str:
        raise NotImplementedError


class JsonWriter(GraphWriter):
    """`{nodes, edges}`, laid out as `json.dumps(..., indent=1)` lays it out."""

    def head(self) -> str:
        return '{\n "nodes": ['

    def item(self, item: dict[str, Any], pass_: int, written: int) -> str:
        text = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        return f"{',' if written else ''}\n  {text}"

    def end(self, pass_: int) -> str:
        closed = "\n ]" if self.counts[pass_] else "]"
        return closed + (',\n "edges": [' if pass_ == 0 else "\n}")


class GraphmlWriter(GraphWriter):
    """GraphML that Gephi opens: typed attribute keys, then nodes and directed edges, each
    element as ElementTree writes and indents it (the whole document, before it streamed)."""

    OPEN_GRAPH = '  <graph id="actorgraph" edgedefault="directed"'

    def head(self) -> str:
        keys = []
        for domain, names in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
            for name, kind in names.items():
                key = ET.Element(
                    "key", {"id": f"{domain}_{name}", "for": domain,
                            "attr.name": name, "attr.type": kind},
                )  # fmt: skip
                if domain == "node" and name in KEY_DESCRIPTIONS:
                    ET.SubElement(key, "desc").text = KEY_DESCRIPTIONS[name]
                keys.append(f"  {_xml(key, level=1)}\n")
        head = f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="{GRAPHML_NS}">\n'
        return head + "".join(keys)

    def item(self, item: dict[str, Any], pass_: int, written: int) -> str:
        if pass_ == 0:
            element = _element(
                "node", {"id": item["id"]},
                [(f"node_{name}", _text(item[name])) for name in NODE_KEYS
                 if item.get(name) is not None],
            )  # fmt: skip
        else:
            element = _element(
                "edge", {"id": f"e{written}", "source": item["source"], "target": item["target"]},
                [(f"edge_{name}", _text(item[name])) for name in EDGE_KEYS],
            )  # fmt: skip
        opening = "" if any(self.counts) else f"{self.OPEN_GRAPH}>"
        return f"{opening}\n    {element}"

    def end(self, pass_: int) -> str:
        if pass_ == 0:
            return ""
        # With no node the graph element is empty, `<graph ... />`, as ElementTree writes it.
        return (
            "\n  </graph>\n</graphml>" if any(self.counts) else f"{self.OPEN_GRAPH} />\n</graphml>"
        )


# ElementTree's escapes (xml/etree/ElementTree.py: _escape_cdata, _escape_attrib).
CDATA_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
     "\t": "&#09;"}
)  # fmt: skip


def _element(tag: str, attributes: dict[str, str], data: list[tuple[str, str]]) -> str:
    """A node or edge with its `<data>`, as ElementTree writes and indents it inside the
    graph; written by hand, as ElementTree took a third of a GraphML export's time."""
    opening = tag + "".join(
        f' {name}="{value.translate(ATTRIBUTE_ESCAPES)}"' for name, value in attributes.items()
    )
    children = "".join(
        f'\n      <data key="{key}">{text.translate(CDATA_ESCAPES)}</data>'
        if text
        else f'\n      <data key="{key}" />'
        for key, text in data
    )
    return f"<{opening}>{children}\n    </{tag}>" if data else f"<{opening} />"


def _xml(element: ET.Element, level: int) -> str:
    """The element as ElementTree writes it at `level` of an indented document."""
    ET.indent(element, level=level)
    return ET.tostring(element, encoding="unicode")


class GexfWriter(Writer):
    """The contact network as GEXF 1.2 for Gephi: actors as nodes, a contact as an edge
    weighted by its interactions, with their dates as spells so the timeline plays it (a
    spell open at an end the date is not bounded at) and the contact's first and last.
    networkx writes GEXF from a whole graph, so the network is built first and written at
    the end; it is one edge per pair of actors, not one per participation."""

    def __init__(self) -> None:
        import networkx as nx  # only the GEXF export needs it

        self.nx = nx
        self.graph = nx.Graph(mode="dynamic")

    def row(self, row: Row, pass_: int) -> str:
        for actor in (row["a"], row["b"]):
            self.graph.add_node(actor["id"], label=actor["name"], kind=actor["kind"])
        edge: dict[str, Any] = {"weight": row["interactions"]}
        # The pair's dates as bounds; GEXF has no null, so an unknown one is left out.
        for key in ("first", "first_bound", "last", "last_bound"):
            if row[key] is not None:
                edge[key] = row[key]
        if row["spells"]:
            edge["spells"] = [tuple(spell) for spell in row["spells"]]
        self.graph.add_edge(row["a"]["id"], row["b"]["id"], **edge)
        return ""

    def end(self, pass_: int) -> str:
        lines = self.nx.generate_gexf(self.graph, version="1.2draft")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


class FtmWriter(Writer):
    """FollowTheMoney entities, one JSON object a line (actorgraph/ftm_export.py)."""

    def __init__(self) -> None:
        from actorgraph.ftm_export import FtmEntities

        self.entities = FtmEntities()  # FtmMissing without the library, before any output

    def row(self, row: Row, pass_: int) -> str:
        return "".join(
            json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in self.entities.of(row)
        )


WRITERS: dict[str, type[Writer]] = {
    "graphml": GraphmlWriter,
    "csv": CsvWriter,
    "json": JsonWriter,
    "gexf": GexfWriter,
    "ftm": FtmWriter,
}
assert set(WRITERS) == set(FORMATS) == set(MEDIA_TYPES) == set(SOURCE_QUERY)


def writer_for(fmt: str) -> Writer:
    """A writer of `fmt`, one of FORMATS; FtmMissing for ftm without its library."""
    return WRITERS[fmt]()
