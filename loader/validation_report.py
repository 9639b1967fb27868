"""What validation finds, and the one way checks report into it.

An ``Issue`` names the file, the record (its id, or ``<collection>[index]`` when it has
none), the field as a dotted path (``participants[1].role``) and a message that says what is
wrong and how to fix it. Checks never build an ``Issue`` themselves: they get a
``FileIssues`` for the file they look at, so that no check can file an issue under the
wrong file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from loader.dataset import SourceFile

FILE_LEVEL = "(file)"
"""The record of an issue about the whole file rather than one record in it."""


@dataclass(frozen=True)
class Issue:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    data: SourceFile


@dataclass
class ValidationReport:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)
    unverified_quotes: int = 0
    offsets: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    # For a source without a headline: its text's first words (a dateline, as a rule).
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def about(self, path: Path | str) -> FileIssues:
        """Where the checks of one file put what they find."""
        return FileIssues(self, str(path))


@dataclass(frozen=True)
class FileIssues:
    """Errors and warnings about one file, added to the report in the order they are found."""

    report: ValidationReport
    file: str

    def error(self, record: str, field: str, message: str) -> None:
        self.report.errors.append(Issue(self.file, record, field, message))

    def warning(self, record: str, field: str, message: str) -> None:
        self.report.warnings.append(Issue(self.file, record, field, message))
