"""The schema of a recall rule set: every parameter a value with its legal citation.

Rule sets are data (``app/rules/sets/*.toml``), validated by these models when the app starts,
so that a threshold or a period is never hard-coded and a law change is a new file, not a code
change. Each parameter says whether its value was confirmed from the official text; unconfirmed
Kazakh values are provisional defaults (``recall-law.md`` §3-5, §9) and are shown as such.
"""

import enum
from datetime import date, time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import (
    AliasChoices,
    Field,
    model_validator,
)

from app.rules.parameters import (
    Bracket,
    Comparison,
    DayUnit,
    Outcome,
    Period,
    Rounding,
    Sampling,
    Threshold,
    TimeBar,
    Withdrawal,
)
from app.rules.ruleset_base import Citation, Frozen, Param, PositiveInt, Share

__all__ = [
    "Bracket",
    "Citation",
    "Comparison",
    "DayUnit",
    "EndReason",
    "Outcome",
    "Param",
    "Period",
    "PositiveInt",
    "Rounding",
    "RuleSet",
    "Sampling",
    "Share",
    "Threshold",
    "TimeBar",
    "Trigger",
    "Withdrawal",
]
from app.rules.proofs import PAPER_PROOF, IdentityProof, OnlineIdentity


class EndReason(enum.StrEnum):
    """Why a rule set stops on its ``valid_until`` day (labels in ``app/labels/rules.py``)."""

    #: The chamber itself ended (the Mazhilis on 1 July 2026: Constitution of 15 March 2026).
    CHAMBER_ENDED = "chamber_ended"
    #: A later law replaced the procedure.
    REPLACED = "replaced"


class Trigger(enum.StrEnum):
    CITIZEN_INITIATIVE = "citizen_initiative"
    OFFICIAL_TRIGGER = "official_trigger"


class RuleSet(Frozen):
    code: str = Field(pattern=r"^[a-z]{2}(-[a-z0-9]+)+$")
    version: PositiveInt
    title: str
    jurisdiction: str
    #: The first day a petition may open under this version.
    valid_from: date
    #: The first day it may not (exclusive); ``valid_to`` is accepted as the same key.
    valid_until: date | None = Field(
        default=None, validation_alias=AliasChoices("valid_until", "valid_to")
    )
    #: Why the rule set ends on ``valid_until``, and the citation saying so.
    end_reason: EndReason | None = None
    end_cite: str | None = None
    time_zone: str
    #: ``holidays`` package calendar (``KZ``, ``GB``, ``US-CA``) for periods in working days.
    holiday_calendar: str
    #: Subdivisions of the calendar a constituency may belong to (UK: ``ENG``, ``WLS``, ``SCT``,
    #: ``NIR``: each nation has its own bank holidays), and the one used when none is given.
    subdivisions: list[str] = []
    default_subdivision: str | None = None
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
    #: How long a signer (or an initiator) may object to an invalidation, from the decision.
    objection_period: Param[Period] | None = None
    withdrawal: Param[Withdrawal]
    running_count_public: Param[bool]
    verification_method: Param[Literal["full_count", "sample"]]
    sampling: Param[Sampling] | None = None
    outcome: Param[Outcome]

    @model_validator(mode="after")
    def _consistent(self):
        self._check_zone_and_calendar()
        if (self.verification_method.value == "sample") != (self.sampling is not None):
            raise ValueError("sampling: required exactly when verification_method is 'sample'")
        for name, param in self.parameters():
            if param.cite not in self.citations:
                raise ValueError(f"{name}.cite: no citation {param.cite!r} in [citations]")
        if self.trigger.value is Trigger.CITIZEN_INITIATIVE and self.initiative_group_min is None:
            raise ValueError("initiative_group_min: required for a citizen initiative")
        if self.valid_until is not None and self.valid_until <= self.valid_from:
            raise ValueError("valid_until: must be after valid_from")
        if (self.end_reason is None) != (self.end_cite is None):
            raise ValueError("end_reason and end_cite: give both or neither")
        if self.end_reason is not None and self.valid_until is None:
            raise ValueError("end_reason: needs valid_until")
        if self.end_cite is not None and self.end_cite not in self.citations:
            raise ValueError(f"end_cite: no citation {self.end_cite!r} in [citations]")
        return self

    def _check_zone_and_calendar(self) -> None:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"time_zone: unknown time zone {self.time_zone!r}") from None
        country, _, subdivision = self.holiday_calendar.partition("-")
        supported = holidays.list_supported_countries()
        if country not in supported or (subdivision and subdivision not in supported[country]):
            raise ValueError(f"holiday_calendar: unknown calendar {self.holiday_calendar!r}")
        self._check_subdivisions(supported[country])

    def _check_subdivisions(self, known) -> None:
        unknown = [code for code in self.subdivisions if code not in known]
        if unknown:
            raise ValueError(f"subdivisions: unknown {', '.join(unknown)}")
        if self.default_subdivision not in (None, *self.subdivisions):
            raise ValueError("default_subdivision: must be one of subdivisions")

    def calendar_for(self, subdivision: str | None = None) -> str:
        """The ``holidays`` calendar code of a constituency in ``subdivision`` (``GB-SCT``)."""
        chosen = subdivision or self.default_subdivision
        if chosen is None:
            return self.holiday_calendar
        if chosen not in self.subdivisions:
            raise ValueError(f"unknown subdivision {chosen!r}")
        return f"{self.holiday_calendar}-{chosen}"

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
