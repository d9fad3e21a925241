"""Rule-set values in words (app/public/rule_display/): exact English text, numbers in the
language of the page, and a raw fallback for anything the package does not know."""

from datetime import date, time
from fractions import Fraction

import pytest
from flask_babel import force_locale

from app import create_app
from app.public import rule_display
from app.public.rule_display import describe, describe_parts, label, share
from app.rules.loader import load_rule_sets
from app.rules.ruleset import (
    Outcome,
    Period,
    Rounding,
    Sampling,
    Threshold,
    TimeBar,
    Trigger,
    Withdrawal,
)

RULE_SETS = load_rule_sets()
REGISTRATION_DAY_VOTERS = (
    "the constituency's voters on the active register on the day the petition is registered"
)


@pytest.fixture(scope="module", autouse=True)
def english():
    """Flask-Babel needs an app context; no database is touched."""
    app = create_app("testing")
    with app.app_context(), force_locale("en"):
        yield


def threshold(**fields) -> Threshold:
    return Threshold.model_validate(
        {"denominator": "register_at_registration", "comparison": "at_least", **fields}
    )


# Shares


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(1, 10), "10%"),
        (Fraction(2, 5), "40%"),
        (Fraction(1, 1), "100%"),
        (Fraction(11, 10), "110%"),
    ],
)
def test_a_share_of_whole_percent_reads_as_a_percentage(value, text):
    assert share(value) == text


def test_a_share_with_a_short_decimal_reads_as_an_exact_percentage():
    assert share(Fraction(1, 8)) == "12.5%"
    assert share(Fraction(1, 10_000)) == "0.01%"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(1, 3), "1/3 (33.3%)"),
        (Fraction(2, 3), "2/3 (66.7%)"),
        (Fraction(1, 7), "1/7 (14.3%)"),
    ],
)
def test_a_share_without_a_short_decimal_reads_as_a_fraction_and_a_rounded_percentage(value, text):
    assert share(value) == text


def test_numbers_follow_the_language_of_the_page():
    with force_locale("ru"):
        assert share(Fraction(1, 3)) == "1/3 (33,3%)"
        assert "3\xa0000" in describe("statement_max_chars", 3000)


# Thresholds


def test_a_threshold_of_at_least_a_share_names_the_voters_it_is_taken_of():
    assert describe("threshold", threshold(share="10%")) == (
        f"At least 10% of {REGISTRATION_DAY_VOTERS}"
    )


def test_a_threshold_of_more_than_a_share_says_more_than():
    assert describe("threshold", threshold(comparison="more_than", share="40%")) == (
        f"More than 40% of {REGISTRATION_DAY_VOTERS}"
    )


def test_a_threshold_on_the_register_at_the_close_says_so():
    assert describe("threshold", threshold(denominator="register_at_close", share="10%")) == (
        "At least 10% of the constituency's voters on the register on the last day of collection"
    )


def test_a_threshold_that_rounds_first_says_how():
    value = threshold(share="1/3", rounding=Rounding.UP)

    assert describe("threshold", value) == (
        f"At least 1/3 (33.3%) of {REGISTRATION_DAY_VOTERS}; "
        "the required number is first rounded up to a whole number"
    )


def test_a_threshold_by_brackets_lists_every_bracket_with_its_range_of_voters():
    parts = describe_parts("threshold", RULE_SETS["ca-local"].threshold.value)

    assert parts.lead == (
        f"At least the following share of {REGISTRATION_DAY_VOTERS}, depending on their number"
    )
    assert parts.items == (
        "fewer than 1,000 voters: 30%",
        "1,000 to 9,999 voters: 25%",
        "10,000 to 49,999 voters: 20%",
        "50,000 to 99,999 voters: 15%",
        "100,000 voters or more: 10%",
    )


def test_brackets_join_into_one_line_for_plain_text():
    value = threshold(brackets=[{"below": 1000, "share": "30%"}, {"share": "10%"}])

    assert describe("threshold", value).endswith(
        "depending on their number: fewer than 1,000 voters: 30%; 1,000 voters or more: 10%"
    )


