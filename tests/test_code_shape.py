"""The code keeps its shape: Cypher in cypher/, small modules, short functions, and every
statement file in the one header format."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from checkout import PROJECT_ROOT

from actorgraph.queries import catalogue, parse_query_file
from cypher import CYPHER, cypher_files

LIBRARY_PACKAGES = ("loader", "api", "actorgraph")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# A clause keyword followed by what a clause takes: a pattern, a name, a parameter or a
# procedure. Upper case only: Cypher in this project is written that way, prose is not.
CYPHER_CLAUSE = re.compile(
    r"\b(?:OPTIONAL MATCH|MATCH|MERGE|CREATE|UNWIND|DETACH DELETE)\s+[(\w$`]"
    r"|\bCALL\s*\([\w\s,]*\)\s*\{|\bCALL\s+\w+\.\w"
    r"|\bRETURN\s+[\w$`(]+(?:\s+AS\b|\s*,|\s*$)"
    r"|\bWITH\s+\w+\s*(?:,|\bAS\b|\bWHERE\b)"
)


# The example request of POST /cypher in its OpenAPI schema: documentation, not a statement
# the code runs.
DOCUMENTED_EXAMPLES = ("api/schemas",)


def library_modules() -> list[Path]:
    return sorted(
        path
        for package in LIBRARY_PACKAGES
        for path in (PROJECT_ROOT / package).rglob("*.py")
        if "build" not in path.parts
    )


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string constants that are docstrings (module, class, function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def cypher_in_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    return [
        f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and CYPHER_CLAUSE.search(node.value)
    ]


def test_the_cypher_detector_knows_a_statement_from_prose() -> None:
    assert CYPHER_CLAUSE.search("MATCH (a:Actor) RETURN a.id AS id")
    assert CYPHER_CLAUSE.search("UNWIND $rows AS r MERGE (n:Actor {id: r.id})")
    assert CYPHER_CLAUSE.search("CALL db.awaitIndexes(300)")
    assert not CYPHER_CLAUSE.search("refused: the query contains a write (MERGE)")
    assert not CYPHER_CLAUSE.search("Match the spelling; return later")
    assert CYPHER_CLAUSE.search("CALL (n) { DETACH DELETE n }")
    assert not CYPHER_CLAUSE.search("a write (FOREACH, or a CALL subquery that writes)")
    assert not CYPHER_CLAUSE.search("refused: CALL { … } IN TRANSACTIONS")


def test_no_cypher_statement_lives_in_a_python_string() -> None:
    found = [
        hit
        for path in library_modules()
        if not str(path.relative_to(PROJECT_ROOT)).startswith(DOCUMENTED_EXAMPLES)
        for hit in cypher_in_strings(path)
    ]
    assert not found, "Cypher belongs in cypher/*.cypher:\n" + "\n".join(found)


def test_no_module_outside_tests_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PROJECT_ROOT)): lines
        for path in library_modules() + sorted((PROJECT_ROOT / "bench").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these modules: {long}"


def test_no_function_outside_tests_is_over_60_lines() -> None:
    long = []
    for path in library_modules() + sorted((PROJECT_ROOT / "bench").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {node.name}")
    assert not long, f"shorten these functions: {long}"


STATEMENT_FOLDERS = ("load", "inspect")


@pytest.mark.parametrize("folder", STATEMENT_FOLDERS)
def test_every_statement_file_has_the_canned_query_header(folder: str) -> None:
    files = cypher_files(CYPHER / folder)
    assert files
    for path in files:
        query = parse_query_file(path)
        assert query.title and query.description, path.name
        assert query.parameter_names == query.used_parameters(), path.name
        assert query.text.rstrip().endswith(";"), path.name


def test_a_statement_read_by_the_code_exists_as_a_file() -> None:
    used = set()
    for path in library_modules():
        text = path.read_text(encoding="utf-8")
        used |= {("load", n) for n in re.findall(r'load_statement\("(\w+)"\)', text)}
        used |= {("inspect", n) for n in re.findall(r'inspect_query\("(\w+)"\)', text)}
        used |= {("queries", n) for n in re.findall(r'canned\("(\w+)"\)', text)}
    missing = [
        f"cypher/{folder}/{name}.cypher" for folder, name in used if name not in catalogue(folder)
    ]
    assert not missing, missing
