"""Whether a recall initiative may start on a given day (recall-law.md §3, §8.1, §8.3)."""

from datetime import date

import pytest

from app.rules.timebars import Bar, InitiativeDecision, initiative_decision

#: A maslikhat deputy elected on 19 March 2023 whose work began on 29 March 2023 and whose
#: mandate ends on 19 March 2028.
KZ_DEPUTY = {
    "serving": True,
    "election_date": date(2023, 3, 19),
    "mandate_start": date(2023, 3, 29),
    "mandate_end": date(2028, 3, 19),
}

#: A Member elected at the BC general election of 19 October 2024; the next fixed general
#: election day is the third Saturday of October 2028, 21 October 2028.
BC_MEMBER = {
    "serving": True,
    "election_date": date(2024, 10, 19),
    "mandate_start": date(2024, 11, 18),
    "mandate_end": date(2028, 10, 21),
}


def kz_decision(kz, today, **changes):
    return initiative_decision(kz, today=today, **{**KZ_DEPUTY, **changes})


# --- Kazakhstan, Elections Law Art. 113-12(2): not in the first year nor the last year ---------


def test_no_initiative_on_the_last_day_of_the_first_year_of_work(kz):
    # The first year of work runs from 29 March 2023 to 28 March 2024.
    assert kz_decision(kz, date(2024, 3, 28)) == InitiativeDecision(
        allowed=False, bar=Bar.FIRST_PERIOD, available_from=date(2024, 3, 29)
    )


def test_an_initiative_may_start_on_the_first_day_of_the_second_year(kz):
    assert kz_decision(kz, date(2024, 3, 29)) == InitiativeDecision(allowed=True)


def test_the_first_year_is_counted_from_the_start_of_work_not_the_election(kz):
    # One year after the election (19 March 2024) is still within the first year of work.
    decision = kz_decision(kz, date(2024, 3, 20))
    assert (decision.allowed, decision.bar) == (False, Bar.FIRST_PERIOD)


def test_an_initiative_may_start_on_the_day_before_the_last_year(kz):
    # The last year runs from 19 March 2027 to the end of the mandate on 19 March 2028.
    assert kz_decision(kz, date(2027, 3, 18)) == InitiativeDecision(allowed=True)


@pytest.mark.parametrize("today", [date(2027, 3, 19), date(2027, 12, 1), date(2028, 3, 18)])
def test_no_initiative_in_the_last_year_and_none_later_in_this_mandate(kz, today):
    assert kz_decision(kz, today) == InitiativeDecision(
        allowed=False, bar=Bar.LAST_PERIOD, available_from=None
    )


def test_without_a_scheduled_end_only_the_first_year_bars(kz):
    assert kz_decision(kz, date(2027, 6, 1), mandate_end=None) == InitiativeDecision(allowed=True)


def test_a_mandate_too_short_for_any_window_never_reopens(kz):
    # A mandate from 29 March 2023 to 1 September 2024: the first year ends on 28 March 2024,
    # but the last year already began on 1 September 2023; no day is left for an initiative.
    decision = kz_decision(kz, date(2023, 7, 1), mandate_end=date(2024, 9, 1))
    assert decision == InitiativeDecision(allowed=False, bar=Bar.FIRST_PERIOD, available_from=None)


@pytest.mark.parametrize("code", ["kz-maslikhat-2023", "kz-mazhilis-2023"])
def test_both_kazakh_rule_sets_apply_the_same_bars(rule_sets, code):
    rule_set = rule_sets[code]
    assert not kz_decision(rule_set, date(2024, 3, 28)).allowed
    assert kz_decision(rule_set, date(2024, 3, 29)).allowed
    assert kz_decision(rule_set, date(2027, 3, 18)).allowed
    assert not kz_decision(rule_set, date(2027, 3, 19)).allowed


# --- Cooldown after a failed petition (kz provisional: 365 calendar days) -------------------------


def test_no_new_initiative_for_365_days_after_a_failed_one(kz):
    # Failed on 10 June 2025: days 1-365 run from 11 June 2025 to 10 June 2026.
    failed = date(2025, 6, 10)
    assert kz_decision(kz, date(2026, 6, 10), last_failure_on=failed) == InitiativeDecision(
        allowed=False, bar=Bar.COOLDOWN, available_from=date(2026, 6, 11)
    )
    assert kz_decision(kz, date(2026, 6, 11), last_failure_on=failed) == InitiativeDecision(
        allowed=True
    )


