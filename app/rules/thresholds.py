"""How many valid signatures a petition needs."""

import math
from fractions import Fraction

from app.rules.ruleset import Comparison, Rounding, RuleSet


def bracket_for(brackets, electorate: int):
    """The first bracket whose bound lies above ``electorate`` (the last one has no bound)."""
    return next(b for b in brackets if b.below is None or electorate < b.below)


def required_share(rule_set: RuleSet, electorate: int) -> Fraction:
    """The share of the electorate that must sign (California: by bracket, Elections §11221)."""
    threshold = rule_set.threshold.value
    if threshold.brackets is None:
        return threshold.share
    return bracket_for(threshold.brackets, electorate).share


def _rounded(value: Fraction, rounding: Rounding) -> Fraction | int:
    if rounding is Rounding.UP:
        return math.ceil(value)
    if rounding is Rounding.DOWN:
        return math.floor(value)
    if rounding is Rounding.HALF_UP:
        return math.floor(value + Fraction(1, 2))
    return value


def signatures_required(rule_set: RuleSet, electorate: int) -> int:
    """The smallest number of valid signatures that meets the threshold.

    ``at least`` a share (UK s.14: "at least 10%") needs ``ceil(share x electorate)``; ``more
    than`` a share (British Columbia: "more than 40%") needs ``floor(share x electorate) + 1``.
    Where the law first rounds the share of the electorate to a whole number (``rounding``), the
    comparison is made with that number. Arithmetic is exact (fractions, never floats).
    """
    if electorate < 1:
        raise ValueError("the electorate must have at least one voter")
    threshold = rule_set.threshold.value
    target = _rounded(required_share(rule_set, electorate) * electorate, threshold.rounding)
    if threshold.comparison is Comparison.AT_LEAST:
        return math.ceil(target)
    return math.floor(target) + 1


def threshold_met(rule_set: RuleSet, electorate: int, valid_signatures: int) -> bool:
    return valid_signatures >= signatures_required(rule_set, electorate)
