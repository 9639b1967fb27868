"""Date expressions in a sentence, resolved against the dateline: the seed's examples in
data/README.md, the phrases that count from the previous event, and the words that look
like dates but are not."""

from __future__ import annotations

import datetime as dt

import pytest

from loader.drafting.dates import UNKNOWN, ResolvedDate, as_record, find_dates

# The seed's dateline: Monday 2022-03-21.
MONDAY = dt.date(2022, 3, 21)
MARCH_10 = ResolvedDate(
    "day", dt.date(2022, 3, 10), dt.date(2022, 3, 10), "On March 10", 0, 11, "as written"
)


def only_date(
    sentence: str, dateline: dt.date = MONDAY, previous: ResolvedDate | None = None
) -> ResolvedDate:
    found = find_dates(sentence, dateline, previous=previous)
    assert len(found) == 1, found
    return found[0]


def day_of(sentence: str, dateline: dt.date = MONDAY) -> dt.date:
    date = only_date(sentence, dateline)
    assert date.precision == "day"
    assert date.earliest == date.latest
    assert date.earliest is not None
    return date.earliest


# Calendar dates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The meeting took place on July 13.", dt.date(2022, 7, 13)),
        ("The meeting took place on 13 July.", dt.date(2022, 7, 13)),
        ("They signed it July 13, 2021.", dt.date(2021, 7, 13)),
        ("They signed it 13 July 2021.", dt.date(2021, 7, 13)),
        ("The discussions that began on Feb. 28 continue.", dt.date(2022, 2, 28)),
        ("They met on March 10 in Antalya.", dt.date(2022, 3, 10)),
        ("They met on Mar 10 in Antalya.", dt.date(2022, 3, 10)),
        ("They met on the 10th of March.", dt.date(2022, 3, 10)),
        ("They met on March 10th.", dt.date(2022, 3, 10)),
    ],
)
def test_a_calendar_date_is_that_day(sentence: str, expected: dt.date) -> None:
    assert day_of(sentence) == expected


def test_a_calendar_date_without_a_year_takes_the_datelines_year() -> None:
    date = only_date("Also on March 3, the delegations met.")
    assert date.earliest == dt.date(2022, 3, 3)
    assert "dateline's year 2022" in date.notes


def test_a_planned_calendar_date_after_the_dateline_is_kept() -> None:
    date = only_date("They will meet again on April 2.")
    assert date.earliest == dt.date(2022, 4, 2)
    assert "after the dateline" in date.notes


def test_the_phrase_and_its_offsets_are_verbatim_from_the_sentence() -> None:
    sentence = "Also on March 3, the delegations met."
    date = only_date(sentence)
    assert date.phrase == "on March 3"
    assert (date.start, date.end) == (5, 15)
    assert date.start is not None and date.end is not None
    assert sentence[date.start : date.end] == date.phrase


def test_a_day_that_no_calendar_has_gives_no_date() -> None:
    assert find_dates("The talks on Feb. 30 were cancelled.", MONDAY) == []


def test_since_or_after_a_calendar_date_gives_it_as_the_earliest_bound_only() -> None:
    since = only_date("The talks have run since Feb. 28.")
    assert (since.precision, since.earliest, since.latest) == (
        "between",
        dt.date(2022, 2, 28),
        None,
    )
    after = only_date("He spoke after March 3.")
    assert (after.precision, after.earliest, after.latest) == ("between", dt.date(2022, 3, 3), None)


@pytest.mark.parametrize(
    "sentence",
    ["It was arranged before March 10.", "They talked until March 10.", "Reply by March 10."],
)
def test_before_or_until_a_calendar_date_gives_it_as_the_latest_bound_only(sentence: str) -> None:
    date = only_date(sentence)
    assert (date.precision, date.earliest, date.latest) == ("between", None, dt.date(2022, 3, 10))


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("Talks were held on March 14-16.", dt.date(2022, 3, 14), dt.date(2022, 3, 16)),
        ("Talks ran from March 14 to 16.", dt.date(2022, 3, 14), dt.date(2022, 3, 16)),
        ("Talks ran between March 14 and 16.", dt.date(2022, 3, 14), dt.date(2022, 3, 16)),
        ("Talks ran Feb. 28 to March 3.", dt.date(2022, 2, 28), dt.date(2022, 3, 3)),
        ("Talks ran July 1-3, 2021.", dt.date(2021, 7, 1), dt.date(2021, 7, 3)),
    ],
)
def test_a_range_of_calendar_days_is_between_its_first_and_last_day(
    sentence: str, first: dt.date, last: dt.date
) -> None:
    date = only_date(sentence)
    assert (date.precision, date.earliest, date.latest) == ("between", first, last)


