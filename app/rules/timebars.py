"""Whether a recall initiative may start against a deputy on a given day, and if not, why."""

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from app.rules.calendar import months_after, months_before, period_last_day
from app.rules.ruleset import RuleSet, Trigger


class Bar(enum.StrEnum):
    OFFICIAL_TRIGGER = "official_trigger"  #: only an official may open a petition (UK)
    NOT_SERVING = "not_serving"
    FIRST_PERIOD = "first_period"  #: too soon after the election or start of the mandate
    LAST_PERIOD = "last_period"  #: too close to the end of the mandate
    COOLDOWN = "cooldown"  #: too soon after a failed petition


@dataclass(frozen=True)
class InitiativeDecision:
    allowed: bool
    bar: Bar | None = None
    #: The first day an initiative may start, or None if not in this mandate.
    available_from: date | None = None


def initiative_decision(
    rule_set: RuleSet,
    *,
    today: date,
    serving: bool,
    election_date: date,
    mandate_start: date,
    mandate_end: date | None,
    last_failure_on: date | None = None,
) -> InitiativeDecision:
    """Apply the rule set's bars in order. Kazakhstan (Elections Law Art. 113-12(2)): no
    initiative during the first year and the last year of the deputy's work.

    A bar counted from the end of the mandate needs ``mandate_end`` (the scheduled end).
    """
    if rule_set.trigger.value is Trigger.OFFICIAL_TRIGGER:
        return InitiativeDecision(False, Bar.OFFICIAL_TRIGGER)
    if not serving:
        return InitiativeDecision(False, Bar.NOT_SERVING)
    closes = None
    if rule_set.no_initiative_before_end is not None and mandate_end is not None:
        # Counting back, a month too short gives its last day: the bar starts earlier, not later.
        closes = months_before(mandate_end, rule_set.no_initiative_before_end.value.months)
        if today >= closes:
            return InitiativeDecision(False, Bar.LAST_PERIOD)
    candidates = []
    if rule_set.no_initiative_after_start is not None:
        bar = rule_set.no_initiative_after_start.value
        start = election_date if bar.counted_from == "election_date" else mandate_start
        candidates.append((months_after(start, bar.months), Bar.FIRST_PERIOD))
    if rule_set.cooldown_after_failure is not None and last_failure_on is not None:
        period = rule_set.cooldown_after_failure.value
        ends = period_last_day(last_failure_on, period, rule_set.holiday_calendar)
        candidates.append((ends + timedelta(days=1), Bar.COOLDOWN))
    blocking = [(opens, bar) for opens, bar in candidates if today < opens]
    if not blocking:
        return InitiativeDecision(True)
    opens, bar = max(blocking)
    return InitiativeDecision(False, bar, opens if closes is None or opens < closes else None)
