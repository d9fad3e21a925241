"""How many valid signatures a petition needs (recall-law.md §4, §8.1-8.3, §9).

Expected numbers are worked out by hand from the wording of each law: "at least" a share needs
the smallest whole number not below share x E; "more than" needs the smallest above it.
"""

import tomllib
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.loader import RULE_SET_DIR, load_rule_sets
from app.rules.ruleset import RuleSet
from app.rules.thresholds import required_share, signatures_required, threshold_met

#: For the property tests (hypothesis wants no function-scoped fixtures).
RULE_SETS = load_rule_sets()
UNBRACKETED = ["uk-2015", "bc-1996", "kz-maslikhat-2023", "kz-mazhilis-2023"]

#: Elections Code §11221, as recall-law.md §8.2 gives it: (lowest electorate, highest, share).
CALIFORNIA_BRACKETS = [
    (1, 999, Fraction(30, 100)),
    (1_000, 9_999, Fraction(25, 100)),
    (10_000, 49_999, Fraction(20, 100)),
    (50_000, 99_999, Fraction(15, 100)),
    (100_000, 10**8, Fraction(10, 100)),
]


def variant(code: str, **threshold) -> RuleSet:
    """A shipped rule set with its threshold changed, validated as a file would be."""
    data = tomllib.loads((RULE_SET_DIR / f"{code}.toml").read_text(encoding="utf-8"))
    data["threshold"]["value"].update(threshold)
    return RuleSet.model_validate(data)


@pytest.mark.parametrize(
    ("electorate", "required"),
    [
        (100, 10),  # 10% of 100 = 10 exactly
        (101, 11),  # 10.1: at least 10.1 -> 11
        (109, 11),  # 10.9 -> 11
        (110, 11),  # 11 exactly
        (70_000, 7_000),  # 7,000 exactly
        (70_001, 7_001),  # 7,000.1 -> 7,001
        (1, 1),  # 0.1 -> 1
    ],
)
def test_uk_needs_at_least_ten_percent_of_the_electors(uk, electorate, required):
    # Recall of MPs Act 2015 s.14(3): "at least 10 per cent".
    assert signatures_required(uk, electorate) == required


@pytest.mark.parametrize(
    ("electorate", "required"),
    [
        (100, 41),  # 40% of 100 = 40 exactly; more than 40 -> 41
        (101, 41),  # 40.4: floor 40, + 1
        (102, 41),  # 40.8: floor 40, + 1
        (250, 101),  # 100 exactly -> 101
        (1, 1),  # 0.4 -> 1
        (5, 3),  # 2 exactly -> 3
    ],
)
def test_british_columbia_needs_more_than_forty_percent(bc, electorate, required):
    # Elections BC: "more than 40%" of the voters eligible to sign.
    assert signatures_required(bc, electorate) == required


@pytest.mark.parametrize(
    ("electorate", "required"),
    [
        (1, 1),  # 30% of 1 = 0.3 -> 1
        (999, 300),  # 30% of 999 = 299.7 -> 300
        (1_000, 250),  # 25% of 1,000 = 250
        (1_001, 251),  # 25% of 1,001 = 250.25 -> 251
        (9_999, 2_500),  # 25% of 9,999 = 2,499.75 -> 2,500
        (10_000, 2_000),  # 20% of 10,000 = 2,000
        (49_999, 10_000),  # 20% of 49,999 = 9,999.8 -> 10,000
        (50_000, 7_500),  # 15% of 50,000 = 7,500
        (99_999, 15_000),  # 15% of 99,999 = 14,999.85 -> 15,000
        (100_000, 10_000),  # 10% of 100,000 = 10,000
        (1_234_567, 123_457),  # 10% of 1,234,567 = 123,456.7 -> 123,457
    ],
)
def test_california_needs_the_share_of_the_electorate_bracket_of_section_11221(
    ca, electorate, required
):
    assert signatures_required(ca, electorate) == required


@pytest.mark.parametrize(
    ("electorate", "share"),
    [
        (999, Fraction(3, 10)),
        (1_000, Fraction(1, 4)),
        (9_999, Fraction(1, 4)),
        (10_000, Fraction(1, 5)),
        (49_999, Fraction(1, 5)),
        (50_000, Fraction(3, 20)),
        (99_999, Fraction(3, 20)),
        (100_000, Fraction(1, 10)),
    ],
)
def test_the_california_share_changes_exactly_at_each_bracket_edge(ca, electorate, share):
    assert required_share(ca, electorate) == share


@pytest.mark.parametrize("code", ["kz-maslikhat-2023", "kz-mazhilis-2023"])
@pytest.mark.parametrize(
    ("electorate", "required"),
    [
        (27_500, 2_750),  # an oblast maslikhat district (recall-law.md §7): 10% = 2,750
        (27_501, 2_751),  # 2,750.1 -> 2,751
        (425_000, 42_500),  # a typical Mazhilis district: 42,500
        (3_001, 301),  # a raion maslikhat district: 300.1 -> 301
    ],
)
def test_kazakhstan_provisionally_needs_at_least_ten_percent(rule_sets, code, electorate, required):
    assert rule_sets[code].threshold.confirmed is False
    assert signatures_required(rule_sets[code], electorate) == required


