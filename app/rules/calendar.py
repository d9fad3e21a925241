"""Deadlines: periods in calendar or working days, ending at the rule set's time of day.

Every deadline is an aware datetime in the rule set's time zone (Kazakhstan: ``Asia/Almaty``,
UTC+5 since 1 March 2024). Working days skip weekends and the public holidays of the rule set's
calendar, taken from the ``holidays`` package (Kazakhstan: Law "On Holidays", as that package
keeps it).

The UK signing period (Recall of MPs Act 2015, s.9: six weeks beginning with the opening day)
counts every day except the bank holidays of the constituency's nation
(``DayUnit.EXCEPT_HOLIDAYS`` with the calendar ``GB-ENG``, ``GB-WLS``, ``GB-SCT`` or ``GB-NIR``):
each bank holiday inside the period pushes its end one day later. Every day the ``holidays``
package lists for the nation is skipped, including a holiday on a weekend.
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


def is_holiday(day: date, calendar: str) -> bool:
    return day in _holiday_calendar(calendar)


def day_counts(day: date, unit: DayUnit, calendar: str) -> bool:
    """Whether ``day`` is counted by a period in ``unit`` (and so may end one)."""
    if unit is DayUnit.WORKING:
        return is_working_day(day, calendar)
    if unit is DayUnit.EXCEPT_HOLIDAYS:
        return not is_holiday(day, calendar)
    return True


def add_counted_days(
    start: date, days: int, unit: DayUnit, calendar: str, *, counts_start_day: bool = False
) -> date:
    """The ``days``-th counted day after ``start`` (or from it, when it counts as day one)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    day = start - timedelta(days=1) if counts_start_day else start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if day_counts(day, unit, calendar):
            remaining -= 1
    return day


def add_working_days(
    start: date, days: int, calendar: str, *, counts_start_day: bool = False
) -> date:
    """The ``days``-th working day after ``start`` (or from it, when it counts as day one)."""
    return add_counted_days(
        start, days, DayUnit.WORKING, calendar, counts_start_day=counts_start_day
    )


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
    if period.unit is DayUnit.CALENDAR:
        return start + timedelta(days=days - 1 if period.counts_start_day else days)
    return add_counted_days(
        start, days, period.unit, calendar, counts_start_day=period.counts_start_day
    )


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
    start: datetime,
    period: Period,
    rule_set: RuleSet,
    electorate: int | None = None,
    *,
    subdivision: str | None = None,
) -> datetime:
    """When a period that begins at ``start`` (any zone) runs out."""
    local_start = start.astimezone(rule_set.zone).date()
    calendar = rule_set.calendar_for(subdivision)
    last_day = period_last_day(local_start, period, calendar, electorate)
    return deadline_on(last_day, rule_set)


def collection_ends_at(
    rule_set: RuleSet, opens_at: datetime, electorate: int, *, subdivision: str | None = None
) -> datetime:
    """The end of signature collection for a petition registered at ``opens_at``."""
    period = rule_set.collection_period.value
    return period_deadline(opens_at, period, rule_set, electorate, subdivision=subdivision)


def next_valid_deadline(
    moment: datetime, rule_set: RuleSet, *, subdivision: str | None = None
) -> datetime:
    """The first deadline at or after ``moment`` that the collection period could have had:
    the rule set's deadline hour on a day its period counts (a working day for a period in
    working days; not a holiday for the UK's six weeks; any day for calendar days).

    An extension for a pause adds the lost time to the old deadline, which lands at any hour
    (a Sunday evening); voters and commissions read a period's end as "the deadline hour of a
    counted day", so the extended deadline is moved forward to the next one, never back.
    """
    period = rule_set.collection_period.value
    calendar = rule_set.calendar_for(subdivision)
    local = moment.astimezone(rule_set.zone)
    day = local.date()
    if local.time() > rule_set.deadline_time.value:
        day += timedelta(days=1)
    while not day_counts(day, period.unit, calendar):
        day += timedelta(days=1)
    return deadline_on(day, rule_set)
