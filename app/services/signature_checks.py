"""Running the automatic checks on one signature and storing the result with it.

The checks themselves are pure (``app.rules.checks``); this module gathers the facts from the
register and the petition, and turns failed checks into the signature's status: a signature that
passes every check is valid unless an officer decided otherwise; one that fails goes to the
review queue (pending) with the failed checks stored; a duplicate record is never valid.
"""

from datetime import date, datetime, timedelta

from app.models import Petition, Signature, SignatureStatus, Voter
from app.rules.checks import Check, ReviewReason, SignatureFacts, failed_checks
from app.rules.ruleset import RuleSet
from app.services.law import get_rule_set

NO_CHECK = Check(0)


def collection_period(petition: Petition, rule_set: RuleSet) -> tuple[date, date]:
    """First and last day of collection in the rule set's zone (the deadline instant is
    exclusive, so a deadline at midnight ends the day before)."""
    zone = rule_set.zone
    first = petition.opened_at.astimezone(zone).date()
    last = (petition.closes_at - timedelta(microseconds=1)).astimezone(zone).date()
    return first, last


def apply_checks(
    signature: Signature,
    petition: Petition,
    *,
    voter: Voter | None,
    snapshot_id: int | None,
    now: datetime,
    signed_on: date | None = None,
) -> Check:
    """Check ``signature`` against ``voter`` (its row in the active register, or None) and store
    the failed checks and the resulting status. ``signed_on`` overrides the signing day (paper
    sheets carry a date, not a time). Returns the failed checks."""
    rule_set = get_rule_set(petition.rule_set_code)
    day = signed_on or signature.signed_at.astimezone(rule_set.zone).date()
    facts = SignatureFacts(
        on_register=voter is not None,
        register_constituency_id=voter.constituency_id if voter is not None else None,
        birth_date=voter.birth_date if voter is not None else None,
        signed_on=day,
        duplicate=signature.duplicate_of_id is not None,
        withdrawn=signature.status is SignatureStatus.WITHDRAWN,
    )
    failed = failed_checks(
        facts,
        constituency_id=petition.constituency_id,
        period=collection_period(petition, rule_set),
        minimum_age=rule_set.signer_min_age.value,
    )
    newly_failed = failed & ~Check(signature.failed_checks or 0)
    signature.voter_id = voter.id if voter is not None else signature.voter_id
    signature.failed_checks = int(failed)
    signature.checked_at = now
    signature.checked_snapshot_id = snapshot_id
    settle_status(signature, newly_failed=newly_failed)
    return failed


def settle_status(signature: Signature, *, newly_failed: Check = NO_CHECK) -> None:
    """The status the stored checks and any officer decision give.

    An officer's decision stands until a check fails that had not failed when they decided
    (a new register shows the voter moved away): then the signature returns to the queue.
    """
    if signature.status is SignatureStatus.WITHDRAWN:
        return
    if signature.duplicate_of_id is not None:
        signature.status = SignatureStatus.INVALID
        signature.invalid_reason = ReviewReason.DUPLICATE.value
        return
    if signature.reviewed_by_id is not None and not newly_failed:
        return
    if signature.reviewed_by_id is not None:
        signature.reviewed_by_id = signature.reviewed_at = None
    if signature.failed_checks:
        signature.status = SignatureStatus.PENDING
        signature.invalid_reason = None
    else:
        signature.status = SignatureStatus.VALID
        signature.invalid_reason = None