def test_a_single_open_bracket_applies_to_any_number_of_voters():
    assert describe_parts("threshold", threshold(brackets=[{"share": "5%"}])).items == (
        "any number of voters: 5%",
    )


# Periods and time bars


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (
            Period(unit="calendar_days", days=30, counts_start_day=True),
            "30 calendar days (counting the first day)",
        ),
        (Period(unit="working_days", days=5), "5 working days (counting from the next day)"),
        (Period(unit="working_days", days=1), "1 working day (counting from the next day)"),
        (Period(days=1095), "1,095 calendar days (counting from the next day)"),
    ],
)
def test_a_period_gives_its_days_their_kind_and_how_they_are_counted(period, text):
    assert describe("collection_period", period) == text


def test_a_period_by_brackets_lists_the_days_for_every_range_of_voters():
    parts = describe_parts("collection_period", RULE_SETS["ca-local"].collection_period.value)

    assert parts.lead == "By the number of the constituency's voters (counting from the next day)"
    assert parts.items == (
        "fewer than 1,000 voters: 40 calendar days",
        "1,000 to 4,999 voters: 60 calendar days",
        "5,000 to 9,999 voters: 90 calendar days",
        "10,000 to 49,999 voters: 120 calendar days",
        "50,000 voters or more: 160 calendar days",
    )


@pytest.mark.parametrize(
    ("bar", "text"),
    [
        (
            TimeBar(months=12, counted_from="mandate_start"),
            "12 months after the start of the mandate",
        ),
        (TimeBar(months=18, counted_from="election_date"), "18 months after the election day"),
        (TimeBar(months=6, counted_from="mandate_end"), "6 months before the end of the mandate"),
        (TimeBar(months=1, counted_from="mandate_end"), "1 month before the end of the mandate"),
    ],
)
def test_a_time_bar_says_how_many_months_from_which_day(bar, text):
    assert describe("no_initiative_after_start", bar) == text


def test_the_deadline_time_is_local_time_in_the_rule_sets_zone():
    assert describe("deadline_time", time(18, 0), time_zone="Asia/Almaty") == (
        "18:00 (Astana time)"
    )


def test_a_deadline_with_seconds_shows_them_and_needs_no_zone():
    assert describe("deadline_time", time(23, 59, 59)) == "23:59:59 local time"


# Outcome, withdrawal, running count, trigger, verification


def test_a_recall_vote_with_a_quorum_gives_both_rules():
    assert describe("outcome", RULE_SETS["kz-maslikhat-2023"].outcome.value) == (
        "Recall vote: valid if at least 1/3 (33.3%) of the constituency's voters take part; "
        "recalled if more than 50% of those taking part vote for recall"
    )


def test_a_recall_vote_without_a_quorum_gives_only_the_pass_rule():
    value = Outcome(kind="vote", pass_share="1/2")

    assert describe("outcome", value) == (
        "Recall vote: recalled if more than 50% of those taking part vote for recall"
    )


def test_a_recall_vote_passed_by_a_share_of_the_electorate_says_so():
    value = Outcome(
        kind="vote", pass_share="1/4", pass_comparison="at_least", pass_base="electorate"
    )

    assert describe("outcome", value) == (
        "Recall vote: recalled if at least 25% of the constituency's voters vote for recall"
    )


def test_a_vacating_outcome_says_there_is_no_vote():
    assert describe("outcome", Outcome(kind="vacate")) == (
        "The seat is vacated, without a recall vote"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Withdrawal(allowed=False), "A signature cannot be withdrawn"),
        (
            Withdrawal(allowed=True, until="collection_end"),
            "Signers may withdraw their signature until collection ends",
        ),
        (
            Withdrawal(allowed=True, until="filing"),
            "Signers may withdraw their signature until the petition is filed",
        ),
        (Withdrawal(allowed=True), "Signers may withdraw their signature"),
    ],
)
def test_withdrawal_says_whether_and_until_when(value, text):
    assert describe("withdrawal", value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "Published while signatures are collected"),
        (False, "Not published until the count at the close"),
    ],
)
def test_the_running_count_is_published_or_not(value, text):
    assert describe("running_count_public", value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Trigger.CITIZEN_INITIATIVE, "Citizens' initiative: voters of the constituency start it"),
        (
            Trigger.OFFICIAL_TRIGGER,
            "Official trigger: an event set out in the law opens the petition; "
            "voters cannot start one",
        ),
    ],
)
def test_the_trigger_says_who_starts_a_petition(value, text):
    assert describe("trigger", value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("full_count", "Every signature is checked"),
        ("sample", "A random sample of the signatures is checked"),
        ("by_lottery", "by_lottery"),
    ],
)
def test_the_verification_method_in_words_or_raw_if_unknown(value, text):
    assert describe("verification_method", value) == text


