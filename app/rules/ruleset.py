"""The schema of a recall rule set: every parameter a value with its legal citation.

Rule sets are data (``app/rules/sets/*.toml``), validated by these models when the app starts,
so that a threshold or a period is never hard-coded and a law change is a new file, not a code
change. Each parameter says whether its value was confirmed from the official text; unconfirmed
Kazakh values are provisional defaults (``recall-law.md`` §3-5, §9) and are shown as such.
"""

import enum
from datetime import date, time
from fractions import Fraction
from typing import Annotated, Generic, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator

from app.rules.proofs import PAPER_PROOF, IdentityProof, OnlineIdentity

V = TypeVar("V")


def _ratio(value: object) -> Fraction:
    """``"1/3"``, ``"0.10"``, ``"40%"`` or ``"11/10"`` as an exact fraction (else ValueError)."""
    text = str(value).strip()
    try:
        return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a number, a fraction or a percentage") from None


def _fraction(value: object) -> Fraction:
    """A share written as a string: ``"1/3"``, ``"0.10"`` or ``"40%"`` (no float rounding)."""
    if not isinstance(value, str | int | Fraction):
        raise ValueError("write a share as a string such as '1/3', '0.10' or '40%'")
    share = _ratio(value)
    if not 0 < share <= 1:
        raise ValueError("a share must be above 0 and at most 1")
    return share


Share = Annotated[Fraction, BeforeValidator(_fraction), PlainSerializer(str, return_type=str)]
PositiveInt = Annotated[int, Field(gt=0)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Frozen):
    law: str
    article: str
    url: str | None = None


class Param(Frozen, Generic[V]):
    """One parameter: its value, where the value comes from, and whether that was confirmed."""

    value: V
    confirmed: bool
    cite: str
    note: str = ""


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


class Trigger(enum.StrEnum):
    CITIZEN_INITIATIVE = "citizen_initiative"
    OFFICIAL_TRIGGER = "official_trigger"


class RuleSet(Frozen):
    code: str = Field(pattern=r"^[a-z]{2}(-[a-z0-9]+)+$")
    version: PositiveInt
    title: str
    jurisdiction: str
    valid_from: date
    valid_until: date | None = None
    time_zone: str
    #: ``holidays`` package calendar (``KZ``, ``GB``, ``US-CA``) for periods in working days.
    holiday_calendar: str
    summary: str = ""
    citations: dict[str, Citation]

    trigger: Param[Trigger]
    initiative_group_min: Param[PositiveInt] | None = None
    statement_max_chars: Param[PositiveInt] | None = None
    statement_max_words: Param[PositiveInt] | None = None
    signer_min_age: Param[PositiveInt]
    #: The proofs an online signature may rest on; a signature resting on another does not count.
    online_identity: Param[OnlineIdentity]
    threshold: Param[Threshold]
    collection_period: Param[Period]
    deadline_time: Param[time]
    #: Whether a pause of signing (outage, court order) extends the collection deadline by the
    #: collection time it took away.
    pause_extends_deadline: Param[bool] | None = None
    registration_decision_period: Param[Period] | None = None
    verification_period: Param[Period] | None = None
    vote_period: Param[Period] | None = None
    no_initiative_after_start: Param[TimeBar] | None = None
    no_initiative_before_end: Param[TimeBar] | None = None
    cooldown_after_failure: Param[Period] | None = None
    withdrawal: Param[Withdrawal]
    running_count_public: Param[bool]
    verification_method: Param[Literal["full_count", "sample"]]
    sampling: Param[Sampling] | None = None
    outcome: Param[Outcome]

    @model_validator(mode="after")
    def _consistent(self):
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"time_zone: unknown time zone {self.time_zone!r}") from None
        country, _, subdivision = self.holiday_calendar.partition("-")
        supported = holidays.list_supported_countries()
        if country not in supported or (subdivision and subdivision not in supported[country]):
            raise ValueError(f"holiday_calendar: unknown calendar {self.holiday_calendar!r}")
        if (self.verification_method.value == "sample") != (self.sampling is not None):
            raise ValueError("sampling: required exactly when verification_method is 'sample'")
        for name, param in self.parameters():
            if param.cite not in self.citations:
                raise ValueError(f"{name}.cite: no citation {param.cite!r} in [citations]")
        if self.trigger.value is Trigger.CITIZEN_INITIATIVE and self.initiative_group_min is None:
            raise ValueError("initiative_group_min: required for a citizen initiative")
        if self.valid_until is not None and self.valid_until <= self.valid_from:
            raise ValueError("valid_until: must be after valid_from")
        return self

    def parameters(self) -> list[tuple[str, Param]]:
        """Every parameter present, in the order of the schema (for the rules page)."""
        return [
            (name, value)
            for name in type(self).model_fields
            if isinstance(value := getattr(self, name), Param)
        ]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def accepted_proofs(self) -> frozenset[str]:
        """Every proof a counted signature may rest on: the online ones named, and paper."""
        return frozenset({*map(str, self.online_identity.value), PAPER_PROOF})

    def accepts_online(self, proof: IdentityProof) -> bool:
        return proof in self.online_identity.value

    @property
    def provisional(self) -> list[str]:
        return [name for name, param in self.parameters() if not param.confirmed]
