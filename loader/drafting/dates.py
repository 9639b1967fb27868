"""Date expressions in a sentence, resolved against the dateline (data/README.md, "Dates").

Rule-based and cautious: a phrase is resolved only when its words fix the date, and anything
else gives no date. Calendar dates are read as written; weekdays, "yesterday", "last week"
and the like count back from the source's date; "the next day", "that day" and the like
count from the last dated event before the sentence (`previous`). Relative words inside a
quotation are skipped: they count from the day the words were said, which the text may not
give.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

Precision = Literal["day", "month", "year", "between", "unknown"]


@dataclass(frozen=True)
class ResolvedDate:
    precision: Precision
    earliest: dt.date | None
    latest: dt.date | None
    phrase: str | None  # verbatim as in the sentence; None when unknown
    start: int | None  # character offsets of phrase within the sentence
    end: int | None
    notes: str


UNKNOWN = ResolvedDate("unknown", None, None, None, None, None, "the text gives no date for it")


@dataclass(frozen=True)
class _Context:
    sentence: str
    dateline: dt.date
    previous: ResolvedDate | None


_Resolver = Callable[[re.Match[str], _Context], ResolvedDate | None]

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_STEPS = (MO, TU, WE, TH, FR, SA, SU)
MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(calendar.month_name) if name},
    **{"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8},
    **{"Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12},
}
COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
COUNT_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}

# Month and weekday names must be capitalised: "Russia may agree" and "the march on Kyiv"
# are not dates. Longest names first, so "March" is tried before "Mar".
_MONTH = (
    r"(?-i:(?P<month>"
    + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
    + r"))\b\.?(?!'s|’s)"
)
_WEEKDAY = r"(?-i:(?P<weekday>" + "|".join(WEEKDAY_NAMES) + r"))\b"
_PART_OF_DAY = r"(?-i:morning|afternoon|evening|night)"
_COUNT = r"(?P<count>" + "|".join(COUNT_WORDS) + r"|\d{1,2})"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)\b(?![-–/]\d)"
# Words that make a count approximate ("more than three weeks ago"): no bounds from it.
_HEDGE = r"(?:(?P<hedge>more\s+than|over|about|nearly|almost|some|roughly|around|at\s+least)\s+)?"
# What follows "the day before" or "the same day" when they point at another event ("the
# day before the summit", "the same day Putin held a rally"), not at the previous one.
_POINTS_ELSEWHERE = (
    r"(?!\s+(?:(?:the|a|an|his|her|its|their|this|that|as|when)\b|(?-i:[A-Z])|\w+['’]s))"
)
# Names that hold a weekday but are no date: "Good Friday", "the Sunday Times".
_NAME_BEFORE = r"(?:(?P<name_before>(?-i:Good|Black|Bloody|Super|Ash|Palm|Easter|Holy|Cyber))\s+)?"
_NAME_AFTER = (
    r"(?P<name_after>\s+(?-i:Times|Telegraph|Express|Mirror|Herald|Post|Mail|People"
    r"|Independent|Sport|World|Star|Tribune|Night|Morning|Evening|School|Club)\b)?"
)


def _found(
    match: re.Match[str], precision: Precision, lo: dt.date | None, hi: dt.date | None, how: str
) -> ResolvedDate:
    phrase = match.group(0)
    return ResolvedDate(precision, lo, hi, phrase, match.start(), match.end(), f'"{phrase}" {how}')


def _on_day(match: re.Match[str], day: dt.date, how: str) -> ResolvedDate:
    return _found(match, "day", day, day, f"{how}: {day.isoformat()}")


def _weekday_and_date(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def _before_dateline(context: _Context) -> str:
    return f"before the dateline, {_weekday_and_date(context.dateline)}"


def _count(match: re.Match[str]) -> int:
    word = match.group("count").lower()
    return int(word) if word.isdigit() else COUNT_WORDS[word]


# Calendar dates


def _calendar_day(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    year_given = match.group("year")
    year = int(year_given) if year_given else context.dateline.year
    try:
        day = dt.date(year, MONTH_NUMBERS[match.group("month")], int(match.group("day")))
    except ValueError:  # "Feb. 30": not a date, so no date
        return None
    if year_given:
        return _on_day(match, day, "as written")
    how = f"with no year, in the dateline's year {year}"
    if day > context.dateline:
        how += " (after the dateline: a plan or a schedule)"
    return _on_day(match, day, how)


def _month(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    month = MONTH_NUMBERS[match.group("month")]
    if match.group("year"):
        year, how = int(match.group("year")), "as written"
    elif month <= context.dateline.month:
        year, how = context.dateline.year, "with no year, in the dateline's year"
    else:
        # A month still ahead this year, named with no year, is the one already past.
        year = context.dateline.year - 1
        after = f"after the dateline's month ({context.dateline:%B %Y})"
        how = f"with no year: {after}, so the year before"
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return _found(match, "month", first, last, f"{how}: {first:%B %Y}")


def _year(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    year = int(match.group("year"))
    return _found(match, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), f"as written: {year}")


# Counted back from the dateline


def _weekday(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    lead = (match.group("lead") or "").lower()
    if match.group("name_before") or match.group("name_after") or lead in _FORWARD_LEADS:
        return None
    step = _WEEKDAY_STEPS[WEEKDAY_NAMES.index(match.group("weekday"))]
    # Strictly before the dateline: "Last Monday" on a Monday is a week before.
    day: dt.date = context.dateline + relativedelta(days=-1, weekday=step(-1))
    return _on_day(match, day, _before_dateline(context))


_FORWARD_LEADS = {"next", "this", "coming", "this coming", "every", "by", "until", "till"}


def _days_back(days: int) -> _Resolver:
    def resolve(match: re.Match[str], context: _Context) -> ResolvedDate | None:
        if not _lowercase_unless_first(match):
            return None
        day = context.dateline - dt.timedelta(days=days)
        return _on_day(match, day, _before_dateline(context) if days else "is the dateline")

    return resolve


def _lowercase_unless_first(match: re.Match[str]) -> bool:
    """ "Russia Today" and "USA Today" are names; "Today" opening a sentence is a date."""
    return match.start() == 0 or match.group(0)[0].islower()


def _weeks_ago(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    if match.group("hedge"):
        return None
    weeks = _count(match)
    monday: dt.date = context.dateline + relativedelta(weeks=-weeks, weekday=MO(-1))
    sunday = monday + dt.timedelta(days=6)
    how = f"{_before_dateline(context)}: Monday to Sunday of that week"
    return _found(match, "between", monday, sunday, f"{how}, {monday} to {sunday}")


def _last_week(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    monday: dt.date = context.dateline + relativedelta(weeks=-1, weekday=MO(-1))
    sunday = monday + dt.timedelta(days=6)
    how = f"{_before_dateline(context)}: Monday to Sunday of the week before"
    return _found(match, "between", monday, sunday, f"{how}, {monday} to {sunday}")


def _last_month(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    first: dt.date = context.dateline.replace(day=1) + relativedelta(months=-1)
    last = context.dateline.replace(day=1) - dt.timedelta(days=1)
    return _found(match, "month", first, last, f"{_before_dateline(context)}: {first:%B %Y}")


def _last_year(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    year = context.dateline.year - 1
    how = f"{_before_dateline(context)}: {year}"
    return _found(match, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), how)


# Counted from the previous event


def _from_previous(days: int | None) -> _Resolver:
    """Resolves against `previous`, `days` after it (negative: before); None: count in match."""

    def resolve(match: re.Match[str], context: _Context) -> ResolvedDate | None:
        previous = context.previous
        if previous is None or previous.precision != "day" or previous.earliest is None:
            return None
        if match.groupdict().get("hedge"):
            return None
        shift = days if days is not None else _count(match) * _direction(match)
        day = previous.earliest + dt.timedelta(days=shift)
        return _on_day(
            match, day, f"from the previous event, {_weekday_and_date(previous.earliest)}"
        )

    return resolve


def _direction(match: re.Match[str]) -> int:
    return 1 if match.group(0).lower().endswith("later") else -1


_RULES: tuple[tuple[str, _Resolver], ...] = (
    (
        r"\b(?:on\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + ")?",
        _calendar_day,
    ),
    (
        r"\b(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH
        + r"(?:,?\s+"
        + _YEAR
        + ")?",
        _calendar_day,
    ),
    # A month is read with "in" ("in March") or with its year ("February 2015"); never alone,
    # and never when a day follows ("in March 10" is the day).
    (
        r"\bin\s+(?:(?:early|mid|late)[\s-])?" + _MONTH + r"(?:,?\s+" + _YEAR + r"|(?!\.?\s*\d))",
        _month,
    ),
    (r"\b" + _MONTH + r",?\s+" + _YEAR, _month),
    (r"\bin\s+" + _YEAR + r"(?![.,]\d)", _year),
    (
        r"\b(?:(?P<lead>on|last|this\s+past|next|this\s+coming|this|coming|every|by|until|till)\s+)?"
        + _NAME_BEFORE
        + _WEEKDAY
        + _NAME_AFTER
        + r"(?:\s+"
        + _PART_OF_DAY
        + r")?",
        _weekday,
    ),
    (r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", _days_back(0)),
    (r"\b(?:yesterday(?:\s+" + _PART_OF_DAY + r")?|last\s+night)\b", _days_back(1)),
    (r"\bthe\s+day\s+before\s+yesterday\b", _days_back(2)),
    (r"\blast\s+week\b", _last_week),
    (r"\b" + _HEDGE + _COUNT + r"\s+weeks?\s+ago\b", _weeks_ago),
    (r"\blast\s+month\b", _last_month),
    (r"\blast\s+year\b", _last_year),
    (r"\bthe\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night)\b", _from_previous(1)),
    (r"\bthe\s+day\s+after\b" + _POINTS_ELSEWHERE, _from_previous(1)),
    (
        r"\bthe\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b",
        _from_previous(-1),
    ),
    (r"\bthe\s+(?:day|evening|night)\s+before\b" + _POINTS_ELSEWHERE, _from_previous(-1)),
    (r"\b" + _HEDGE + _COUNT + r"\s+days?\s+(?:later|earlier)\b", _from_previous(None)),
    (
        r"\b(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)\b(?!-)",
        _from_previous(0),
    ),
    (
        r"\b(?:on\s+)?the\s+same\s+(?:day|morning|afternoon|evening|night)\b" + _POINTS_ELSEWHERE,
        _from_previous(0),
    ),
)
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), resolve) for pattern, resolve in _RULES)
# The calendar rules: read as written, so a quotation does not change them.
_AS_WRITTEN = {_calendar_day, _month, _year}


def find_dates(
    sentence: str, dateline: dt.date, *, previous: ResolvedDate | None = None
) -> list[ResolvedDate]:
    """Every date expression in the sentence, in order of appearance. `previous` is the date
    of the last dated event before this sentence, for 'the next day', 'the previous evening',
    'later that day', 'that day', 'the same day'; without it those give nothing."""
    context = _Context(sentence, dateline, previous)
    found = []
    for match, resolve in _longest_matches(sentence):
        if resolve not in _AS_WRITTEN and _inside_quotation(sentence, match.start()):
            continue
        date = resolve(match, context)
        if date is not None:
            found.append(date)
    return found


def _longest_matches(sentence: str) -> list[tuple[re.Match[str], _Resolver]]:
    """The matches of every rule, earliest first, a longer one winning where they overlap."""
    matches = [
        (match, resolve) for pattern, resolve in _COMPILED for match in pattern.finditer(sentence)
    ]
    matches.sort(key=lambda pair: (pair[0].start(), -pair[0].end()))
    kept: list[tuple[re.Match[str], _Resolver]] = []
    for match, resolve in matches:
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, resolve))
    return kept


def _inside_quotation(sentence: str, offset: int) -> bool:
    """Whether the last quotation mark before `offset` opens a quotation. Marks are told
    apart by where they stand, not counted: a sentence may begin inside a quotation."""
    inside = False
    for mark in _QUOTATION_MARK.finditer(sentence, 0, offset):
        inside = _opens(sentence, mark.start())
    return inside


_QUOTATION_MARK = re.compile(r'["“”]')


def _opens(sentence: str, at: int) -> bool:
    mark = sentence[at]
    if mark != '"':
        return mark == "“"
    after_a_gap = at == 0 or sentence[at - 1].isspace() or sentence[at - 1] in "([{—–-:"
    return after_a_gap and at + 1 < len(sentence) and not sentence[at + 1].isspace()


def as_record(date: ResolvedDate) -> dict[str, object]:
    """The date as our data file writes it: {precision, earliest, latest, notes}, ISO strings."""
    return {
        "precision": date.precision,
        "earliest": date.earliest.isoformat() if date.earliest else None,
        "latest": date.latest.isoformat() if date.latest else None,
        "notes": date.notes,
    }
