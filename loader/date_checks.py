"""Dates: each range agrees with its precision, and linked records' dates agree."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from loader.dataset import DateRange, SourceFile
from loader.validation_report import FileIssues, ValidationReport


def check_date(date: DateRange, issues: FileIssues, record: str, fld: str) -> None:
    """The bounds are in order and say what the precision claims."""
    lo, hi = date.earliest, date.latest
    if lo is not None and hi is not None and lo > hi:
        issues.error(record, fld, f"earliest {lo} is after latest {hi}; swap them or fix the dates")
        return
    message = _precision_mismatch(date.precision, lo, hi)
    if message is not None:
        issues.error(record, fld, message)


def _precision_mismatch(precision: str, lo: dt.date | None, hi: dt.date | None) -> str | None:
    if precision == "day":
        if lo is None or hi is None or lo != hi:
            return (
                "precision day needs earliest and latest set to the same date; "
                "for a range use precision between"
            )
    elif precision == "month":
        if (
            lo is None
            or hi is None
            or lo.day != 1
            or (lo.year, lo.month) != (hi.year, hi.month)
            or hi.day != calendar.monthrange(hi.year, hi.month)[1]
        ):
            return (
                "precision month needs earliest = first and latest = last day of "
                "the same month (e.g. 2015-02-01 .. 2015-02-28)"
            )
    elif precision == "year":
        whole_year = lo is not None and (lo, hi) == (
            dt.date(lo.year, 1, 1),
            dt.date(lo.year, 12, 31),
        )
        if not whole_year:
            return "precision year needs earliest = Jan 1 and latest = Dec 31 of the same year"
    elif precision == "between":
        if lo is None and hi is None:
            return (
                "precision between needs at least one bound; use precision unknown "
                "when the text gives no time words"
            )
        if lo is not None and lo == hi:
            return "earliest equals latest; use precision day"
    elif precision == "unknown" and (lo is not None or hi is not None):
        return (
            "precision unknown must leave earliest and latest empty; "
            "use between or day when the text gives a date"
        )
    return None


class _Linking(NamedTuple):
    """What the check needs of a record that links: not the whole record, which would
    keep every linking interaction of the dataset in memory until the end."""

    id: str
    part_of: str | None
    realized_by: str | None
    status: str
    date: DateRange


@dataclass
class LinkedDates:
    """Warns where linked records' dates contradict each other: a container (`part_of`) must
    cover its parts, and a plan cannot end after the record that carried it out.

    Read in two passes over the files, keeping only what the check needs: the ids that are
    linked to (first pass), then their dates and the records that link (second pass).
    """

    targets: set[str] = field(default_factory=set)
    dated: dict[str, DateRange] = field(default_factory=dict)
    linking: list[tuple[str, _Linking]] = field(default_factory=list)

    def note_targets(self, data: SourceFile) -> None:
        for it in data.interactions:
            self.targets.update(t for t in (it.part_of, it.realized_by) if t)

    def collect(self, path: str, data: SourceFile) -> None:
        for it in data.interactions:
            if it.id in self.targets:
                self.dated.setdefault(it.id, it.date)
            if it.part_of or it.realized_by:
                link = _Linking(it.id, it.part_of, it.realized_by, it.status, it.date)
                self.linking.append((path, link))

    def check(self, report: ValidationReport) -> None:
        for path, it in self.linking:
            self._check(it, report.about(path))

    def _check(self, it: _Linking, issues: FileIssues) -> None:
        whole = self.dated.get(it.part_of or "")
        if whole is not None and not _covers(whole, it.date):
            issues.warning(
                it.id,
                "date",
                f"part_of {it.part_of!r}, whose dates ({_span(whole)}) do not cover "
                f"this record's ({_span(it.date)}); widen the container's range or "
                "leave the bound it cannot know empty",
            )
        done = self.dated.get(it.realized_by or "")
        if (
            done is not None
            and done.latest is not None
            and it.status != "held"
            and (it.date.latest is None or it.date.latest > done.latest)
        ):
            issues.warning(
                it.id,
                "date.latest",
                f"realized_by {it.realized_by!r} on {_span(done)}, so this "
                f"{it.status} record ends no later than {done.latest}; set latest",
            )


def _covers(whole: DateRange, part: DateRange) -> bool:
    """Every bound the container sets holds for the part: an open bound of the part may
    cross it."""
    if whole.earliest is not None and (part.earliest is None or part.earliest < whole.earliest):
        return False
    return whole.latest is None or (part.latest is not None and part.latest <= whole.latest)


def _span(date: DateRange) -> str:
    return f"{date.earliest or '…'} to {date.latest or '…'}"
