"""The legal calendar of a petition, like the calendar plan a commission approves.

Each step's deadline is computed from the actual time of the step before it when that is known,
and from the previous step's deadline otherwise (a plan). All times are in the rule set's zone.
"""

from dataclasses import dataclass
from datetime import date, datetime

from app.rules.calendar import collection_ends_at, period_days, period_deadline
from app.rules.ruleset import RuleSet
from app.rules.thresholds import signatures_required


@dataclass(frozen=True)
class Step:
    #: ``registration_decision``, ``collection_opens``, ``collection_closes``,
    #: ``verification``, ``recall_vote``.
    key: str
    deadline: datetime | None
    #: The rule-set parameter the deadline comes from (its citation and confirmation).
    parameter: str | None
    #: When the step actually took place, once known: the close of collection, the moment of
    #: certification, the day the recall vote is (or was) held. Pages show it instead of the
    #: deadline.
    done: datetime | date | None = None


def legal_calendar(
    rule_set: RuleSet,
    *,
    electorate: int,
    filed_at: datetime | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    closed_at: datetime | None = None,
    certified_at: datetime | None = None,
    voting_day: date | None = None,
) -> list[Step]:
    """Every statutory step of a petition with its deadline (None while it cannot be known).

    ``closes_at`` is the petition's recorded end of collection, when it has one: the period's
    end unless a pause extended it. ``closed_at``, ``certified_at`` and ``voting_day`` (the day
    the commission fixed for the recall vote) are also the steps' actual dates (``Step.done``).
    """

    def after(start: datetime | None, parameter: str) -> datetime | None:
        if start is None:
            return None
        return period_deadline(start, getattr(rule_set, parameter).value, rule_set, electorate)

    steps: list[Step] = []
    if rule_set.registration_decision_period is not None:
        decision = after(filed_at, "registration_decision_period")
        steps.append(Step("registration_decision", decision, "registration_decision_period"))
    steps.append(Step("collection_opens", opens_at and opens_at.astimezone(rule_set.zone), None))
    if closes_at is not None:
        closes = closes_at.astimezone(rule_set.zone)
    else:
        closes = after(opens_at, "collection_period")
    closed = closed_at and closed_at.astimezone(rule_set.zone)
    steps.append(Step("collection_closes", closes, "collection_period", closed))
    verified = None
    if rule_set.verification_period is not None:
        verified = after(closed_at or closes, "verification_period")
        done = certified_at and certified_at.astimezone(rule_set.zone)
        steps.append(Step("verification", verified, "verification_period", done))
    if rule_set.outcome.value.kind == "vote" and rule_set.vote_period is not None:
        vote_by = after(certified_at or verified, "vote_period")
        steps.append(Step("recall_vote", vote_by, "vote_period", voting_day))
    return steps


@dataclass(frozen=True)
class Plan:
    signatures_required: int
    collection_days: int
    collection_ends_at: datetime
    timeline: list[Step]


def plan(
    rule_set: RuleSet, *, electorate: int, opens_at: datetime, subdivision: str | None = None
) -> Plan:
    """The figures a commission plans with, for collection opening at ``opens_at`` in a
    constituency of ``subdivision`` (its holidays; the rule set's default when None)."""
    closes_at = collection_ends_at(rule_set, opens_at, electorate, subdivision=subdivision)
    timeline = legal_calendar(
        rule_set, electorate=electorate, opens_at=opens_at, closes_at=closes_at
    )
    return Plan(
        signatures_required=signatures_required(rule_set, electorate),
        collection_days=period_days(rule_set.collection_period.value, electorate),
        collection_ends_at=closes_at,
        timeline=[step for step in timeline if step.key != "registration_decision"],
    )
