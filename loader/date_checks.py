"""Dates: each range agrees with its precision, and linked records' dates agree."""

from __future__ import annotations

import calendar
import datetime as dt

from loader.dataset import DateRange
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


def check_linked_dates(report: ValidationReport) -> None:
    """Warn where linked records' dates contradict each other: a container (`part_of`) must
    cover its parts, and a plan cannot end after the record that carried it out."""
    dated: dict[str, DateRange] = {}
    for lf in report.files:
        for it in lf.data.interactions:
            dated.setdefault(it.id, it.date)
    for lf in report.files:
        issues = report.about(lf.path)
        for it in lf.data.interactions:
            whole = dated.get(it.part_of or "")
            if whole is not None and not _covers(whole, it.date):
                issues.warning(
                    it.id,
                    "date",
                    f"part_of {it.part_of!r}, whose dates ({_span(whole)}) do not cover "
                    f"this record's ({_span(it.date)}); widen the container's range or "
                    "leave the bound it cannot know empty",
                )
            done = dated.get(it.realized_by or "")
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
