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
MONTH_NAMES = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8}
MONTH_ABBREVIATIONS |= {"Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
COUNT_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}


# Month and weekday names must be capitalised: "Russia may agree" and "the march on Kyiv"
# are not dates. Full names first, so "March" is tried before "Mar".
def _month_name(group: str) -> str:
    """A month in the named group; only an abbreviation takes a period ("Feb.", not "March.")."""
    full = "|".join(MONTH_NAMES)
    abbreviated = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
    return r"(?-i:(?P<" + group + ">(?:" + full + r")\b|(?:" + abbreviated + r")\b\.?))(?!'s|’s)"


def _month_number(written: str) -> int:
    name = written.rstrip(".")
    return MONTH_NAMES.get(name) or MONTH_ABBREVIATIONS[name]


_MONTH = _month_name("month")
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
    day = _written_day(match, context, "month", "day")
    if day is None:
        return None
    how = _year_note(match, day, context)
    if match.groupdict().get("day2"):
        last = _written_day(match, context, "month2", "day2")
        if last is None or last <= day:
            return None
        return _found(match, "between", day, last, f"{how}: {day} to {last}")
    return _day_or_bound(match, day, how)


def _written_day(
    match: re.Match[str], context: _Context, month_group: str, day_group: str
) -> dt.date | None:
    year = int(match.group("year") or context.dateline.year)
    month = match.group(month_group) or match.group("month")
    try:
        return dt.date(year, _month_number(month), int(match.group(day_group)))
    except ValueError:  # "Feb. 30": not a date, so no date
        return None


def _year_note(match: re.Match[str], day: dt.date, context: _Context) -> str:
    if match.group("year"):
        return "as written"
    how = f"with no year, in the dateline's year {day.year}"
    if day > context.dateline:
        how += " (after the dateline: a plan or a schedule)"
    return how


def _day_or_bound(match: re.Match[str], day: dt.date, how: str) -> ResolvedDate:
    """The day itself, or one bound from it when a time word leads ("since Feb. 28")."""
    bound = (match.groupdict().get("bound") or "").lower()
    if not bound:
        return _on_day(match, day, how)
    if bound in ("since", "after"):
        return _found(match, "between", day, None, f"{how}: no earlier than {day}, no end given")
    return _found(match, "between", None, day, f"{how}: no later than {day}, no start given")


