"""The result of a recall vote (recall-law.md §5 for Kazakhstan, §8.2 for California)."""

from fractions import Fraction

import pytest

from app.rules.outcome import vote_outcome

# --- Kazakhstan, Elections Law Art. 113-16(3)-(4) -----------------------------------------------


@pytest.mark.parametrize(
    ("electorate", "turnout", "quorum_met"),
    [
        (30_000, 10_000, True),  # one third of 30,000 is 10,000: "at least" is met
        (30_000, 9_999, False),
        (10, 4, True),  # one third of 10 is 3.33...; 4 >= 3.33
        (10, 3, False),  # 3 < 3.33
        (9, 3, True),  # one third of 9 is exactly 3
        (425_000, 141_667, True),  # 141,666.67 -> 141,667 is the least turnout
        (425_000, 141_666, False),
    ],
)
def test_a_kazakh_recall_vote_is_valid_with_at_least_one_third_taking_part(
    kz, electorate, turnout, quorum_met
):
    result = vote_outcome(kz.outcome.value, electorate=electorate, turnout=turnout, yes=turnout)
    assert result.quorum_met is quorum_met
    assert result.recalled is quorum_met  # everyone voted yes: only the quorum decides
    assert result.turnout_share == Fraction(turnout, electorate)


@pytest.mark.parametrize(
    ("turnout", "yes", "passed"),
    [
        (10_000, 5_001, True),  # more than half of those voting
        (10_000, 5_000, False),  # exactly half is not more than half
        (10_001, 5_001, True),  # half of 10,001 is 5,000.5
        (10_001, 5_000, False),
        (10_000, 0, False),
    ],
)
def test_a_kazakh_deputy_is_recalled_by_more_than_half_of_those_voting(kz, turnout, yes, passed):
    result = vote_outcome(kz.outcome.value, electorate=30_000, turnout=turnout, yes=yes)
    assert result.quorum_met
    assert result.passed is passed
    assert result.recalled is passed
    assert result.yes_share == Fraction(yes, turnout)


def test_spoilt_ballots_count_towards_the_quorum_but_not_as_yes(kz):
    # 10,000 took part: 5,001 yes, 4,000 no, 999 spoilt. Quorum met; 5,001 > 5,000.
    result = vote_outcome(kz.outcome.value, electorate=30_000, turnout=10_000, yes=5_001, no=4_000)
    assert result.recalled


def test_a_majority_without_the_quorum_does_not_recall(kz):
    result = vote_outcome(kz.outcome.value, electorate=30_000, turnout=9_999, yes=9_999)
    assert result.passed
    assert not result.quorum_met
    assert not result.recalled


def test_no_turnout_no_recall(kz):
    result = vote_outcome(kz.outcome.value, electorate=30_000, turnout=0, yes=0)
    assert (result.quorum_met, result.passed, result.recalled) == (False, False, False)
    assert result.yes_share == 0


# --- California: a majority of the votes cast, no quorum ---------------------------------------


def test_california_recalls_by_a_majority_with_any_turnout(ca):
    # 10 voters out of 100,000 (0.01%): 6 yes to 4 no is a majority, 5 to 5 is not.
    assert vote_outcome(ca.outcome.value, electorate=100_000, turnout=10, yes=6, no=4).recalled
    result = vote_outcome(ca.outcome.value, electorate=100_000, turnout=10, yes=5, no=5)
    assert result.quorum_met
    assert not result.recalled


def test_california_counts_only_the_votes_on_the_recall_question(ca):
    # 10 took part, 4 left the recall question blank: 4 yes to 2 no recalls (a Kazakh-style
    # base of everyone taking part would need 6 yes).
    assert vote_outcome(ca.outcome.value, electorate=1_000, turnout=10, yes=4, no=2).recalled
    with pytest.raises(ValueError, match="no votes"):
        vote_outcome(ca.outcome.value, electorate=1_000, turnout=10, yes=4)


# --- What cannot be a vote result --------------------------------------------------------------


@pytest.mark.parametrize(
    ("electorate", "turnout", "yes", "no"),
    [
        (30_000, 10_000, 10_001, None),  # more yes votes than voters
        (30_000, 30_001, 1, None),  # more voters than the electorate
        (30_000, 10_000, -1, None),
        (30_000, -1, 0, None),
        (0, 0, 0, None),  # no electorate
        (30_000, 10_000, 6_000, 4_001),  # yes + no > turnout
        (30_000, 10_000, 6_000, -1),
    ],
)
def test_impossible_vote_figures_are_refused(kz, electorate, turnout, yes, no):
    with pytest.raises(ValueError):
        vote_outcome(kz.outcome.value, electorate=electorate, turnout=turnout, yes=yes, no=no)


@pytest.mark.parametrize("code", ["uk-2015", "bc-1996"])
def test_a_rule_set_where_the_petition_vacates_the_seat_has_no_vote(rule_sets, code):
    with pytest.raises(ValueError, match="no recall vote"):
        vote_outcome(rule_sets[code].outcome.value, electorate=70_000, turnout=30_000, yes=20_000)