def test_a_range_that_ends_before_it_starts_gives_no_date() -> None:
    assert find_dates("Talks ran March 16-14.", MONDAY) == []


# Months and years


def test_a_month_with_its_year_is_that_month() -> None:
    date = only_date("They agreed at Minsk in February 2015 to end the conflict.")
    assert date.precision == "month"
    assert (date.earliest, date.latest) == (dt.date(2015, 2, 1), dt.date(2015, 2, 28))


def test_a_month_without_a_year_up_to_the_datelines_month_is_in_the_datelines_year() -> None:
    date = only_date("Talks began in March.")
    assert date.precision == "month"
    assert (date.earliest, date.latest) == (dt.date(2022, 3, 1), dt.date(2022, 3, 31))


def test_a_month_without_a_year_after_the_datelines_month_is_in_the_year_before() -> None:
    date = only_date("The guarantees it requested in December were refused.")
    assert (date.earliest, date.latest) == (dt.date(2021, 12, 1), dt.date(2021, 12, 31))
    assert "the year before" in date.notes


def test_a_month_with_its_year_needs_no_in() -> None:
    date = only_date("The February 2015 agreement failed.")
    assert (date.precision, date.earliest) == ("month", dt.date(2015, 2, 1))


def test_early_or_late_in_a_month_is_the_whole_month() -> None:
    date = only_date("Fighting grew in early March.")
    assert date.phrase == "in early March"
    assert (date.earliest, date.latest) == (dt.date(2022, 3, 1), dt.date(2022, 3, 31))


def test_last_month_is_the_month_before_the_datelines() -> None:
    date = only_date("They met last month.")
    assert date.precision == "month"
    assert (date.earliest, date.latest) == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))


def test_last_year_is_the_year_before_the_datelines() -> None:
    date = only_date("They met last year.")
    assert date.precision == "year"
    assert (date.earliest, date.latest) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_a_year_is_that_whole_year() -> None:
    date = only_date("The incorporation in 2014 of Crimea.")
    assert date.precision == "year"
    assert (date.earliest, date.latest) == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))


def test_a_day_after_in_and_a_month_is_the_day_not_the_month() -> None:
    assert day_of("They met in March 10 talks.") == dt.date(2022, 3, 10)


# Weekdays and words counted back from the dateline (data/README.md's seed examples)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Last Monday, the negotiators discussed a draft.", dt.date(2022, 3, 14)),
        ("The talks resumed last Tuesday.", dt.date(2022, 3, 15)),
        ("In a television interview Wednesday, he spoke.", dt.date(2022, 3, 16)),
        ("On Friday, Macron called Putin.", dt.date(2022, 3, 18)),
        ("He said so in his phone call with Scholz last Friday.", dt.date(2022, 3, 18)),
        ("On Sunday, Cavusoglu told a newspaper.", dt.date(2022, 3, 20)),
        ("This past Thursday they spoke.", dt.date(2022, 3, 17)),
        ("Tuesday's meeting was long.", dt.date(2022, 3, 15)),
    ],
)
def test_a_weekday_is_the_most_recent_such_day_before_the_dateline(
    sentence: str, expected: dt.date
) -> None:
    assert day_of(sentence) == expected


def test_last_monday_on_a_monday_dateline_is_a_week_before() -> None:
    date = only_date("Last Monday, the negotiators discussed a draft.")
    assert date.earliest == dt.date(2022, 3, 14)
    assert date.notes == '"Last Monday" before the dateline, Monday 2022-03-21: 2022-03-14'


def test_a_weekday_with_a_part_of_day_stays_day_precision() -> None:
    date = only_date("On Saturday evening, Zelenskyy spoke.")
    assert date.phrase == "On Saturday evening"
    assert (date.precision, date.earliest) == ("day", dt.date(2022, 3, 19))


def test_after_a_weekday_gives_it_as_the_earliest_bound_only() -> None:
    date = only_date("After Tuesday's meeting, Podoliak tweeted.")
    assert date.phrase == "After Tuesday"
    assert (date.precision, date.earliest, date.latest) == ("between", dt.date(2022, 3, 15), None)


def test_a_weekday_before_a_calendar_date_leaves_the_day_to_that_date() -> None:
    found = find_dates("On Friday, March 18, 2016, they spoke.", MONDAY)
    assert [(date.phrase, date.earliest) for date in found] == [
        ("March 18, 2016", dt.date(2016, 3, 18))
    ]


def test_a_weekday_that_may_lie_ahead_gives_no_date() -> None:
    assert find_dates("They will meet next Tuesday.", MONDAY) == []
    assert find_dates("They meet this Friday.", MONDAY) == []
    assert find_dates("They must answer by Friday.", MONDAY) == []


