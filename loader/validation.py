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

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from loader.dataset import SourceFile
from loader.date_checks import check_linked_dates
from loader.gc_pause import gc_paused
from loader.name_clashes import check_names
from loader.quotes import Offsets, check_quotes
from loader.record_checks import check_file
from loader.references import build_registry
from loader.validation_limits import DEFAULT_LIMITS, Limits
from loader.validation_messages import schema_issues
from loader.validation_report import (
    FILE_LEVEL,
    FileIssues,
    Issue,
    LoadedFile,
    ValidationReport,
)
from loader.yaml_files import FileRefused, parse_mapping, read_text

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
) -> ValidationReport:
    """Validate dataset files (or directories of them) together.

    References resolve across all files given together, so a second source
    may refer to actors that the seed defines. `loaded` are the files of the
    sources already in the graph that the given files do not replace: they are
    validated with them, and messages name them as where an id was looked for.
    `known_offsets` are where quotes were found when their sources were loaded: a quote
    whose text is absent here counts as verified at that place.
    """
    with gc_paused():
        return _validate_paths(
            [*paths, *loaded],
            sources_dir=sources_dir,
            strict=strict,
            loaded=loaded,
            limits=limits,
            known_offsets=known_offsets or {},
        )


def _validate_paths(
    paths: Sequence[Path],
    *,
    sources_dir: Path | None,
    strict: bool,
    loaded: Sequence[Path],
    limits: Limits,
    known_offsets: Offsets,
) -> ValidationReport:
    report = ValidationReport()
    for path in _expand(paths, report):
        data = _load_file(path, report.about(path), limits)
        if data is not None:
            report.files.append(LoadedFile(path, data))
    reg = build_registry(report, loaded)
    for lf in report.files:
        check_file(lf, reg, report.about(lf.path))
    check_quotes(report, reg, sources_dir, strict=strict, limits=limits, known=known_offsets)
    check_names(report)
    check_linked_dates(report)
    return report


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


def _load_file(path: Path, issues: FileIssues, limits: Limits) -> SourceFile | None:
    """The file's records, or None when it cannot be read, parsed or fit the schema."""
    try:
        raw = parse_mapping(read_text(path, limits.max_file_bytes))
    except FileRefused as exc:
        issues.error(FILE_LEVEL, "-", str(exc))
        return None
    try:
        return SourceFile.model_validate(raw)
    except ValidationError as exc:
        for record, fld, message in schema_issues(exc, raw):
            issues.error(record, fld, message)
        return None
