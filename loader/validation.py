"""Validate dataset files: YAML syntax, schema, references, vocabulary,
dates and quotes.

``validate_paths`` never stops at the first problem: it collects every error
and warning into a ``ValidationReport`` (see ``loader.validation_report`` for what an
``Issue`` names). The checks live in modules of their own, run in this order:

- ``loader.yaml_files``: reading and parsing each file, within ``Limits.max_file_bytes``;
- ``loader.validation_messages``: pydantic's schema errors as plain messages;
- ``loader.references``: ids defined across files, and references to them;
- ``loader.record_checks`` and ``loader.date_checks``: the rules of each record;
- ``loader.quotes``: quotes against the source texts, with their offsets;
- ``loader.name_clashes`` and ``loader.date_checks``: rules across records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from loader.dataset import SourceFile
from loader.dataset_index import DatasetIndex
from loader.date_checks import LinkedDates
from loader.gc_pause import gc_paused
from loader.json_parts import is_json, read_parts
from loader.name_clashes import NameOwners
from loader.quotes import Offsets, QuoteCheck
from loader.record_checks import check_file
from loader.references import (
    Registry,
    check_place_actor_clashes,
    note_loaded_sources,
    register,
)
from loader.validation_limits import DEFAULT_LIMITS, Limits
from loader.validation_messages import COLLECTIONS, schema_issues
from loader.validation_report import (
    FILE_LEVEL,
    FileChanged,
    FileIssues,
    Issue,
    LoadedFile,
    RecordsPart,
    ValidationReport,
)
from loader.yaml_files import FileRefused, parse_mapping, read_text

# What to do with a dataset file over Limits.max_file_bytes that is not JSON.
LARGE_FILE_ADVICE = "split it into one file per source, or write it as JSON, which is read in parts"
# The two passes, as `progress` names them.
READING_IDS = "reading ids"
CHECKING_RECORDS = "checking records"
FileProgress = Callable[[str, int, int], None]

__all__ = [
    "DEFAULT_LIMITS",
    "Issue",
    "Limits",
    "LoadedFile",
    "ValidationReport",
    "validate_paths",
]


def validate_paths(
    paths: Sequence[Path],
    *,
    sources_dir: Path | None,
    strict: bool,
    loaded: Sequence[Path] = (),
    limits: Limits = DEFAULT_LIMITS,
    known_offsets: Offsets | None = None,
    progress: FileProgress | None = None,
) -> ValidationReport:
    """Validate dataset files (or directories of them) together.

    References resolve across all files given together, so a second source
    may refer to actors that the seed defines. `loaded` are the files of the
    sources already in the graph that the given files do not replace: they are
    validated with them, and messages name them as where an id was looked for.
    `known_offsets` are where quotes were found when their sources were loaded: a quote
    whose text is absent here counts as verified at that place. `progress` is called after
    each file of each pass with the pass's name, the files done and the files in all.
    """
    with gc_paused():
        return _validate_paths(
            [*paths, *loaded],
            sources_dir=sources_dir,
            strict=strict,
            loaded=loaded,
            limits=limits,
            known_offsets=known_offsets or {},
            progress=progress or (lambda step, done, total: None),
        )


@dataclass
class _Phases:
    """The issues of each kind of check, kept apart while the files are read pass by pass
    and joined at the end in the order a reader expects: every file's schema problems,
    then references, records, texts, quotes, names and linked dates."""

    files: ValidationReport = field(default_factory=ValidationReport)
    registry: ValidationReport = field(default_factory=ValidationReport)
    records: ValidationReport = field(default_factory=ValidationReport)
    texts: ValidationReport = field(default_factory=ValidationReport)
    quotes: ValidationReport = field(default_factory=ValidationReport)
    quote_totals: ValidationReport = field(default_factory=ValidationReport)
    names: ValidationReport = field(default_factory=ValidationReport)
    linked: ValidationReport = field(default_factory=ValidationReport)

    def join_into(self, report: ValidationReport) -> None:
        for phase in vars(self).values():
            report.extend(phase)


def _validate_paths(
    paths: Sequence[Path],
    *,
    sources_dir: Path | None,
    strict: bool,
    loaded: Sequence[Path],
    limits: Limits,
    known_offsets: Offsets,
    progress: FileProgress,
) -> ValidationReport:
    """Two passes over the files, each holding one file's records at a time: the first
    learns every id (references may point to a later file), the second checks each record."""
    report = ValidationReport(index=DatasetIndex())
    phases = _Phases()
    reg = Registry()
    linked = LinkedDates()
    places: list[tuple[LoadedFile, list[str]]] = []
    expanded = _expand(paths, phases.files)
    for done, path in enumerate(expanded, start=1):
        reading = _FirstRead(path, phases.files.about(path), limits)
        for lf, data in reading.parts():
            register(lf, data, reg, phases.registry.about(path))
            if data.places:
                places.append((lf, [p.id for p in data.places]))
            linked.note_targets(data)
        progress(READING_IDS, done, len(expanded))
        if reading.file is not None:
            report.files.append(reading.file)
    check_place_actor_clashes(reg, places, phases.registry)
    note_loaded_sources(reg, report.files, loaded)
    report.index.shared_interactions = reg.shared_interactions
    report.index.shared_statements = reg.shared_statements
    report.index.interaction_ids = len(reg.interactions)
    report.index.statement_ids = len(reg.statements)
    quotes = QuoteCheck(reg, limits, known_offsets)
    quotes.check_texts(sources_dir, phases.texts)
    report.titles = phases.texts.titles
    names = NameOwners()
    for done, lf in enumerate(report.files, start=1):
        ids: dict[str, str] = {}
        found: dict[tuple[str, str], tuple[int, int]] = {}
        for part in _read_again(lf, phases.files.about(lf.path)):
            records = part.data
            check_file(part, reg, phases.records.about(lf.path), ids)
            offsets = quotes.check_file(lf, records, phases.quotes.about(lf.path))
            found.update(offsets)
            names.check(records, phases.names.about(lf.path))
            linked.collect(str(lf.path), records)
            report.index.add_file(records, offsets)
        lf.keep_offsets(found)
        progress(CHECKING_RECORDS, done, len(report.files))
    quotes.finish(strict, phases.quote_totals)
    report.unverified_quotes = phases.quote_totals.unverified_quotes
    report.coverage = phases.quote_totals.coverage
    linked.check(phases.linked)
    phases.join_into(report)
    return report


def _read_again(lf: LoadedFile, issues: FileIssues) -> Iterator[RecordsPart]:
    """The records of a file the first pass read, part by part; an error if it changed or
    went since."""
    try:
        yield from lf.parts()
    except FileChanged as exc:
        issues.error(FILE_LEVEL, "-", str(exc))
    except OSError as exc:
        issues.error(FILE_LEVEL, "-", f"cannot read file: {exc.strerror}")


def _expand(paths: Sequence[Path], report: ValidationReport) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
            if not found:
                report.about(p).error(FILE_LEVEL, "-", "directory has no *.yaml or *.yml files")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            report.about(p).error(FILE_LEVEL, "-", "no such file or directory")
    return files


@dataclass
class _FirstRead:
    """One file in the first pass: its records as they fit the schema, all at once or, for a
    large JSON file, a part at a time (loader/json_parts.py); then `file`, or None when the
    file cannot be read, parsed or fit the schema (its errors are filed)."""

    path: Path
    issues: FileIssues
    limits: Limits
    file: LoadedFile | None = None

    def parts(self) -> Iterator[tuple[LoadedFile, SourceFile]]:
        try:
            if self._too_large() and is_json(self.path):
                yield from self._in_parts()
                return
            text = read_text(self.path, self.limits.max_file_bytes, LARGE_FILE_ADVICE)
            raw = parse_mapping(text)
        except FileRefused as exc:
            self.issues.error(FILE_LEVEL, "-", str(exc))
            return
        data = self._fit(raw, {})
        if data is not None:
            counts = {name: len(getattr(data, name)) for name in COLLECTIONS}
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            self.file = LoadedFile(self.path, data.source, data.draft, counts, digest)
            yield self.file, data

    def _too_large(self) -> bool:
        try:
            return self.path.stat().st_size > self.limits.max_file_bytes
        except OSError:
            return False  # read_text says why it cannot be read

    def _in_parts(self) -> Iterator[tuple[LoadedFile, SourceFile]]:
        sha256 = hashlib.sha256()
        fits = True
        lf: LoadedFile | None = None
        for part in read_parts(self.path, self.limits.records_per_part, sha256):
            data = self._fit(part.raw, part.first)
            if data is None:
                fits = False
                continue
            if lf is None:
                counts = dict.fromkeys(COLLECTIONS, 0)
                lf = LoadedFile(self.path, data.source, data.draft, counts, "")
                lf.records_per_part = self.limits.records_per_part
            for name in COLLECTIONS:
                lf.counts[name] += len(getattr(data, name))
            yield lf, data
        if lf is not None and fits:
            lf.digest = sha256.hexdigest()
            self.file = lf

    def _fit(self, raw: dict[str, Any], first: Mapping[str, int]) -> SourceFile | None:
        try:
            return SourceFile.model_validate(raw)
        except ValidationError as exc:
            for record, fld, message in schema_issues(exc, raw, first):
                self.issues.error(record, fld, message)
            return None