def test_yesterday_is_the_day_before_the_dateline() -> None:
    assert day_of("Zelenskyy spoke yesterday.") == dt.date(2022, 3, 20)


def test_last_night_is_the_day_before_the_dateline() -> None:
    assert day_of("Zelenskyy spoke last night.") == dt.date(2022, 3, 20)


def test_the_day_before_yesterday_is_two_days_before_the_dateline() -> None:
    assert day_of("They met the day before yesterday.") == dt.date(2022, 3, 19)


def test_today_opening_a_sentence_is_the_dateline() -> None:
    assert day_of("Today the talks resume.") == MONDAY


@pytest.mark.parametrize("words", ["today", "this morning", "tonight"])
def test_today_this_morning_and_tonight_are_the_dateline(words: str) -> None:
    assert day_of(f"Zelenskyy speaks {words} in Kyiv.") == MONDAY


def test_last_week_is_monday_to_sunday_of_the_week_before() -> None:
    date = only_date("Zelenskyy reiterated it last week.")
    assert date.precision == "between"
    assert (date.earliest, date.latest) == (dt.date(2022, 3, 14), dt.date(2022, 3, 20))


def test_two_weeks_ago_is_that_weeks_monday_to_sunday() -> None:
    date = only_date("Zelenskyy signaled two weeks ago that Ukraine is ready.")
    assert date.precision == "between"
    assert (date.earliest, date.latest) == (dt.date(2022, 3, 7), dt.date(2022, 3, 13))


def test_a_week_ago_is_last_week() -> None:
    date = only_date("They met a week ago.")
    assert (date.earliest, date.latest) == (dt.date(2022, 3, 14), dt.date(2022, 3, 20))


def test_last_week_on_a_sunday_dateline_is_the_week_before_that_sundays_week() -> None:
    date = only_date("They met last week.", dt.date(2022, 3, 20))
    assert (date.earliest, date.latest) == (dt.date(2022, 3, 7), dt.date(2022, 3, 13))


def test_a_hedged_count_of_weeks_gives_no_date() -> None:
    assert find_dates("Since the war began more than three weeks ago, they met.", MONDAY) == []


# Counted from the previous event


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("the next day", dt.date(2022, 3, 11)),
        ("the following day", dt.date(2022, 3, 11)),
        ("a day later", dt.date(2022, 3, 11)),
        ("three days later", dt.date(2022, 3, 13)),
        ("the previous evening", dt.date(2022, 3, 9)),
        ("the day before", dt.date(2022, 3, 9)),
        ("the previous day", dt.date(2022, 3, 9)),
        ("later that day", dt.date(2022, 3, 10)),
        ("that day", dt.date(2022, 3, 10)),
        ("the same day", dt.date(2022, 3, 10)),
        ("that evening", dt.date(2022, 3, 10)),
        ("the day after", dt.date(2022, 3, 11)),
        ("the following morning", dt.date(2022, 3, 11)),
        ("two days earlier", dt.date(2022, 3, 8)),
    ],
)
def test_a_phrase_relative_to_the_previous_event_counts_from_its_date(
    words: str, expected: dt.date
) -> None:
    date = only_date(f"They spoke again {words}.", previous=MARCH_10)
    assert date.phrase == words
    assert (date.precision, date.earliest, date.latest) == ("day", expected, expected)
    assert "previous event, Thursday 2022-03-10" in date.notes


@pytest.mark.parametrize(
    "words", ["the next day", "the previous evening", "later that day", "that day", "a day later"]
)
def test_a_phrase_relative_to_the_previous_event_gives_nothing_without_it(words: str) -> None:
    assert find_dates(f"They spoke again {words}.", MONDAY) == []


def test_a_phrase_relative_to_a_previous_event_known_only_to_the_month_gives_nothing() -> None:
    march = ResolvedDate(
        "month", dt.date(2022, 3, 1), dt.date(2022, 3, 31), "in March", 0, 8, "as written"
    )
    assert find_dates("They spoke the next day.", MONDAY, previous=march) == []


def test_a_phrase_relative_to_the_previous_event_never_lands_after_the_dateline() -> None:
    on_the_dateline = ResolvedDate("day", MONDAY, MONDAY, "today", 0, 5, "is the dateline")
    assert find_dates("They meet the next day.", MONDAY, previous=on_the_dateline) == []
    date = only_date("They met the day before.", previous=on_the_dateline)
    assert date.earliest == dt.date(2022, 3, 20)


def test_later_that_day_is_one_phrase_not_that_day_inside_it() -> None:
    date = only_date("The Council met at Versailles later that day.", previous=MARCH_10)
    assert date.phrase == "later that day"


