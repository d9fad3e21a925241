"""Objections to the invalidation of a signature: until when one may be filed.

The Elections Law gives voters the right to appeal a commission's decision to the commission or
to the higher commission (the general pattern of the law; the recall chapter's own period was
not read, so Kazakhstan's ``objection_period`` is a provisional project default). A rule set
without ``objection_period`` has no objection procedure in this app.
"""

from datetime import datetime

from app.rules.calendar import period_deadline
from app.rules.ruleset import RuleSet


def objection_deadline(rule_set: RuleSet, invalidated_at: datetime) -> datetime | None:
    """The last moment to object to an invalidation made at ``invalidated_at`` (None: the rule
    set has no objection procedure)."""
    if rule_set.objection_period is None:
        return None
    return period_deadline(invalidated_at, rule_set.objection_period.value, rule_set)


def may_object(rule_set: RuleSet, invalidated_at: datetime, now: datetime) -> bool:
    """Whether an objection filed at ``now`` is in time."""
    deadline = objection_deadline(rule_set, invalidated_at)
    return deadline is not None and now <= deadline
