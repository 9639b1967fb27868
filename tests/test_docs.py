"""The documentation stays true: the generated CLI reference, the settings table, the
commands table and the links. No Neo4j needed."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import click

from actorgraph.cli import cli
from actorgraph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CLI_DOC = ROOT / "docs" / "cli.md"
SETTINGS_DOC = ROOT / "docs" / "settings.md"
PAGES = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "bench" / "results" / "README.md",
]

# Named in the settings table although `Settings` does not read them: the launcher
# (actorgraph/neo4j_java.py) and the Makefile read JAVA_HOME from the environment.
DOCUMENTED_EXTRAS = {"JAVA_HOME"}

README_LIMIT = 8 * 1024  # bytes: the README is the quick start; the rest lives in docs/


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def without_blocks(markdown: str) -> str:
    """The Markdown without HTML comments and fenced blocks: what is left holds the
    headings that render."""
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    return re.sub(r"^(```|~~~).*?^\1[ \t]*$", "", markdown, flags=re.S | re.M)


def without_code(markdown: str) -> str:
    """…and without inline code either: what is left holds the links that render."""
    return re.sub(r"`[^`\n]*`", "code", without_blocks(markdown))


# ------------------------------------------------------------------ the CLI reference


def test_the_cli_reference_is_what_cog_generates(tmp_path: Path) -> None:
    check = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", str(CLI_DOC)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check.returncode == 0:
        return
    fresh = tmp_path / "cli.md"
    subprocess.run(
        [sys.executable, "-m", "cogapp", "-o", str(fresh), str(CLI_DOC)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    diff = "".join(
        difflib.unified_diff(
            text(CLI_DOC).splitlines(keepends=True),
            text(fresh).splitlines(keepends=True) if fresh.exists() else [],
            "docs/cli.md",
            "what cog generates",
        )
    )
    raise AssertionError(
        "docs/cli.md is stale: regenerate it with `.venv/bin/cog -r docs/cli.md`.\n"
        f"{check.stdout}{check.stderr}{diff}"
    )


def command_paths(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*path, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*path, name)))
    return paths


def commands_table() -> str:
    doc = text(CLI_DOC)
    return doc[doc.index("## At a glance") : doc.index("## The help of every command")]


def test_every_actorgraph_command_is_in_the_commands_table() -> None:
    table = commands_table()
    missing = [
        " ".join(path)
        for path in command_paths(cli)
        if f"`actorgraph {' '.join(path)}" not in table
    ]
    assert not missing, f"not in the table of docs/cli.md: {missing}"


def test_every_make_target_is_in_the_commands_table() -> None:
    targets = re.findall(r"^([a-z][a-z0-9-]*):", text(ROOT / "Makefile"), flags=re.M)
    assert "up" in targets and "test" in targets
    table = commands_table()
    missing = [t for t in targets if not re.search(rf"`make {re.escape(t)}`", table)]
    assert not missing, f"make targets not in the table of docs/cli.md: {missing}"


# ----------------------------------------------------------------------- settings


def settings_names() -> set[str]:
    assert not Settings.model_config.get("env_prefix"), "names would carry a prefix"
    for name, field in Settings.model_fields.items():
        assert field.alias is None and field.validation_alias is None, name
    return {name.upper() for name in Settings.model_fields}


def env_example_names() -> set[str]:
    return set(re.findall(r"^#\s*([A-Z][A-Z0-9_]*)=", text(ROOT / ".env.example"), flags=re.M))


def settings_table_names() -> set[str]:
    lines = text(SETTINGS_DOC).splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"\|\s*setting\s*\|", line))
    names: set[str] = set()
    for line in lines[start + 2 :]:  # after the header and the |---| line
        if not line.startswith("|"):
            break
        first_cell = line.split("|")[1]
        names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_settings_env_example_and_the_settings_table_agree() -> None:
    code = settings_names()
    documented = settings_table_names()
    example = env_example_names()
    assert documented >= DOCUMENTED_EXTRAS, "an allowed extra is no longer documented"
    assert documented - DOCUMENTED_EXTRAS == code, (
        f"docs/settings.md misses {sorted(code - documented)}, "
        f"and names what Settings lacks: {sorted(documented - DOCUMENTED_EXTRAS - code)}"
    )
    assert example == code, (
        f".env.example misses {sorted(code - example)}, "
        f"and names what Settings lacks: {sorted(example - code)}"
    )


# -------------------------------------------------------------------------- pages


def test_the_readme_stays_short() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail to docs/"


def mermaid(path: Path) -> list[str]:
    return re.findall(r"^```mermaid\n.*?^```$", text(path), flags=re.S | re.M)


def test_the_graph_picture_is_the_same_in_the_readme_and_the_graph_model() -> None:
    readme = mermaid(ROOT / "README.md")
    assert len(readme) == 1
    assert mermaid(ROOT / "docs" / "graph-model.md") == readme


def github_anchors(markdown: str) -> set[str]:
    """The ids GitHub gives the headings: lower case, punctuation dropped, spaces to
    hyphens, and -1, -2, … on repeats."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", markdown, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.replace("`", "").strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def relative_links(path: Path) -> list[str]:
    links = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", without_code(text(path)))
    return [link for link in links if not re.match(r"[a-z][a-z0-9+.-]*:", link)]


def test_the_pages_exist() -> None:
    missing = [str(page.relative_to(ROOT)) for page in PAGES if not page.is_file()]
    assert not missing
    assert len(PAGES) > 3


def test_every_relative_link_points_at_a_file_that_exists() -> None:
    broken = []
    for page in PAGES:
        for link in relative_links(page):
            target, _, anchor = link.partition("#")
            file = (page.parent / target).resolve() if target else page
            where = f"{page.relative_to(ROOT)}: {link}"
            if not file.exists():
                broken.append(f"{where} (no such file)")
            elif (
                anchor
                and file.suffix == ".md"
                and anchor not in github_anchors(without_blocks(text(file)))
            ):
                broken.append(f"{where} (no such heading)")
    assert not broken, "\n".join(broken)