def test_the_day_before_another_event_does_not_count_from_the_previous_one() -> None:
    assert find_dates("They met the day before the summit.", MONDAY, previous=MARCH_10) == []


def test_the_same_day_as_another_event_does_not_count_from_the_previous_one() -> None:
    sentence = "On Saturday evening, the same day Putin held a rally, they spoke."
    found = find_dates(sentence, MONDAY, previous=MARCH_10)
    assert [date.phrase for date in found] == ["On Saturday evening"]


# Several dates, and words that are not dates


def test_every_date_in_a_sentence_comes_in_order_of_appearance() -> None:
    sentence = "The talks resumed last Tuesday and continued on Wednesday, as on March 3."
    found = find_dates(sentence, MONDAY)
    assert [date.phrase for date in found] == ["last Tuesday", "on Wednesday", "on March 3"]
    assert [date.earliest for date in found] == [
        dt.date(2022, 3, 15),
        dt.date(2022, 3, 16),
        dt.date(2022, 3, 3),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia may agree to a ceasefire.",
        "The march on Kyiv stalled.",
        "The column may march on the capital in 10 days.",
        "They counted 13 proposals and 28 objections.",
        "Since March 2 million people have fled.",
        "He told the Sunday Times that talks went well.",
        "The Good Friday Agreement was cited.",
        "He said on several occasions that talks must continue.",
        "He appeared on Russia Today to defend the war.",
        "The talks will take place in the coming days.",
        "He mocked it on Saturday Night Live.",
        "Confidence in May's government fell.",
        "Day-to-day talks went on.",
    ],
)
def test_words_that_look_like_dates_but_are_not_give_no_date(sentence: str) -> None:
    assert find_dates(sentence, MONDAY) == []


def test_a_relative_date_inside_a_quotation_gives_no_date() -> None:
    sentence = 'An official said, "Macron said so yesterday as well," and left.'
    assert find_dates(sentence, MONDAY) == []


def test_a_relative_date_after_a_quotation_that_closes_is_resolved() -> None:
    sentence = 'It is a dialogue." Last Monday, the negotiators discussed a draft.'
    assert day_of(sentence) == dt.date(2022, 3, 14)


def test_a_calendar_date_inside_a_quotation_is_resolved() -> None:
    assert day_of('He said, "We met on March 3 in Belarus."') == dt.date(2022, 3, 3)


# The record


def test_a_record_writes_iso_bounds_and_the_notes() -> None:
    date = only_date("The talks resumed last Tuesday.")
    assert as_record(date) == {
        "precision": "day",
        "earliest": "2022-03-15",
        "latest": "2022-03-15",
        "notes": '"last Tuesday" before the dateline, Monday 2022-03-21: 2022-03-15',
    }


def test_unknown_has_no_bounds_and_says_the_text_gives_no_date() -> None:
    assert as_record(UNKNOWN) == {
        "precision": "unknown",
        "earliest": None,
        "latest": None,
        "notes": "the text gives no date for it",
    }
    assert (UNKNOWN.phrase, UNKNOWN.start, UNKNOWN.end) == (None, None, None)


def test_last_and_a_month_name_is_that_month_before_the_datelines() -> None:
    [october] = find_dates("their first talks last October", dt.date(2022, 7, 10))
    assert (october.precision, october.earliest, october.latest) == (
        "month", dt.date(2021, 10, 1), dt.date(2021, 10, 31)
    )  # fmt: skip
    [march] = find_dates("they met last March", MONDAY)
    assert march.earliest == dt.date(2021, 3, 1)  # not the dateline's own month
    assert find_dates("their first talks since last October", dt.date(2022, 7, 10)) == []


def test_a_day_named_earlier_in_the_sentence_is_the_one_the_next_day_counts_from() -> None:
    sentence = "Putin met Lukashenko on Mar. 11 and then, the next day, called Macron."
    earlier = ResolvedDate("day", dt.date(2022, 3, 1), dt.date(2022, 3, 1), "x", 0, 1, "")
    days = [d.earliest for d in find_dates(sentence, MONDAY, previous=earlier)]
    assert days == [dt.date(2022, 3, 11), dt.date(2022, 3, 12)]


def test_at_that_meeting_is_the_day_of_the_event_just_told() -> None:
    told = ResolvedDate("day", dt.date(2022, 3, 10), dt.date(2022, 3, 10), "x", 0, 1, "")
    [day] = find_dates("At that meeting, the EU leaders agreed on a Declaration.", MONDAY,
                       previous=told)  # fmt: skip
    assert day.earliest == dt.date(2022, 3, 10)
    assert find_dates("At that meeting, the leaders agreed.", MONDAY) == []
