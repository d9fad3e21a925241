"""The value types of rule-set parameters: thresholds, periods, sampling, outcomes, time bars.

Split from ``ruleset`` (which re-exports them) to keep each module short; see its docstring.
"""

import enum
from fractions import Fraction
from typing import Literal

from pydantic import Field, model_validator

from app.rules.ruleset_base import Frozen, PositiveInt, Share, _ratio


class Comparison(enum.StrEnum):
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"


class Rounding(enum.StrEnum):
    EXACT = "exact"  #: compare with the exact share of the electorate
    UP = "up"  #: the law first rounds the share of the electorate up to a whole number
    DOWN = "down"
    HALF_UP = "half_up"


class Bracket(Frozen):
    """Applies to an electorate below ``below`` (the last bracket has no bound)."""

    below: PositiveInt | None = None
    share: Share | None = None
    days: PositiveInt | None = None


def _check_brackets(brackets: list[Bracket], field: str) -> None:
    if not brackets:
        raise ValueError("give at least one bracket")
    bounds = [b.below for b in brackets]
    if any(getattr(b, field) is None for b in brackets):
        raise ValueError(f"every bracket needs '{field}'")
    if bounds[-1] is not None or None in bounds[:-1]:
        raise ValueError("only the last bracket may (and must) be open-ended")
    if bounds[:-1] != sorted(set(bounds[:-1])):
        raise ValueError("bracket bounds must increase")


class Threshold(Frozen):
    #: Whose count is the denominator: the constituency's voters in the active register on the
    #: day the petition is registered, or on the last day of collection (UK).
    denominator: Literal["register_at_registration", "register_at_close"]
    comparison: Comparison
    rounding: Rounding = Rounding.EXACT
    share: Share | None = None
    brackets: list[Bracket] | None = None

    @model_validator(mode="after")
    def _one_source(self):
        if (self.share is None) == (self.brackets is None):
            raise ValueError("give either 'share' or 'brackets'")
        if self.brackets is not None:
            _check_brackets(self.brackets, "share")
        return self


class DayUnit(enum.StrEnum):
    CALENDAR = "calendar_days"
    WORKING = "working_days"
    #: Calendar days, the public holidays of the calendar not counted (UK Recall of MPs Act
    #: 2015: six weeks, bank holidays of the constituency's nation disregarded).
    EXCEPT_HOLIDAYS = "days_except_holidays"


class Period(Frozen):
    unit: DayUnit = DayUnit.CALENDAR
    days: PositiveInt | None = None
    brackets: list[Bracket] | None = None
    #: True: the day of the event is day 1 (as the 2023 calendar plan counted "from 20 January
    #: to 18:00, 8 February" as 20 days). False: counting starts on the following day.
    counts_start_day: bool = False

    @model_validator(mode="after")
    def _one_source(self):
        if (self.days is None) == (self.brackets is None):
            raise ValueError("give either 'days' or 'brackets'")
        if self.brackets is not None:
            _check_brackets(self.brackets, "days")
        return self


class Withdrawal(Frozen):
    allowed: bool
    until: Literal["collection_end", "filing"] | None = None


class Sampling(Frozen):
    """Random-sample verification: the sample is ``max(min_sample, share x raw count)``."""

    min_sample: PositiveInt
    share: Share
    #: Projected valid above this multiple of the required number: sufficient.
    sufficient_above: Fraction = Field(default=Fraction(11, 10))
    #: Projected valid from this multiple up to ``sufficient_above``: every signature is checked;
    #: below it: insufficient.
    full_count_from: Fraction = Field(default=Fraction(9, 10))

    @model_validator(mode="before")
    @classmethod
    def _parse_bands(cls, data):
        if isinstance(data, dict):
            for key in ("sufficient_above", "full_count_from"):
                if key in data and not isinstance(data[key], Fraction):
                    data = {**data, key: _ratio(data[key])}
        return data

    @model_validator(mode="after")
    def _bands_in_order(self):
        if not 0 < self.full_count_from <= self.sufficient_above:
            raise ValueError("need 0 < full_count_from <= sufficient_above")
        return self


class Outcome(Frozen):
    #: ``vote``: a recall vote decides; ``vacate``: a sufficient petition vacates the seat.
    kind: Literal["vote", "vacate"]
    quorum_share: Share | None = None
    quorum_comparison: Comparison = Comparison.AT_LEAST
    pass_share: Share | None = None
    pass_comparison: Comparison = Comparison.MORE_THAN
    #: What the pass share is taken of: everyone who took part (blank and spoilt ballots too),
    #: only the yes and no votes on the recall question, or the whole electorate.
    pass_base: Literal["votes_cast", "votes_on_question", "electorate"] = "votes_cast"

    @model_validator(mode="after")
    def _vote_needs_pass_rule(self):
        if self.kind == "vote" and self.pass_share is None:
            raise ValueError("a recall vote needs 'pass_share'")
        if self.kind == "vacate" and (self.pass_share or self.quorum_share):
            raise ValueError("a vacating outcome has no quorum or pass rule")
        return self


class TimeBar(Frozen):
    """No initiative for ``months`` after the start, or before the end, of a mandate."""

    months: PositiveInt
    #: The day the bar is counted from (after the start) or to (before the end).
    counted_from: Literal["election_date", "mandate_start", "mandate_end"]
