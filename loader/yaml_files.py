"""Reading a dataset file into a mapping: size limit, UTF-8, strict YAML (or fast JSON).

Every refusal is a ``FileRefused`` whose message says what is wrong with the file and how
to fix it; the caller decides which file, record and field the message is filed under (a
dataset file's own problem, or a source text named by one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml


class FileRefused(Exception):
    """The file cannot be read as a dataset; the message is meant for the curator."""


class _StrictLoader(yaml.SafeLoader):
    """Safe loader that rejects anchors/aliases and duplicate keys and keeps
    dates as strings (so that an impossible date reaches the schema check
    with its file/record/field instead of crashing the YAML parser)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors and aliases (&name / *name) are not allowed in dataset "
                "files; write each value out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r}; each key may appear once per mapping",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path, max_bytes: int, advice: str = "split it into one file per source") -> str:
    """The file's text; refused when it is over `max_bytes`, before a byte of it is read,
    with `advice` on what to do instead."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"cannot read file: {exc.strerror}") from exc
    if size > max_bytes:
        raise FileRefused(f"file is {size} bytes, over the {max_bytes}-byte limit; {advice}")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from exc


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        keys = [key for key, _ in pairs]
        duplicate = min(key for key in mapping if keys.count(key) > 1)
        raise ValueError(f"duplicate key {duplicate!r}; each key may appear once per mapping")
    return mapping


def _parse_json(text: str) -> Any:
    """Large generated datasets are JSON, which is YAML too, and parses 50x faster.

    JSON has no anchors or aliases, so the strict loader's guard is not needed.
    None when the text is not JSON, so that the YAML parser reports what is wrong.
    """
    if not text.lstrip().startswith("{"):
        return None
    try:
        return json.loads(text, object_pairs_hook=json_object)
    except json.JSONDecodeError:
        return None


def _parse(text: str) -> Any:
    try:
        loaded = _parse_json(text)
        if loaded is None:
            loaded = yaml.load(text, Loader=_StrictLoader)
    except ValueError as exc:
        raise FileRefused(str(exc)) from exc
    except RecursionError:
        raise FileRefused("nested too deeply to be a dataset file; flatten it") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise FileRefused(f"YAML syntax error at {where}{exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise FileRefused(f"YAML error: {exc}") from exc
    return loaded


def parse_mapping(text: str) -> dict[str, Any]:
    """The top-level mapping of a dataset file's text."""
    if not text.strip():
        raise FileRefused("file is empty; a dataset file needs at least a source: section")
    loaded = _parse(text)
    if loaded is None:
        raise FileRefused("file holds no data; a dataset file needs at least a source: section")
    if not isinstance(loaded, dict):
        raise FileRefused(
            f"top level is a {type(loaded).__name__}, expected a mapping with "
            "source:, actors:, places:, affiliations:, memberships:, interactions:, statements:"
        )
    return loaded
