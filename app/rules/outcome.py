"""The result of a recall vote under a rule set's quorum and pass rule."""

from dataclasses import dataclass
from fractions import Fraction

from app.rules.ruleset import Comparison, Outcome


@dataclass(frozen=True)
class VoteResult:
    quorum_met: bool
    passed: bool
    turnout_share: Fraction
    yes_share: Fraction

    @property
    def recalled(self) -> bool:
        return self.quorum_met and self.passed


def _meets(value: int, share: Fraction, base: int, comparison: Comparison) -> bool:
    """``value`` against ``share x base``, exactly (no floats)."""
    if comparison is Comparison.AT_LEAST:
        return value >= share * base
    return value > share * base


def vote_outcome(
    outcome: Outcome, *, electorate: int, turnout: int, yes: int, no: int | None = None
) -> VoteResult:
    """Whether the deputy is recalled.

    Kazakhstan (Elections Law Art. 113-16(3)-(4)): the vote is valid if at least one third of
    the district's voters took part, and the deputy is recalled if more than half of those who
    took part voted for recall. ``turnout`` is the number who took part (spoilt ballots count as
    taking part). California (the recall election of Elections Code §11320 ff.): recalled if a
    majority of the votes cast on the recall question are yes, so the base is yes + no and
    ``no`` is required; elsewhere ``no`` is optional and only checked for consistency.
    """
    if outcome.kind != "vote":
        raise ValueError("this rule set has no recall vote")
    if not 0 <= yes <= turnout <= electorate or electorate < 1:
        raise ValueError("need 0 <= yes <= turnout <= electorate and electorate >= 1")
    if no is not None and (no < 0 or yes + no > turnout):
        raise ValueError("yes and no votes cannot exceed the turnout")
    quorum_met = outcome.quorum_share is None or _meets(
        turnout, outcome.quorum_share, electorate, outcome.quorum_comparison
    )
    if outcome.pass_base == "votes_on_question" and no is None:
        raise ValueError("this rule set counts the no votes: give them")
    base = {"votes_cast": turnout, "votes_on_question": yes + (no or 0)}.get(
        outcome.pass_base, electorate
    )
    passed = base > 0 and _meets(yes, outcome.pass_share, base, outcome.pass_comparison)
    return VoteResult(
        quorum_met=quorum_met,
        passed=passed,
        turnout_share=Fraction(turnout, electorate),
        yes_share=Fraction(yes, turnout) if turnout else Fraction(0),
    )
