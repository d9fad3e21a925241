"""Reversing an input of a certified result: an uphold proposed by one officer after
certification is confirmed, or rejected, by a different officer.

Confirmed, the signature counts again (the re-check rules of an ordinary uphold), the confirmed
certification takes the corrected count and a ``CertificationCorrection`` keeps the figures
before and after; a certified insufficient result that now reaches the threshold becomes
sufficient (the lifecycle's one correction), and where the rule set's outcome vacates the seat,
the seat is vacated as certification would have. Rejected, the objection is open again: it may
be dismissed, or an uphold proposed anew. Every step is audited; the decision is notified to the
signer and the initiators, a changed result to everyone a certification is announced to.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import (
    Certification,
    CertificationCorrection,
    CertifiedResult,
    IllegalTransition,
    Objection,
    Petition,
    User,
)
from app.rules.lifecycle import PetitionStatus
from app.services.audit import chain as audit
from app.services.certification.commands import recall_deputy
from app.services.certification.queries import open_certification
from app.services.events import EventKind, record_event
from app.services.law import petition_rules
from app.services.objections.commands import (
    ObjectionError,
    audit_objection,
    count_again,
    deciding,
    settle,
)
from app.services.petitions.commands import record_transition
from app.services.petitions.counts import exact_counts


def confirm_uphold(objection_id: int, officer_id: int, *, now: datetime) -> Objection:
    """A second officer confirms the proposed uphold: the signature counts again and the
    certified result is corrected."""
    try:
        with transaction():
            objection, petition, officer = _proposal(objection_id, officer_id, now)
            reason = objection.decision_reason  # the proposer's, which the second officer backs
            count_again(objection.signature, officer, reason, now)
            settle(objection, officer, upheld=True, reason=reason, now=now)
            _correct(petition, objection, officer, now)
    except IntegrityError:
        # Another petition against the deputy is under way: the result cannot become active.
        raise ObjectionError(
            _("Another petition against this deputy is under way; nothing was changed.")
        ) from None
    return objection


def reject_uphold(objection_id: int, officer_id: int, *, reason: str, now: datetime) -> Objection:
    """A second officer rejects the proposed uphold, with a reason: the objection is open again."""
    reason = reason.strip()
    if not reason:
        raise ObjectionError(_("Give the reason for the decision."))
    with transaction():
        objection, _petition, officer = _proposal(objection_id, officer_id, now)
        objection.withdraw_proposal()
        audit_objection("objection.uphold_rejected", objection, officer, now, reason=reason)
    return objection


def _proposal(objection_id: int, officer_id: int, now: datetime):
    objection = db.session.get(Objection, objection_id, with_for_update=True)
    if objection is None or not objection.is_proposed:
        raise ObjectionError(_("No uphold is proposed on this objection."))
    petition, officer = deciding(objection, officer_id, now)
    if not objection.can_confirm(officer.id):
        raise ObjectionError(
            _("You proposed this uphold: a different officer must confirm or reject it.")
        )
    return objection, petition, officer


def _correct(petition: Petition, objection: Objection, officer: User, now: datetime) -> None:
    certification = open_certification(petition.id)
    if certification is None or not certification.is_confirmed:
        raise ObjectionError(_("The petition has no certified result to correct."))
    certification = get_locked(Certification, certification.id)
    before = _figures(certification)
    db.session.flush()  # the signature counts again before it is counted
    if certification.method == "full_count":
        valid = exact_counts(petition.id).toward_threshold
    else:  # projected from a sample: the signature adds itself to the projection
        valid = certification.valid_signatures + 1
    required = certification.signatures_required
    db.session.add(
        CertificationCorrection(
            certification_id=certification.id,
            objection_id=objection.id,
            valid_before=certification.valid_signatures,
            valid_after=valid,
            signatures_required=required,
            corrected_at=now,
        )
    )
    certification.valid_signatures = valid
    if valid >= required:
        certification.result = CertifiedResult.SUFFICIENT
    audit.record(
        "certification.corrected",
        "petition",
        petition.id,
        actor=officer,
        at=now,
        details={
            "before": before,
            "after": _figures(certification),
            "reason": objection.decision_reason,
            "objection_id": objection.id,
            "proposed_by_id": objection.proposed_by_id,
        },
    )
    if petition.status is PetitionStatus.INSUFFICIENT and valid >= required:
        _becomes_sufficient(petition, objection, officer, now)


def _becomes_sufficient(petition: Petition, objection: Objection, officer: User, now) -> None:
    reason = f"certified result corrected (objection {objection.id})"
    try:
        record_transition(
            petition, PetitionStatus.SUFFICIENT, now=now, reason=reason, actor=officer
        )
        if petition_rules(petition).outcome.value.kind == "vacate":
            record_transition(
                petition, PetitionStatus.SEAT_VACATED, now=now, reason=reason, actor=officer
            )
            recall_deputy(petition, officer, now=now, reason="seat vacated")
    except IllegalTransition:
        raise ObjectionError(
            _("The petition's result cannot change now; nothing was changed.")
        ) from None
    # The certification was announced already (the event is recorded once): the corrected
    # result is announced as a certification of its own.
    record_event(petition.id, EventKind.CERTIFIED, now=now, detail=f"correction:{objection.id}")


def _figures(certification: Certification) -> dict:
    return {
        "certification_id": certification.id,
        "result": certification.result.value,
        "valid_signatures": certification.valid_signatures,
        "signatures_required": certification.signatures_required,
        "method": certification.method,
    }
