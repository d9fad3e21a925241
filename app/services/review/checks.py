"""Running the automatic checks on one signature and storing the result with it.

The checks themselves are pure (``app.rules.checks``); this module gathers the facts from the
register and the petition, and turns failed checks into the signature's status: a signature that
passes every check is valid unless an officer decided otherwise; one that fails goes to the
review queue (pending) with the failed checks stored; a duplicate record is never valid.

The identity check (keyed name and birth date against the register) is judged only when the
keyed line is passed in, i.e. when a paper sheet is accepted; a later run without it keeps the
verdict stored with the signature, as the register re-check does (``app.services.review.recheck``).
"""

from datetime import date, datetime, timedelta

from app.models import PaperLine, Petition, Signature, SignatureStatus, Voter
from app.rules.checks import Check, ReviewReason, SignatureFacts, failed_checks
from app.rules.ruleset import RuleSet
from app.services.law import petition_rules
from app.services.voters import constituency_in_body

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
    paper_line: PaperLine | None = None,
) -> Check:
    """Check ``signature`` against ``voter`` (its row in the active register, or None) and store
    the failed checks and the resulting status. ``signed_on`` overrides the signing day (paper
    sheets carry a date, not a time; it defaults to ``paper_line``'s). ``paper_line``, the line
    the signature was keyed from, has its surname, first name and birth date compared with the
    register's (``Check.IDENTITY``); without it the stored identity verdict is kept. Returns the
    failed checks."""
    rule_set = petition_rules(petition)
    if signed_on is None and paper_line is not None:
        signed_on = paper_line.signed_on
    day = signed_on or signature.signed_at.astimezone(rule_set.zone).date()
    keyed = {}
    if paper_line is not None:
        keyed = {
            "keyed_last_name": paper_line.last_name,
            "keyed_first_name": paper_line.first_name,
            "keyed_birth_date": paper_line.birth_date,
        }
    facts = SignatureFacts(
        on_register=voter is not None,
        register_constituency_id=_constituency_id(voter, petition),
        birth_date=voter.birth_date if voter is not None else None,
        signed_on=day,
        duplicate=signature.duplicate_of_id is not None,
        withdrawn=signature.status is SignatureStatus.WITHDRAWN,
        register_last_name=voter.last_name if voter is not None else None,
        register_first_name=voter.first_name if voter is not None else None,
        **keyed,
    )
    failed = failed_checks(
        facts,
        constituency_id=petition.constituency_id,
        period=collection_period(petition, rule_set),
        minimum_age=rule_set.signer_min_age.value,
    )
    if paper_line is None:
        failed |= Check(signature.failed_checks or 0) & Check.IDENTITY
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


def _constituency_id(voter: Voter | None, petition: Petition) -> int | None:
    """The voter's constituency in the petition's body (None: off the register or unmapped)."""
    if voter is None:
        return None
    found = constituency_in_body(voter, petition.constituency)
    return found.id if found is not None else None
