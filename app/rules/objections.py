"""Objections to the invalidation of a signature: until when one may be filed.

The Elections Law gives voters the right to appeal a commission's decision to the commission or
to the higher commission (the general pattern of the law; the recall chapter's own period was
not read, so Kazakhstan's ``objection_period`` is a provisional project default). A rule set
without ``objection_period`` has no objection procedure in this app.

Objections are taken while the signatures are collected and verified, and after certification
until the recall vote is held: a signature invalidated just before certification keeps its
period, and upholding such an objection corrects the certified result (two officers, as for
certification itself).
"""

from datetime import date, datetime

from app.rules.calendar import period_deadline
from app.rules.lifecycle import PetitionStatus
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


#: Statuses where objections are taken and decided as usual (one officer decides).
BEFORE_CERTIFICATION = frozenset(
    {PetitionStatus.COLLECTING, PetitionStatus.COLLECTION_CLOSED, PetitionStatus.VERIFICATION}
)
#: Certified, and the outcome has not happened yet: an upheld objection corrects a certified
#: input (two officers). A seat vacated at certification, a vote's result, a lapse or a
#: withdrawal end the matter: nothing the count decides is left to correct.
AFTER_CERTIFICATION = frozenset(
    {PetitionStatus.SUFFICIENT, PetitionStatus.INSUFFICIENT, PetitionStatus.VOTE_SCHEDULED}
)


def objections_taken(status: PetitionStatus, voting_day: date | None, today: date) -> bool:
    """Whether objections to invalidations are filed and decided on a petition in ``status``:
    during collection and verification, and after certification until the recall vote is held
    (from its voting day, ``today`` being the rule set's local date, the vote's figures rest on
    the certified count, so no input can change any more)."""
    if status in BEFORE_CERTIFICATION:
        return True
    if status not in AFTER_CERTIFICATION:
        return False
    return voting_day is None or today < voting_day


def corrects_certified_result(status: PetitionStatus) -> bool:
    """Whether upholding an objection now reverses an input of a certified result, which two
    officers must then agree on (a proposal and a confirmation by a different officer)."""
    return status in AFTER_CERTIFICATION