def test_the_threshold_is_met_at_the_required_number_and_not_one_below(uk, bc):
    assert threshold_met(uk, 100, 10)
    assert not threshold_met(uk, 100, 9)
    # Exactly 40% is not "more than 40%".
    assert not threshold_met(bc, 100, 40)
    assert threshold_met(bc, 100, 41)


@pytest.mark.parametrize(
    ("comparison", "rounding", "electorate", "required"),
    [
        # 10% of 105 = 10.5
        ("at_least", "exact", 105, 11),  # at least 10.5 -> 11
        ("at_least", "up", 105, 11),  # rounded up to 11; at least 11
        ("at_least", "down", 105, 10),  # rounded down to 10; at least 10
        ("at_least", "half_up", 105, 11),  # 10.5 half up -> 11
        ("more_than", "exact", 105, 11),  # more than 10.5 -> 11
        ("more_than", "up", 105, 12),  # more than 11 -> 12
        ("more_than", "down", 105, 11),  # more than 10 -> 11
        ("more_than", "half_up", 105, 12),  # more than 11 -> 12
        # 10% of 104 = 10.4
        ("at_least", "exact", 104, 11),
        ("at_least", "up", 104, 11),
        ("at_least", "down", 104, 10),
        ("at_least", "half_up", 104, 10),  # 10.4 half up -> 10
        ("more_than", "exact", 104, 11),
        ("more_than", "up", 104, 12),
        ("more_than", "down", 104, 11),
        ("more_than", "half_up", 104, 11),  # more than 10 -> 11
        # 10% of 100 = 10: no rounding changes anything
        ("at_least", "exact", 100, 10),
        ("at_least", "up", 100, 10),
        ("at_least", "down", 100, 10),
        ("at_least", "half_up", 100, 10),
        ("more_than", "exact", 100, 11),
        ("more_than", "up", 100, 11),
        ("more_than", "down", 100, 11),
        ("more_than", "half_up", 100, 11),
    ],
)
def test_rounding_the_share_first_then_comparing(comparison, rounding, electorate, required):
    rule_set = variant("uk-2015", comparison=comparison, rounding=rounding)
    assert signatures_required(rule_set, electorate) == required


def test_rounding_applies_within_california_brackets_too():
    rule_set = variant("ca-local", rounding="down")
    # 30% of 999 = 299.7, rounded down to 299; at least 299.
    assert signatures_required(rule_set, 999) == 299
    # 25% of 9,999 = 2,499.75 -> 2,499.
    assert signatures_required(rule_set, 9_999) == 2_499


@pytest.mark.parametrize("code", ["uk-2015", "bc-1996", "ca-local", "kz-maslikhat-2023"])
@pytest.mark.parametrize("electorate", [0, -1, -70_000])
def test_an_electorate_without_voters_is_refused(rule_sets, code, electorate):
    with pytest.raises(ValueError, match="at least one voter"):
        signatures_required(rule_sets[code], electorate)


@pytest.mark.parametrize("code", UNBRACKETED)
@settings(max_examples=300)
@given(electorate=st.integers(min_value=1, max_value=10**7))
def test_the_required_number_is_the_smallest_meeting_the_law(code, electorate):
    rule_set = RULE_SETS[code]
    share = rule_set.threshold.value.share
    required = signatures_required(rule_set, electorate)
    exact = share * electorate
    assert exact <= required <= exact + 1
    if rule_set.threshold.value.comparison == "at_least":
        assert required >= exact > required - 1
    else:
        assert required > exact >= required - 1


@pytest.mark.parametrize("code", UNBRACKETED)
@settings(max_examples=300)
@given(electorate=st.integers(min_value=1, max_value=10**7), more=st.integers(0, 10**4))
def test_more_voters_never_need_fewer_signatures_without_brackets(code, electorate, more):
    rule_set = RULE_SETS[code]
    assert signatures_required(rule_set, electorate) <= signatures_required(
        rule_set, electorate + more
    )


@settings(max_examples=300)
@given(data=st.data())
def test_california_is_monotone_within_a_bracket_and_minimal(data):
    ca = RULE_SETS["ca-local"]
    low, high, share = data.draw(st.sampled_from(CALIFORNIA_BRACKETS))
    first = data.draw(st.integers(low, high))
    second = data.draw(st.integers(first, high))
    assert signatures_required(ca, first) <= signatures_required(ca, second)
    required = signatures_required(ca, first)
    assert required >= share * first > required - 1


def test_california_needs_fewer_signatures_just_across_the_first_bracket_edge(ca):
    # 999 voters: 30% -> 300; 1,000 voters: 25% -> 250. The share drops, so the count does too.
    assert signatures_required(ca, 999) > signatures_required(ca, 1_000)
