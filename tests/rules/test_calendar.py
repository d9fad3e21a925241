"""Deadlines: calendar and working days, in the rule set's own time zone.

The Kazakh holidays used below are worked out by hand from the Law "On Holidays" and the
Labour Code rule that a holiday falling on a Saturday or Sunday moves the day off to the next
working day (religious holidays excepted): 1-2 January (New Year), 7 January (Orthodox
Christmas), 8 March, 21-23 March (Nauryz), 16 December (Independence Day, one day since 2022).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.calendar import (
    add_working_days,
    collection_ends_at,
    is_working_day,
    next_valid_deadline,
    period_days,
    period_last_day,
)
from app.rules.ruleset import DayUnit, Period

UTC = ZoneInfo("UTC")
ALMATY = ZoneInfo("Asia/Almaty")
LONDON = ZoneInfo("Europe/London")
KZ_HOLIDAYS = holidays.country_holidays("KZ")


@pytest.mark.parametrize(
    ("electorate", "days"),
    [
        (1, 40),
        (999, 40),
        (1_000, 60),
        (4_999, 60),
        (5_000, 90),
        (9_999, 90),
        (10_000, 120),
        (49_999, 120),
        (50_000, 160),
        (3_000_000, 160),
    ],
)
def test_california_circulation_period_follows_the_brackets_of_section_11220(ca, electorate, days):
    assert period_days(ca.collection_period.value, electorate) == days


def test_a_bracketed_period_needs_the_electorate(ca):
    with pytest.raises(ValueError, match="electorate"):
        period_days(ca.collection_period.value)


# --- Kazakhstan: 30 calendar days counting the start day, closing at 18:00 Almaty time ---------


def test_kazakh_collection_closes_on_the_30th_day_at_18_00_almaty_time(kz):
    opens = datetime(2026, 12, 10, 10, 0, tzinfo=ALMATY)
    # Day 1 is 10 December; 10 + 29 = 39 -> 39 - 31 = 8 January 2027.
    closes = collection_ends_at(kz, opens, electorate=27_500)
    assert closes.isoformat() == "2027-01-08T18:00:00+05:00"
    assert closes.utcoffset() == timedelta(hours=5)
    assert closes.tzinfo.key == "Asia/Almaty"


def test_a_start_given_in_utc_counts_from_the_almaty_date(kz):
    # 20:00 UTC on 9 December is 01:00 on 10 December in Almaty (UTC+5): day 1 is 10 December.
    after_midnight = datetime(2026, 12, 9, 20, 0, tzinfo=UTC)
    assert collection_ends_at(kz, after_midnight, 27_500).isoformat() == "2027-01-08T18:00:00+05:00"
    # 18:00 UTC is 23:00 on 9 December in Almaty: day 1 is 9 December; 9 + 29 -> 7 January.
    before_midnight = datetime(2026, 12, 9, 18, 0, tzinfo=UTC)
    assert collection_ends_at(kz, before_midnight, 27_500).isoformat() == (
        "2027-01-07T18:00:00+05:00"
    )


def test_a_kazakh_collection_period_ignores_holidays_because_it_is_in_calendar_days(kz):
    # 30 calendar days from 17 December 2026 span 1-2 and 7 January: 17 + 29 = 46 -> 15 January.
    opens = datetime(2026, 12, 17, 9, 0, tzinfo=ALMATY)
    assert collection_ends_at(kz, opens, 27_500).date() == date(2027, 1, 15)


# --- United Kingdom: six weeks beginning with the designated day, closing at 17:00 ------------


def test_uk_signing_period_is_six_weeks_beginning_with_the_designated_day_across_bst(uk):
    # s.9(2): "the period of 6 weeks beginning with the designated day", bank holidays of the
    # nation (England by default) not counted. Designated Monday 2 March 2026 (GMT) is day 1;
    # 2 March + 41 = 12 April, plus Good Friday (3 April) and Easter Monday (6 April): Tuesday
    # 14 April, after the clocks went forward on 29 March: 17:00 BST = 16:00 UTC.
    opens = datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
    assert opens.utcoffset() == timedelta(0)
    closes = collection_ends_at(uk, opens, electorate=70_000)
    assert closes.isoformat() == "2026-04-14T17:00:00+01:00"
    assert closes.astimezone(UTC).hour == 16


def test_uk_signing_period_ending_after_the_clocks_go_back_closes_at_17_00_gmt(uk):
    # Day 1 is 1 October 2026 (BST); 1 + 41 = 42 -> 42 - 31 = 11 November (GMT since 25 October).
    opens = datetime(2026, 10, 1, 9, 0, tzinfo=LONDON)
    assert opens.utcoffset() == timedelta(hours=1)
    assert collection_ends_at(uk, opens, 70_000).isoformat() == "2026-11-11T17:00:00+00:00"


# --- Working days --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "last_day"),
    [
        # Friday 12 June 2026, 1 working day: Saturday and Sunday skipped -> Monday 15 June.
        (date(2026, 6, 12), 1, date(2026, 6, 15)),
        # Monday 14 December 2026, 3 days: 15 (1), 16 Independence Day, 17 (2), 18 (3).
        (date(2026, 12, 14), 3, date(2026, 12, 18)),
        # Friday 20 March 2026, 3 days: Nauryz 21 (Sat), 22 (Sun), 23 (Mon); the Saturday and
        # Sunday move to 24 and 25 March. Then 26 (1), 27 (2), Monday 30 (3).
        (date(2026, 3, 20), 3, date(2026, 3, 30)),
        # Friday 6 March 2026, 1 day: 8 March falls on a Sunday, so Monday 9 is off -> 10 March.
        (date(2026, 3, 6), 1, date(2026, 3, 10)),
        # Wednesday 30 December 2026, 2 days: 31 (1); 1 January (Fri) and 2 January (Sat)
        # are New Year, the Saturday moving to Monday 4 January; Tuesday 5 January (2).
        (date(2026, 12, 30), 2, date(2027, 1, 5)),
        # Tuesday 5 January 2027, 2 days: 6 (1), 7 Orthodox Christmas, 8 (2).
        (date(2027, 1, 5), 2, date(2027, 1, 8)),
        # Monday 14 December 2026, 10 days: 15, 17, 18, 21, 22, 23, 24, 25, 28, 29.
        (date(2026, 12, 14), 10, date(2026, 12, 29)),
    ],
)
def test_working_days_skip_weekends_and_kazakh_public_holidays(start, days, last_day):
    assert add_working_days(start, days, "KZ") == last_day


@pytest.mark.parametrize(
    ("start", "days", "last_day"),
    [
        (date(2026, 12, 17), 1, date(2026, 12, 17)),  # a working Thursday is day 1 itself
        (date(2026, 12, 16), 1, date(2026, 12, 17)),  # Independence Day is not a working day
        (date(2026, 3, 21), 1, date(2026, 3, 26)),  # Nauryz Saturday: 21-25 March are off
        (date(2026, 12, 14), 3, date(2026, 12, 17)),  # 14 (1), 15 (2), 16 off, 17 (3)
    ],
)
def test_working_days_may_count_the_start_day_as_day_one(start, days, last_day):
    assert add_working_days(start, days, "KZ", counts_start_day=True) == last_day


def test_a_period_of_no_working_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 14), 0, "KZ")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 16), False),  # Independence Day
        (date(2026, 12, 17), True),  # no longer a holiday since 2022
        (date(2026, 3, 25), False),  # Nauryz day off moved from Sunday 22 March
        (date(2026, 3, 26), True),
        (date(2027, 1, 4), False),  # New Year day off moved from Saturday 2 January
        (date(2026, 6, 13), False),  # a Saturday
        (date(2026, 6, 15), True),  # an ordinary Monday
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_a_kazakh_public_holiday(day, working):
    assert is_working_day(day, "KZ") is working


def test_a_working_day_period_counts_from_the_day_after_by_default():
    period = Period(unit=DayUnit.WORKING, days=5)
    # Thursday 10 December 2026: 11 (1), 14 (2), 15 (3), 16 off, 17 (4), 18 (5).
    assert period_last_day(date(2026, 12, 10), period, "KZ") == date(2026, 12, 18)


def test_a_calendar_day_period_counts_from_the_day_after_unless_told_otherwise():
    period = Period(unit=DayUnit.CALENDAR, days=60)
    # 5 January 2027 + 60 days: 26 left in January, 28 in February -> 6 March.
    assert period_last_day(date(2027, 1, 5), period, "KZ") == date(2027, 3, 6)
    counting = Period(unit=DayUnit.CALENDAR, days=60, counts_start_day=True)
    assert period_last_day(date(2027, 1, 5), counting, "KZ") == date(2027, 3, 5)


def working_days_between(first: date, last: date) -> int:
    """Working days from ``first`` to ``last`` inclusive, counted independently."""
    days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in KZ_HOLIDAYS)


DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200)
@given(start=DATES, days=st.integers(min_value=1, max_value=60))
def test_the_nth_working_day_after_a_start_is_a_working_day_with_n_in_between(start, days):
    last = add_working_days(start, days, "KZ")
    assert last.weekday() < 5
    assert last not in KZ_HOLIDAYS
    assert last > start
    assert working_days_between(start + timedelta(days=1), last) == days


@settings(max_examples=200)
@given(start=DATES, days=st.integers(min_value=1, max_value=60))
def test_counting_the_start_day_includes_it_among_the_n_working_days(start, days):
    last = add_working_days(start, days, "KZ", counts_start_day=True)
    assert last.weekday() < 5
    assert last not in KZ_HOLIDAYS
    assert last >= start
    assert working_days_between(start, last) == days


# --- Extended deadlines land on a valid deadline -------------------------------------------------


def test_an_extension_ending_after_the_deadline_hour_moves_to_the_next_days_deadline(kz):
    # Friday 8 January 2027 18:00 + 3 h = 21:00: the next day (calendar days count) at 18:00.
    moment = datetime(2027, 1, 8, 21, 0, tzinfo=ALMATY)
    assert next_valid_deadline(moment, kz).isoformat() == "2027-01-09T18:00:00+05:00"


def test_an_extension_before_the_deadline_hour_closes_that_day_at_the_deadline_hour(kz):
    moment = datetime(2027, 1, 9, 2, 30, tzinfo=ALMATY)
    assert next_valid_deadline(moment, kz).isoformat() == "2027-01-09T18:00:00+05:00"


def test_a_deadline_exactly_at_the_hour_stays(kz):
    moment = datetime(2027, 1, 9, 18, 0, tzinfo=ALMATY)
    assert next_valid_deadline(moment, kz) == moment


def test_an_extension_of_a_working_day_period_skips_the_weekend_and_holidays(kz):
    # A rule set counting working days: Friday 20 March 2026 20:00 -> Saturday, Sunday, then
    # Nauryz (21-23 March, with the day off for Saturday 21 March moved to Tuesday 24 March).
    working = kz.model_copy(
        update={
            "collection_period": kz.collection_period.model_copy(
                update={"value": Period(unit=DayUnit.WORKING, days=10)}
            )
        }
    )
    moment = datetime(2026, 3, 20, 20, 0, tzinfo=ALMATY)
    landed = next_valid_deadline(moment, working)
    assert is_working_day(landed.date(), "KZ")
    assert all(not is_working_day(date(2026, 3, day), "KZ") for day in range(21, landed.date().day))
    assert landed.time().hour == 18 and landed.date() > date(2026, 3, 23)


def test_a_uk_extension_skips_a_bank_holiday_of_the_nation(uk):
    # Thursday 17:30 before Good Friday 2026 (3 April): Friday is a bank holiday, so Saturday.
    moment = datetime(2026, 4, 2, 17, 30, tzinfo=LONDON)
    assert next_valid_deadline(moment, uk).isoformat() == "2026-04-04T17:00:00+01:00"
    # In Scotland Easter Monday (6 April) is not a bank holiday: a Sunday-evening landing
    # moves to Monday there, to Tuesday in England.
    sunday = datetime(2026, 4, 5, 19, 0, tzinfo=LONDON)
    assert next_valid_deadline(sunday, uk, subdivision="SCT").date() == date(2026, 4, 6)
    assert next_valid_deadline(sunday, uk, subdivision="ENG").date() == date(2026, 4, 7)
