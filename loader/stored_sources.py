"""What the graph keeps of each live source, so that a load from any machine rebuilds it.

A load writes the whole graph again: the files given, plus every live source they do not
replace. Those other sources come from the graph itself, not from files on this machine:
each Source has a SourceFile node beside it with its data file's content and the offsets
of its quotes in the source text. A machine without the text reuses the offsets, so the
graph stays the one the source's own curator loaded; a machine with the text finds them
again. Graphs loaded before sources were stored name a file path instead, read if it exists.
"""

from __future__ import annotations

import base64
import getpass
import json
import socket
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from neo4j import Driver

from actorgraph.queries import load_statement

if TYPE_CHECKING:
    from loader.row_values import Row
    from loader.validation import ValidationReport

# The folder name that messages show for a source rebuilt from the graph.
FROM_GRAPH = "live-sources-from-graph"


@dataclass(frozen=True)
class LiveSource:
    id: str
    file: str | None
    digest: str | None
    records: int | None
    loaded_at: str | None
    loaded_by: str | None
    path: str | None
    # The file's UTF-8 text, zlib-compressed: bytes in Neo4j, base64 in a JSON-ready row.
    content: str | None
    offsets: str | None

    @property
    def text(self) -> str | None:
        if self.content is None:
            return None
        return zlib.decompress(base64.b64decode(self.content)).decode("utf-8")

    def quote_offsets(self, foreign_only: bool = False) -> dict[tuple[str, str], tuple[int, int]]:
        """(source, quote) -> (start, end) of the quotes its file placed: [quote, start, end]
        in its own text, [quote, start, end, source] in another's. (Before 2026-12, a
        source kept the quotes of any file that cited it, all of them in its own text.)"""
        return {
            (entry[3] if len(entry) > 3 else self.id, entry[0]): (entry[1], entry[2])
            for entry in json.loads(self.offsets or "[]")
            if len(entry) > 3 or not foreign_only
        }


def live_sources(driver: Driver, database: str) -> list[LiveSource]:
    return [LiveSource(**row) for row in load_statement("live_sources").run(driver, database)]


@dataclass
class CarriedOver:
    """The live sources a load keeps: their files (rebuilt in `folder`), the offsets of
    their quotes, and the sources that can be rebuilt from neither graph nor file."""

    sources: dict[str, LiveSource]
    paths: list[Path]
    offsets: dict[tuple[str, str], tuple[int, int]]
    missing: list[str]


def carry_over(live: list[LiveSource], replaced: set[str], folder: Path) -> CarriedOver:
    carried = CarriedOver({}, [], {}, [])
    for source in live:
        if source.id in replaced:
            # What it placed in other sources' texts still holds for those texts.
            carried.offsets.update(source.quote_offsets(foreign_only=True))
            continue
        if source.text is not None:
            path = folder / FROM_GRAPH / (source.file or f"{source.id}.yaml")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source.text, encoding="utf-8")
        elif source.path and Path(source.path).exists():
            path = Path(source.path)
        else:
            carried.missing.append(f"{source.id} (last loaded from {source.path})")
            continue
        carried.sources[source.id] = source
        carried.paths.append(path)
        carried.offsets.update(source.quote_offsets())
    return carried


def loaded_by() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()}"


def load_time() -> str:
    """When a load ran, taken once and written everywhere it shows (its sources, its
    changeset, the dataset), in the form Neo4j's toString() gives a datetime, so that
    `actorgraph sources`, /changes and /health name one load by one time."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamp_sources(
    source_rows: list[Row],
    report: ValidationReport,
    live: list[LiveSource],
    carried: Mapping[str, LiveSource],
    *,
    at: str,
) -> Iterator[Row]:
    """Add to each source's row its file name, digest, record count and who loaded it when;
    returns the SourceFile rows, each read when it is written. A source whose file is
    unchanged keeps when and by whom it was loaded, so that loading the same files again
    gives the identical graph."""
    previous = {source.id: source for source in live}
    now, who = at, loaded_by()
    by_id = {row["id"]: row for row in source_rows}
    for loaded in report.files:
        sid = loaded.source.id
        stored = carried.get(sid)
        before = previous.get(sid)
        # The digest of the bytes validated: those of the file, or of the copy rebuilt
        # from the graph's content for a source carried over.
        kept = before is not None and before.digest == loaded.digest
        by_id[sid]["props"].update(
            file=stored.file if stored and stored.file else loaded.path.name,
            digest=loaded.digest,
            records=loaded.records,
            loaded_at=before.loaded_at if kept and before else now,
            loaded_by=before.loaded_by if kept and before else who,
        )
    return _source_file_rows(report, carried)


def _source_file_rows(report: ValidationReport, carried: Mapping[str, LiveSource]) -> Iterator[Row]:
    for loaded in report.files:
        sid = loaded.source.id
        stored = carried.get(sid)
        content = stored.text if stored else None
        yield {
            "id": sid,
            "props": {
                "content": _compressed(content) if content is not None else _file(loaded.path),
                "offsets": loaded.offsets_json(),
            },
        }


def _compressed(text: str) -> bytes:
    # Level 1: an eighth of the size (600 MB of YAML at 1M interactions) for 4 s of a 1M
    # load; level 6 saves a third more at twice the time.
    return zlib.compress(text.encode("utf-8"), 1)


def _file(path: Path) -> bytes:
    """`_compressed` of the file's text, read a block at a time: a file read in parts may
    be larger than memory allows to hold twice."""
    packer = zlib.compressobj(1)
    packed: list[bytes] = []
    with path.open(encoding="utf-8") as handle:  # newlines as read_text gives them
        while block := handle.read(1 << 20):
            packed.append(packer.compress(block.encode("utf-8")))
    packed.append(packer.flush())
    return b"".join(packed)