def test_sampling_gives_the_sample_size_and_the_three_bands():
    value = Sampling(min_sample=500, share="5%")

    parts = describe_parts("sampling", value)

    assert parts.lead == (
        "A random sample of 5% of the signatures, and at least 500, is checked "
        "and the number of valid signatures projected from it"
    )
    assert parts.items == (
        "above 110% of the number required: sufficient",
        "90% to 110%: every signature is checked",
        "below 90%: insufficient",
    )


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("initiative_group_min", 10, "10 members"),
        ("initiative_group_min", 1, "1 member"),
        ("statement_max_chars", 3000, "Up to 3,000 characters"),
        ("statement_max_words", 200, "Up to 200 words"),
        ("signer_min_age", 18, "18 years or older"),
    ],
)
def test_counts_carry_their_unit(name, value, text):
    assert describe(name, value) == text


# Labels and the fallback for parameters this module does not know


def test_a_known_parameter_has_a_label_for_people():
    assert label("threshold") == "Signatures required"
    assert label("no_initiative_before_end") == "No initiative late in the mandate"


def test_every_parameter_of_every_rule_set_has_a_label_of_its_own():
    names = {name for rule_set in RULE_SETS.values() for name, _ in rule_set.parameters()}

    assert [name for name in sorted(names) if label(name) == name] == []


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "Yes"),
        (False, "No"),
        (12500, "12,500"),
        (Fraction(1, 4), "25%"),
        (date(2026, 7, 1), "1 July 2026"),
        ("something new", "something new"),
        (Period(days=3), "3 calendar days (counting from the next day)"),
    ],
)
def test_an_unknown_parameter_keeps_its_name_and_its_value_reads_by_type(value, text):
    assert label("future_field") == "future_field"
    assert describe("future_field", value) == text


def test_every_value_of_every_rule_set_reads_as_words_not_as_data():
    for rule_set in RULE_SETS.values():
        for name, param in rule_set.parameters():
            text = describe(name, param.value, time_zone=rule_set.time_zone)
            assert text and "=" not in text and text != str(param.value), (rule_set.code, name)


# The index


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("KZ", "Kazakhstan"),
        ("GB", "United Kingdom"),
        ("CA-BC", "Canada (CA-BC)"),
        ("XX-YY", "XX-YY"),
    ],
)
def test_a_jurisdiction_reads_as_its_country_keeping_a_subdivision_code(code, name):
    assert rule_display.jurisdiction_name(code) == name


def test_in_force_gives_the_start_and_any_end():
    assert rule_display.in_force(RULE_SETS["uk-2015"]) == "From 4 March 2016"
    assert rule_display.in_force(RULE_SETS["kz-mazhilis-2023"]) == (
        "From 5 November 2022 to 30 June 2026"
    )


def test_kazakh_rule_sets_come_first_and_the_others_follow_for_comparison():
    home, others = rule_display.summaries(list(RULE_SETS.values()))

    assert [item.rule_set.code for item in home] == ["kz-maslikhat-2023", "kz-mazhilis-2023"]
    assert [item.rule_set.code for item in others] == ["bc-1996", "ca-local", "uk-2015"]


def test_a_summary_counts_the_parameters_and_the_provisional_ones():
    item = rule_display.summary(RULE_SETS["kz-maslikhat-2023"])

    assert (item.parameters, item.provisional) == (20, 15)
