"""The legal calendar of a petition, step by step, with dates worked out by hand.

The Kazakh periods are the provisional defaults of kz-maslikhat-2023 (recall-law.md §3-5 mark them
UNCONFIRMED): registration decision 5 working days after filing, collection 30 calendar days
counting the day it opens, verification 10 working days after collection closes, recall vote 60
calendar days after certification; every deadline at 18:00 Almaty time (UTC+5).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.rules.timeline import legal_calendar, plan

UTC = ZoneInfo("UTC")
ALMATY = ZoneInfo("Asia/Almaty")
LONDON = ZoneInfo("Europe/London")
VANCOUVER = ZoneInfo("America/Vancouver")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")

KZ_STEPS = [
    "registration_decision",
    "collection_opens",
    "collection_closes",
    "verification",
    "recall_vote",
]


def at(year, month, day, hour=18, minute=0, zone=ALMATY):
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def deadlines(steps):
    return {step.key: step.deadline for step in steps}


def test_the_full_kazakh_calendar_of_a_petition_filed_registered_closed_and_certified(kz):
    steps = legal_calendar(
        kz,
        electorate=27_500,
        filed_at=at(2026, 12, 10, 11),
        opens_at=at(2026, 12, 17, 10),
        closed_at=at(2027, 1, 15, 18),
        certified_at=at(2027, 1, 27, 16),
    )
    assert [step.key for step in steps] == KZ_STEPS
    assert deadlines(steps) == {
        # Filed Thursday 10 December: 11 (1), 14 (2), 15 (3), 16 Independence Day, 17 (4), 18 (5).
        "registration_decision": at(2026, 12, 18),
        "collection_opens": at(2026, 12, 17, 10),
        # Day 1 is 17 December: 17 + 29 = 46 -> 46 - 31 = 15 January 2027.
        "collection_closes": at(2027, 1, 15),
        # Closed Friday 15 January: 18-22 (5 days), 25-29 (10 days) -> Friday 29 January.
        "verification": at(2027, 1, 29),
        # Certified 27 January: 4 days to 31 January, 28 in February, 28 more -> 28 March.
        "recall_vote": at(2027, 3, 28),
    }


def test_every_step_names_the_parameter_its_deadline_comes_from(kz):
    steps = legal_calendar(kz, electorate=27_500)
    assert [step.parameter for step in steps] == [
        "registration_decision_period",
        None,
        "collection_period",
        "verification_period",
        "vote_period",
    ]


def test_the_actual_close_not_the_deadline_starts_verification(kz):
    # The group handed in its sheets early, on Friday 8 January 2027.
    steps = legal_calendar(
        kz, electorate=27_500, opens_at=at(2026, 12, 17, 10), closed_at=at(2027, 1, 8, 12)
    )
    # 11-15 January (5 days), 18-22 January (10 days) -> Friday 22 January.
    assert deadlines(steps)["verification"] == at(2027, 1, 22)
    # No certification yet: the vote is planned from the verification deadline, 22 January +
    # 60 days: 9 to 31 January, 28 in February, 23 more -> 23 March.
    assert deadlines(steps)["recall_vote"] == at(2027, 3, 23)


def test_a_plan_counts_each_step_from_the_deadline_of_the_one_before(kz):
    steps = legal_calendar(kz, electorate=27_500, opens_at=at(2026, 12, 17, 10))
    assert deadlines(steps) == {
        "registration_decision": None,
        "collection_opens": at(2026, 12, 17, 10),
        "collection_closes": at(2027, 1, 15),
        "verification": at(2027, 1, 29),
        # 29 January + 60: 2 to 31 January, 28 in February, 30 more -> 30 March.
        "recall_vote": at(2027, 3, 30),
    }


def test_the_verification_period_skips_the_new_year_holidays(kz):
    # Collection from 20 November 2026: 20 + 29 = 49 -> 49 - 30 = 19 December (a Saturday).
    steps = legal_calendar(kz, electorate=27_500, opens_at=at(2026, 11, 20, 10))
    assert deadlines(steps)["collection_closes"] == at(2026, 12, 19)
    # 21-25 December (5), 28-31 December (9); 1 January (Fri) and the Saturday 2 January moved
    # to Monday 4 January are off -> Tuesday 5 January 2027 (10).
    assert deadlines(steps)["verification"] == at(2027, 1, 5)


def test_steps_whose_start_is_unknown_have_no_deadline(kz):
    steps = legal_calendar(kz, electorate=27_500)
    assert [step.key for step in steps] == KZ_STEPS
    assert all(step.deadline is None for step in steps)

    only_filed = deadlines(legal_calendar(kz, electorate=27_500, filed_at=at(2026, 12, 10, 11)))
    assert only_filed == {
        "registration_decision": at(2026, 12, 18),
        "collection_opens": None,
        "collection_closes": None,
        "verification": None,
        "recall_vote": None,
    }


def test_instants_are_shown_in_the_rule_set_zone(kz):
    # 05:00 UTC on 17 December is 10:00 in Almaty.
    steps = legal_calendar(kz, electorate=27_500, opens_at=datetime(2026, 12, 17, 5, tzinfo=UTC))
    opens = deadlines(steps)["collection_opens"]
    assert opens.isoformat() == "2026-12-17T10:00:00+05:00"
    assert deadlines(steps)["collection_closes"].isoformat() == "2027-01-15T18:00:00+05:00"


def test_a_uk_petition_has_no_registration_decision_and_no_recall_vote(uk):
    # The petition officer opens the petition (official trigger) and success vacates the seat.
    steps = legal_calendar(uk, electorate=70_000, opens_at=at(2026, 3, 2, 9, zone=LONDON))
    assert [step.key for step in steps] == ["collection_opens", "collection_closes"]
    # Six weeks beginning with Monday 2 March: 2 + 41 -> Sunday 12 April, plus Good Friday and
    # Easter Monday (England's bank holidays, not counted): Tuesday 14 April, 17:00 BST.
    assert deadlines(steps)["collection_closes"].isoformat() == "2026-04-14T17:00:00+01:00"


def test_a_british_columbia_petition_is_issued_within_7_days_and_has_no_vote(bc):
    steps = legal_calendar(bc, electorate=40_000, filed_at=at(2026, 5, 4, 12, zone=VANCOUVER))
    assert [step.key for step in steps] == [
        "registration_decision",
        "collection_opens",
        "collection_closes",
    ]
    # s.20(1): issued within 7 days of approval: 4 May + 7 = 11 May.
    assert deadlines(steps)["registration_decision"].date().isoformat() == "2026-05-11"


def test_california_has_a_verification_step_but_no_planned_recall_vote_date(ca):
    steps = legal_calendar(ca, electorate=12_000)
    assert [step.key for step in steps] == ["collection_opens", "collection_closes", "verification"]


def test_a_kazakh_plan_gives_the_figures_a_commission_plans_with(kz):
    figures = plan(kz, electorate=27_500, opens_at=at(2026, 12, 17, 10))
    assert figures.signatures_required == 2_750  # 10% of 27,500
    assert figures.collection_days == 30
    assert figures.collection_ends_at == at(2027, 1, 15)
    assert figures.collection_ends_at.isoformat() == "2027-01-15T18:00:00+05:00"
    assert [step.key for step in figures.timeline] == KZ_STEPS[1:]
    assert deadlines(figures.timeline) == {
        "collection_opens": at(2026, 12, 17, 10),
        "collection_closes": at(2027, 1, 15),
        "verification": at(2027, 1, 29),
        "recall_vote": at(2027, 3, 30),
    }


@pytest.mark.parametrize(
    ("electorate", "required", "days"),
    [
        (999, 300, 40),  # 30% of 999 = 299.7 -> 300; §11220: 40 days under 1,000
        (12_000, 2_400, 120),  # 20% of 12,000; 120 days for 10,000-49,999
        (60_000, 9_000, 160),  # 15% of 60,000; 160 days from 50,000
    ],
)
def test_a_california_plan_takes_both_figures_from_the_electorate_brackets(
    ca, electorate, required, days
):
    figures = plan(ca, electorate=electorate, opens_at=at(2026, 3, 2, 9, zone=LOS_ANGELES))
    assert (figures.signatures_required, figures.collection_days) == (required, days)


def test_a_rule_set_where_the_petition_vacates_the_seat_never_plans_a_vote(bc, kz):
    # Even given a vote period, a vacating outcome (BC: the Member ceases to hold office) has no
    # recall vote step.
    with_vote_period = bc.model_copy(update={"vote_period": kz.vote_period})
    steps = legal_calendar(with_vote_period, electorate=40_000, opens_at=at(2026, 5, 11, 9))
    assert "recall_vote" not in [step.key for step in steps]


def test_steps_that_took_place_carry_their_actual_dates_and_the_vote_its_day(kz):
    steps = legal_calendar(
        kz,
        electorate=27_500,
        opens_at=at(2026, 12, 17, 10),
        closed_at=at(2027, 1, 15, 18),
        certified_at=at(2027, 1, 27, 16),
        voting_day=date(2027, 3, 14),
    )

    done = {step.key: step.done for step in steps}
    assert done["collection_closes"] == at(2027, 1, 15, 18)
    assert done["verification"] == at(2027, 1, 27, 16)
    assert done["recall_vote"] == date(2027, 3, 14)
    assert done["registration_decision"] is None
