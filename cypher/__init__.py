"""The Cypher text of actorgraph, shipped as package data so that an installed wheel has it.

The files stay plain Cypher, for Neo4j Browser and cypher-shell as much as for the code:
`queries/` the canned queries (one per API endpoint), `schema/` the constraints and indexes,
`load/` the loader's writes and generation statements, `inspect/` what health and the graph
snapshot read, and `style.grass` the Browser style. No Cypher lives in a `.py` file
(tests/test_code_shape.py checks it); actorgraph/queries.py reads the files.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

CYPHER: Traversable = files(__name__)
QUERIES: Traversable = CYPHER / "queries"
SCHEMA: Traversable = CYPHER / "schema"
LOAD: Traversable = CYPHER / "load"
INSPECT: Traversable = CYPHER / "inspect"
BROWSER_STYLE: Traversable = CYPHER / "style.grass"


def cypher_files(folder: Traversable) -> list[Traversable]:
    """The `.cypher` files of a folder, in name order (the schema runs in that order)."""
    return sorted((f for f in folder.iterdir() if f.name.endswith(".cypher")), key=lambda f: f.name)