def _month(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    month = _month_number(match.group("month"))
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
    if _CALENDAR_DATE_NEXT.match(context.sentence, match.end()):
        return None  # "Friday, March 18, 2016": the calendar date that follows gives the day
    step = _WEEKDAY_STEPS[WEEKDAY_NAMES.index(match.group("weekday"))]
    # Strictly before the dateline: "Last Monday" on a Monday is a week before.
    day: dt.date = context.dateline + relativedelta(days=-1, weekday=step(-1))
    return _day_or_bound(match, day, _before_dateline(context))


_CALENDAR_DATE_NEXT = re.compile(
    r",?\s+(?:"
    + _month_name("m1")
    + r"\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _month_name("m2")
    + ")"
)
# A weekday after these may lie ahead of the dateline ("by Friday"), or be no one day.
_FORWARD_LEADS = {"next", "this", "coming", "this coming", "every", "by", "until", "till", "before"}


def _days_back(days: int) -> _Resolver:
    def resolve(match: re.Match[str], context: _Context) -> ResolvedDate | None:
        if not _lowercase_unless_first(match):
            return None
        day = context.dateline - dt.timedelta(days=days)
        return _on_day(match, day, _before_dateline(context) if days else "is the dateline")

    return resolve


def _lowercase_unless_first(match: re.Match[str]) -> bool:
    """Names like "Russia Today" are no date; "Today" opening a sentence is one."""
    return match.start() == 0 or match.group(0)[0].islower()


def _weeks_ago(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    """Monday to Sunday of the week N weeks back ("two weeks ago"; "last week" is one)."""
    if match.groupdict().get("hedge"):
        return None
    weeks = _count(match) if match.groupdict().get("count") else 1
    monday: dt.date = context.dateline + relativedelta(weeks=-weeks, weekday=MO(-1))
    sunday = monday + dt.timedelta(days=6)
    how = f"{_before_dateline(context)}: Monday to Sunday of that week"
    return _found(match, "between", monday, sunday, f"{how}, {monday} to {sunday}")


def _last_month(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    first: dt.date = context.dateline.replace(day=1) + relativedelta(months=-1)
    last = context.dateline.replace(day=1) - dt.timedelta(days=1)
    return _found(match, "month", first, last, f"{_before_dateline(context)}: {first:%B %Y}")


def _last_named_month(match: re.Match[str], context: _Context) -> ResolvedDate | None:
    """ "last October": the most recent October before the dateline's month."""
    month = _month_number(match.group("month"))
    year = context.dateline.year - (month >= context.dateline.month)
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    how = f"{_before_dateline(context)}: the last {first:%B} before it, {first:%B %Y}"
    return _found(match, "month", first, last, how)


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
        if day > context.dateline:
            return None  # only a calendar date may lie after the dateline
        return _on_day(
            match, day, f"from the previous event, {_weekday_and_date(previous.earliest)}"
        )

    return resolve


def _direction(match: re.Match[str]) -> int:
    return 1 if match.group(0).lower().endswith("later") else -1


# A number after a month that counts something is no day: "March 2 million people".
_NOT_A_COUNT = r"(?![.,]\d|\s*(?:%|percent|per\s+cent|hundred|thousand|million|billion)\b)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b" + _NOT_A_COUNT
_DAY2 = r"(?:" + _month_name("month2") + r"\s+)?(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b" + _NOT_A_COUNT
_AND_YEAR = r"(?:,?\s+" + _YEAR + ")?"
_BOUND = r"(?:(?P<bound>since|after|before|until|till|by)\s+|on\s+)?"
_WEEKDAY_LEAD = r"(?:(?P<lead>on|last|this\s+past|next|this\s+coming|this|coming|every|by|until"
_WEEKDAY_LEAD += r"|till|before)\s+|(?P<bound>since|after)\s+)?"
_ANY_PART = r"(?:day|morning|afternoon|evening|night)\b"
_AND_PART = r"(?:\s+" + _PART_OF_DAY + r")?"
_RANGE_LINK = r"\s*(?:-|–|to|through|until)\s*"

_RULES: tuple[tuple[str, _Resolver], ...] = (
    (r"\b" + _BOUND + _MONTH + r"\s+" + _DAY + _AND_YEAR, _calendar_day),
    (r"\b" + _BOUND + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _AND_YEAR, _calendar_day),
    # A range: "March 14-16", "from March 14 to March 16", "between March 14 and 16".
    (
        r"\b(?:(?:from|on)\s+)?" + _MONTH + r"\s+" + _DAY + _RANGE_LINK + _DAY2 + _AND_YEAR,
        _calendar_day,
    ),
    (r"\bbetween\s+" + _MONTH + r"\s+" + _DAY + r"\s+and\s+" + _DAY2 + _AND_YEAR, _calendar_day),
    # A month is read with "in" ("in March") or with its year ("February 2015"); never alone,
    # and never when a day follows ("in March 10" is the day).
    (
        r"\bin\s+(?:(?:early|mid|late)[\s-])?" + _MONTH + r"(?:,?\s+" + _YEAR + r"|(?!\.?\s*\d))",
        _month,
    ),
    (r"\b" + _MONTH + r",?\s+" + _YEAR, _month),
    (r"\bin\s+" + _YEAR + r"(?![.,]\d)", _year),
    (r"\b" + _WEEKDAY_LEAD + _NAME_BEFORE + _WEEKDAY + _NAME_AFTER + _AND_PART, _weekday),
    (r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", _days_back(0)),
    (r"\b(?:yesterday(?:\s+" + _PART_OF_DAY + r")?|last\s+night)\b", _days_back(1)),
    (r"\bthe\s+day\s+before\s+yesterday\b", _days_back(2)),
    (r"\blast\s+week\b", _weeks_ago),
    (r"\b" + _HEDGE + _COUNT + r"\s+weeks?\s+ago\b", _weeks_ago),
    (r"\blast\s+month\b", _last_month),
    # Not after "since": "since last October" bounds a span, it is no month of its own.
    (r"(?<!since )\blast\s+" + _MONTH + r"(?!\.?\s*\d)", _last_named_month),
    (r"\blast\s+year\b", _last_year),
    (r"\bthe\s+(?:next|following)\s+" + _ANY_PART, _from_previous(1)),
    (r"\bthe\s+day\s+after\b" + _POINTS_ELSEWHERE, _from_previous(1)),
    (r"\bthe\s+(?:previous|preceding)\s+" + _ANY_PART, _from_previous(-1)),
    (r"\bthe\s+(?:day|evening|night)\s+before\b" + _POINTS_ELSEWHERE, _from_previous(-1)),
    (r"\b" + _HEDGE + _COUNT + r"\s+days?\s+(?:later|earlier)\b", _from_previous(None)),
    (r"\b(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?" + _ANY_PART + r"(?!-)", _from_previous(0)),
    (r"\b(?:on\s+)?the\s+same\s+" + _ANY_PART + _POINTS_ELSEWHERE, _from_previous(0)),
    # "At that meeting, the EU leaders agreed": at the event just told.
    (r"\b(?:at|during)\s+that\s+(?:meeting|summit|session|ceremony)\b", _from_previous(0)),
)
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), resolve) for pattern, resolve in _RULES)
# The calendar rules: read as written, so a quotation does not change them.
_AS_WRITTEN = {_calendar_day, _month, _year}


def find_dates(
    sentence: str, dateline: dt.date, *, previous: ResolvedDate | None = None
) -> list[ResolvedDate]:
    """Every date expression in the sentence, in order of appearance. `previous` is the date
    of the last dated event before this sentence, for 'the next day', 'the previous evening',
    'later that day', 'that day', 'the same day'; without it those give nothing. A day found
    earlier in the same sentence takes its place for the phrases after it."""
    context = _Context(sentence, dateline, previous)
    found = []
    for match, resolve in _longest_matches(sentence):
        if resolve not in _AS_WRITTEN and _inside_quotation(sentence, match.start()):
            continue
        date = resolve(match, context)
        if date is not None:
            found.append(date)
            if date.precision == "day":
                # "on Mar. 11 ... and then, the next day": counted from the sentence's own day
                context = _Context(sentence, dateline, date)
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
