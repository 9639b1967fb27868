"""What validation finds, and the one way checks report into it.

An ``Issue`` names the file, the record (its id, or ``<collection>[index]`` when it has
none), the field as a dotted path (``participants[1].role``) and a message that says what is
wrong and how to fix it. Checks never build an ``Issue`` themselves: they get a
``FileIssues`` for the file they look at, so that no check can file an issue under the
wrong file.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from loader.dataset import Source, SourceFile
from loader.json_parts import read_parts
from loader.yaml_files import FileRefused, parse_mapping

FILE_LEVEL = "(file)"
"""The record of an issue about the whole file rather than one record in it."""

KEPT_ISSUES = 10_000
"""Errors (and warnings) a report keeps; more are counted, not kept: a dataset given without
its actors' file has an error per participant, and at 10M interactions those took 13 GB."""


@dataclass(frozen=True)
class Issue:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


class FileChanged(Exception):
    """A dataset file changed between its validation and a later read of it."""


@dataclass
class LoadedFile:
    """A file that fits the schema: what the load needs of it without its records, which are
    read again when needed (`read`), so that a dataset of any size is never in memory whole.
    """

    path: Path
    source: Source
    draft: bool
    # Records per collection (actors, places, interactions ...).
    counts: dict[str, int]
    # sha256 of the bytes validated: a later read that finds other bytes refuses them.
    digest: str
    # Where its quotes were found (or known from the graph), zlib-compressed JSON of
    # [quote, start, end] for its own source and [quote, start, end, source] for another.
    quote_offsets: bytes = b""
    # Records per part for a large JSON file read in parts (loader/json_parts.py); 0 when
    # the file is read whole.
    records_per_part: int = 0

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def read(self) -> SourceFile:
        """The file's records, read again; refused if the file changed since validation."""
        if self.records_per_part:
            return _joined(part.data for part in self.parts())
        data = self.path.read_bytes()
        if hashlib.sha256(data).hexdigest() != self.digest:
            raise FileChanged(self._changed())
        return SourceFile.model_validate(_parse_validated(data))

    def parts(self) -> Iterator[RecordsPart]:
        """The file's records read again, a part at a time when the file is read in parts
        (whole otherwise). Refused (FileChanged) if the file changed since validation: for a
        file read in parts, that is known once its last part is read."""
        if not self.records_per_part:
            yield RecordsPart(self.read())
            return
        sha256 = hashlib.sha256()
        try:
            for part in read_parts(self.path, self.records_per_part, sha256):
                yield RecordsPart(SourceFile.model_validate(part.raw), part.number, part.first)
        except (FileRefused, ValidationError) as exc:  # it read and fitted the schema before
            raise FileChanged(self._changed()) from exc
        if sha256.hexdigest() != self.digest:
            raise FileChanged(self._changed())

    def _changed(self) -> str:
        return (
            f"{self.path} changed after it was validated; nothing was written. "
            "Run the command again once the file is saved."
        )

    def offsets(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(source, quote) -> (start, end) for the quotes of this file that were placed."""
        if not self.quote_offsets:
            return {}
        sid = self.source.id
        return {
            (entry[3] if len(entry) > 3 else sid, entry[0]): (entry[1], entry[2])
            for entry in json.loads(zlib.decompress(self.quote_offsets))
        }

    def keep_offsets(self, found: Mapping[tuple[str, str], tuple[int, int]]) -> None:
        """Keep where the file's quotes were found (`quote_offsets`), sorted."""
        own = self.source.id
        entries = sorted(
            [quote, start, end] if source == own else [quote, start, end, source]
            for (source, quote), (start, end) in found.items()
        )
        if entries:
            self.quote_offsets = zlib.compress(json.dumps(entries, ensure_ascii=False).encode(), 1)

    def offsets_json(self) -> str:
        """The stored form of `quote_offsets` (loader/stored_sources.py)."""
        return zlib.decompress(self.quote_offsets).decode("utf-8") if self.quote_offsets else "[]"


@dataclass(frozen=True)
class RecordsPart:
    """Records of one file: all of them, or one part of a file read in parts. `first` says
    where the part's first interaction and statement stand in the whole file."""

    data: SourceFile
    number: int = 0
    first: Mapping[str, int] = field(default_factory=dict)

    def index(self, collection: str, i: int) -> int:
        """The index in the whole file of the part's record `i` of `collection`."""
        return self.first.get(collection, 0) + i


def _joined(parts: Iterable[SourceFile]) -> SourceFile:
    """A file read in parts, whole again (for the few readers that need it whole)."""
    whole: SourceFile | None = None
    for data in parts:
        if whole is None:
            whole = data
        else:
            whole.interactions.extend(data.interactions)
            whole.statements.extend(data.statements)
    assert whole is not None  # a file has one part at least
    return whole


def _parse_validated(data: bytes) -> Any:
    # The bytes passed the strict reader already (duplicate keys, anchors): JSON, the form of
    # large generated files, needs only the fast parser now.
    if data.lstrip()[:1] == b"{":
        return orjson.loads(data)
    return parse_mapping(data.decode("utf-8"))


@dataclass
class ValidationReport:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)
    unverified_quotes: int = 0
    coverage: dict[str, float] = field(default_factory=dict)
    # For a source without a headline: its text's first words (a dateline, as a rule).
    titles: dict[str, str] = field(default_factory=dict)
    # What the load needs across files, gathered while validating (loader/dataset_index.py).
    index: Any = None
    # Issues past KEPT_ISSUES, counted only.
    errors_not_kept: int = 0
    warnings_not_kept: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.errors_not_kept

    @property
    def offsets(self) -> dict[tuple[str, str], tuple[int, int]]:
        """Where every placed quote of every file is: (source, quote) -> (start, end)."""
        found: dict[tuple[str, str], tuple[int, int]] = {}
        for lf in self.files:
            found.update(lf.offsets())
        return found

    def extend(self, other: ValidationReport) -> None:
        """Append the issues of `other` after this report's own (as many as are kept)."""
        self.errors_not_kept += other.errors_not_kept + _keep(self.errors, other.errors)
        self.warnings_not_kept += other.warnings_not_kept + _keep(self.warnings, other.warnings)

    def about(self, path: Path | str) -> FileIssues:
        """Where the checks of one file put what they find."""
        return FileIssues(self, str(path))


@dataclass(frozen=True)
class FileIssues:
    """Errors and warnings about one file, added to the report in the order they are found."""

    report: ValidationReport
    file: str

    def error(self, record: str, field: str, message: str) -> None:
        report = self.report
        report.errors_not_kept += _keep(report.errors, [Issue(self.file, record, field, message)])

    def warning(self, record: str, field: str, message: str) -> None:
        report = self.report
        report.warnings_not_kept += _keep(
            report.warnings, [Issue(self.file, record, field, message)]
        )


def _keep(kept: list[Issue], more: list[Issue]) -> int:
    """Append to `kept` what fits under KEPT_ISSUES; returns how many did not fit."""
    room = max(0, KEPT_ISSUES - len(kept))
    kept.extend(more[:room])
    return max(0, len(more) - room)