def test_when_two_bars_block_the_later_reopening_is_given(kz):
    # Failed on 1 December 2023 (a leap year follows): 1 December 2023 + 365 days = 30 November
    # 2024, so the cooldown reopens on 1 December 2024, after the first year (29 March 2024).
    decision = kz_decision(kz, date(2024, 1, 15), last_failure_on=date(2023, 12, 1))
    assert decision == InitiativeDecision(
        allowed=False, bar=Bar.COOLDOWN, available_from=date(2024, 12, 1)
    )


def test_a_cooldown_running_into_the_last_year_never_reopens_in_this_mandate(kz):
    # Failed 1 June 2026: the cooldown ends 1 June 2027, after the last year began (19 March).
    decision = kz_decision(kz, date(2026, 7, 1), last_failure_on=date(2026, 6, 1))
    assert decision == InitiativeDecision(allowed=False, bar=Bar.COOLDOWN, available_from=None)


# --- British Columbia, s.19(4): 18 months after the election, 6 months before the next --------


def test_british_columbia_bars_the_18_months_after_the_election(bc):
    # 19 October 2024 + 18 months = 19 April 2026.
    assert initiative_decision(bc, today=date(2026, 4, 18), **BC_MEMBER) == InitiativeDecision(
        allowed=False, bar=Bar.FIRST_PERIOD, available_from=date(2026, 4, 19)
    )
    assert initiative_decision(bc, today=date(2026, 4, 19), **BC_MEMBER) == InitiativeDecision(
        allowed=True
    )


def test_british_columbia_counts_from_the_election_not_from_taking_office(bc):
    # 18 months after taking office (18 November 2024) would be 18 May 2026.
    assert initiative_decision(bc, today=date(2026, 5, 1), **BC_MEMBER).allowed


def test_british_columbia_bars_the_6_months_before_the_fixed_election_day(bc):
    # 21 October 2028 - 6 months = 21 April 2028.
    assert initiative_decision(bc, today=date(2028, 4, 20), **BC_MEMBER).allowed
    assert initiative_decision(bc, today=date(2028, 4, 21), **BC_MEMBER) == InitiativeDecision(
        allowed=False, bar=Bar.LAST_PERIOD, available_from=None
    )


# --- Who may never start one ----------------------------------------------------------------------


@pytest.mark.parametrize("serving", [True, False])
@pytest.mark.parametrize("today", [date(2020, 1, 1), date(2024, 6, 1)])
def test_a_uk_petition_is_never_a_citizen_initiative(uk, serving, today):
    decision = initiative_decision(
        uk,
        today=today,
        serving=serving,
        election_date=date(2019, 12, 12),
        mandate_start=date(2019, 12, 13),
        mandate_end=None,
    )
    assert decision == InitiativeDecision(allowed=False, bar=Bar.OFFICIAL_TRIGGER)


def test_no_initiative_against_a_deputy_who_is_not_serving(kz):
    # Mid-mandate, every time bar open: only the serving status refuses it.
    assert kz_decision(kz, date(2025, 6, 1), serving=False) == InitiativeDecision(
        allowed=False, bar=Bar.NOT_SERVING
    )


def test_a_first_year_begun_on_29_february_ends_on_28_february_not_a_day_early(kz):
    # Work began on 29 February 2024: the first year is 29 Feb 2024 - 28 Feb 2025 inclusive,
    # so the earliest initiative is 1 March 2025 (no 29 February in 2025).
    started_on_leap_day = {"mandate_start": date(2024, 2, 29), "election_date": date(2024, 2, 20)}
    assert kz_decision(kz, date(2025, 2, 28), **started_on_leap_day) == InitiativeDecision(
        allowed=False, bar=Bar.FIRST_PERIOD, available_from=date(2025, 3, 1)
    )
    assert kz_decision(kz, date(2025, 3, 1), **started_on_leap_day).allowed


def test_a_last_year_ending_on_29_february_begins_on_28_february(kz):
    # A mandate ending 29 Feb 2028: counting 12 months back from a day 2027 lacks gives
    # 28 Feb 2027, so the bar starts no later than the law allows.
    assert kz_decision(kz, date(2027, 2, 27), mandate_end=date(2028, 2, 29)).allowed
    assert kz_decision(kz, date(2027, 2, 28), mandate_end=date(2028, 2, 29)) == InitiativeDecision(
        allowed=False, bar=Bar.LAST_PERIOD, available_from=None
    )
