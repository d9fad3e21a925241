"""Deadlines: periods in calendar or working days, ending at the rule set's time of day.

Every deadline is an aware datetime in the rule set's time zone (Kazakhstan: ``Asia/Almaty``,
UTC+5 since 1 March 2024). Working days skip weekends and the public holidays of the rule set's
calendar, taken from the ``holidays`` package (Kazakhstan: Law "On Holidays", as that package
keeps it).
"""

from datetime import date, datetime, timedelta
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta

from app.rules.ruleset import DayUnit, Period, RuleSet
from app.rules.thresholds import bracket_for

SATURDAY = 5


@cache
def _holiday_calendar(code: str) -> holidays.HolidayBase:
    country, _, subdivision = code.partition("-")
    return holidays.country_holidays(country, subdiv=subdivision or None)


def is_working_day(day: date, calendar: str) -> bool:
    return day.weekday() < SATURDAY and day not in _holiday_calendar(calendar)


def add_working_days(
    start: date, days: int, calendar: str, *, counts_start_day: bool = False
) -> date:
    """The ``days``-th working day after ``start`` (or from it, when it counts as day one)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    day = start - timedelta(days=1) if counts_start_day else start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            remaining -= 1
    return day


def period_days(period: Period, electorate: int | None = None) -> int:
    """Days in a period (California: by electorate, Elections Code §11220)."""
    if period.brackets is None:
        return period.days
    if electorate is None:
        raise ValueError("this period depends on the electorate; give it")
    return bracket_for(period.brackets, electorate).days


def period_last_day(
    start: date, period: Period, calendar: str, electorate: int | None = None
) -> date:
    days = period_days(period, electorate)
    if period.unit is DayUnit.WORKING:
        return add_working_days(start, days, calendar, counts_start_day=period.counts_start_day)
    return start + timedelta(days=days - 1 if period.counts_start_day else days)


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later; when that month is too short, the first day after it.

    So a bar of "one year" from 29 February ends on 1 March, never a day early (the same
    convention as birthdays in ``eligibility.birthday_in``).
    """
    year, month = divmod(day.month - 1 + months, 12)
    try:
        return day.replace(year=day.year + year, month=month + 1)
    except ValueError:
        return date(day.year + year + (month + 1) // 12, (month + 1) % 12 + 1, 1)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier; when that month is too short, its last day."""
    return day - relativedelta(months=months)


def deadline_on(day: date, rule_set: RuleSet) -> datetime:
    """The moment a period ending on ``day`` closes: the rule set's time of day, local time."""
    return datetime.combine(day, rule_set.deadline_time.value, tzinfo=rule_set.zone)


def period_deadline(
    start: datetime, period: Period, rule_set: RuleSet, electorate: int | None = None
) -> datetime:
    """When a period that begins at ``start`` (any zone) runs out."""
    local_start = start.astimezone(rule_set.zone).date()
    last_day = period_last_day(local_start, period, rule_set.holiday_calendar, electorate)
    return deadline_on(last_day, rule_set)


def collection_ends_at(rule_set: RuleSet, opens_at: datetime, electorate: int) -> datetime:
    """The end of signature collection for a petition registered at ``opens_at``."""
    return period_deadline(opens_at, rule_set.collection_period.value, rule_set, electorate)
