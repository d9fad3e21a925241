"""Certifying a petition's result: one officer proposes, a different officer confirms.

The proposal freezes its figures: the number of valid signatures (counted, or projected from
the sample where the rule set samples and the bands decide) and the number required. A
rejection, with a reason, allows a new proposal. Confirmation moves the petition to sufficient
or insufficient; where the rule set's outcome vacates the seat (UK s.9, British Columbia), a
sufficient petition vacates it at once and the deputy is recalled.

The figures a proposal rests on, and the proposals made, are read in
``app.services.certification.queries``.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.labels import petition_status_label
from app.models import (
    Certification,
    CertifiedResult,
    Deputy,
    DeputyStatus,
    IllegalTransition,
    Petition,
    ProposalStatus,
    User,
)
from app.rules.lifecycle import PetitionStatus
from app.services.accounts.officers import staff_in_scope
from app.services.audit import chain as audit
from app.services.certification.queries import current_figures, open_certification
from app.services.clock import close_at_deadline
from app.services.law import petition_rules
from app.services.objections.queries import open_objections
from app.services.petitions.commands import PetitionError, record_transition


class CertificationError(PetitionError):
    """A certification step that cannot be taken now; the message says why."""


def start_verification(petition_id: int, officer_id: int, *, now: datetime) -> Petition:
    """Collection is closed: the commission starts verifying the signatures.

    A collection past its deadline is closed, even if the clock has not run yet (unless a pause
    holds it open): it is first closed here, in the same transaction and as the clock would
    (stamped at the deadline, by the clock), then moved to verification.
    """
    try:
        with transaction():
            petition = _petition(petition_id)
            officer = officer_in_scope(officer_id, petition.id)
            close_at_deadline(petition, now)  # as the clock would have, had it run
            record_transition(
                petition,
                PetitionStatus.VERIFICATION,
                now=now,
                reason="verification started",
                actor=officer,
            )
    except IllegalTransition:
        raise CertificationError(
            _("Verification can only start once signature collection is closed.")
        ) from None
    return petition


def propose(
    petition_id: int, officer_id: int, *, result: str, comment: str, now: datetime
) -> Certification:
    """Propose the result, with the figures it rests on frozen into the proposal."""
    try:
        wanted = CertifiedResult(result)
    except ValueError:
        raise CertificationError(_("Choose sufficient or insufficient.")) from None
    try:
        with transaction():
            petition = _petition(petition_id)
            officer_in_scope(officer_id, petition.id)
            if petition.status is not PetitionStatus.VERIFICATION:
                raise CertificationError(
                    _("A result can only be proposed while the signatures are being verified.")
                )
            if open_certification(petition_id) is not None:
                raise CertificationError(_("A result is already proposed for this petition."))
            _refuse_open_objections(petition_id)
            figures = current_figures(petition)
            if figures.problem:
                raise CertificationError(figures.problem)
            if figures.result is not wanted:
                raise CertificationError(
                    _(
                        "The figures (%(valid)d valid of %(required)d required) give the result "
                        "“%(result)s”; propose that result.",
                        valid=figures.valid,
                        required=figures.required,
                        result=petition_status_label(PetitionStatus(figures.result.value)),
                    )
                )
            certification = Certification(
                petition_id=petition_id,
                result=wanted,
                status=ProposalStatus.PROPOSED,
                valid_signatures=figures.valid,
                signatures_required=figures.required,
                method=figures.method,
                comment=comment.strip(),
                proposed_by_id=officer_id,
                proposed_at=now,
            )
            db.session.add(certification)
            db.session.flush()
            _audit(petition_id, "certification.proposed", officer_id, now, None, certification)
    except IntegrityError:
        raise CertificationError(_("A result is already proposed for this petition.")) from None
    return certification


def confirm(petition_id: int, certification_id: int, officer_id: int, *, now: datetime) -> Petition:
    """A second officer confirms the proposal; the petition takes the result."""
    with transaction():
        petition = _petition(petition_id)
        officer = officer_in_scope(officer_id, petition.id)
        certification = _proposal(petition_id, certification_id, officer_id)
        _refuse_stale(petition, certification)
        _refuse_open_objections(petition_id)
        before = _state(certification)
        certification.status = ProposalStatus.CONFIRMED
        certification.decided_by_id, certification.decided_at = officer_id, now
        _audit(petition_id, "certification.confirmed", officer_id, now, before, certification)
        target = PetitionStatus(certification.result.value)
        try:
            record_transition(petition, target, now=now, reason="certified", actor=officer)
            outcome = petition_rules(petition).outcome.value.kind
            if target is PetitionStatus.SUFFICIENT and outcome == "vacate":
                record_transition(
                    petition,
                    PetitionStatus.SEAT_VACATED,
                    now=now,
                    reason="certified",
                    actor=officer,
                )
                recall_deputy(petition, officer, now=now, reason="seat vacated")
        except IllegalTransition:
            raise CertificationError(
                _("The petition is no longer being verified; nothing was changed.")
            ) from None
    return petition


def reject(
    petition_id: int, certification_id: int, officer_id: int, *, reason: str, now: datetime
) -> Certification:
    """A second officer rejects the proposal, with a reason; a new proposal may follow."""
    if not reason.strip():
        raise CertificationError(_("Say why the proposal is rejected."))
    with transaction():
        petition = _petition(petition_id)
        officer_in_scope(officer_id, petition.id)
        certification = _proposal(petition_id, certification_id, officer_id)
        before = _state(certification)
        certification.status = ProposalStatus.REJECTED
        certification.decided_by_id, certification.decided_at = officer_id, now
        _audit(
            petition_id,
            "certification.rejected",
            officer_id,
            now,
            before,
            certification,
            reason.strip(),
        )
    return certification


def recall_deputy(petition: Petition, officer: User | None, *, now: datetime, reason: str) -> None:
    """The deputy's mandate ends on the local day of ``now`` (in the caller's transaction)."""
    deputy = get_locked(Deputy, petition.deputy_id)
    day = now.astimezone(petition_rules(petition).zone).date()
    before = {"status": deputy.status.value, "mandate_end": _iso(deputy.mandate_end)}
    deputy.status, deputy.mandate_end = DeputyStatus.RECALLED, day
    audit.record(
        "deputy.recalled",
        "deputy",
        deputy.id,
        actor=officer,
        details={
            "before": before,
            "after": {"status": deputy.status.value, "mandate_end": day.isoformat()},
            "reason": reason,
            "petition_id": petition.id,
        },
    )


def _petition(petition_id: int) -> Petition:
    petition = get_locked(Petition, petition_id)
    if petition is None:
        raise CertificationError(_("No such petition."))
    return petition


def officer_in_scope(officer_id: int, petition_id: int) -> User:
    """The officer, if commission staff who may work on the petition; else refused."""
    officer = staff_in_scope(officer_id, petition_id)
    if officer is None:
        raise CertificationError(_("This petition is outside your assignments."))
    return officer


def _refuse_stale(petition: Petition, certification: Certification) -> None:
    """The confirmed result must rest on the figures as they are now: a review decision or a
    sample verdict made after the proposal may have changed them."""
    figures = current_figures(petition)
    if (
        figures.problem
        or figures.result is not certification.result
        or figures.valid != certification.valid_signatures
        or figures.required != certification.signatures_required
        or figures.method != certification.method
    ):
        raise CertificationError(
            _(
                "The figures changed after this result was proposed (%(then)d valid then, "
                "%(now)d now); reject the proposal and propose the result again.",
                then=certification.valid_signatures,
                now=figures.valid,
            )
        )


def _refuse_open_objections(petition_id: int) -> None:
    """Certification waits until every objection to an invalidation is decided."""
    if open_objections(petition_id):
        raise CertificationError(
            _("Objections to invalidated signatures are still open; decide them first.")
        )


def _proposal(petition_id: int, certification_id: int, officer_id: int) -> Certification:
    certification = get_locked(Certification, certification_id)
    if certification is None or certification.petition_id != petition_id:
        raise CertificationError(_("No such proposal on this petition."))
    if not certification.is_open:
        raise CertificationError(_("This proposal was already decided."))
    if not certification.can_confirm(officer_id):
        raise CertificationError(
            _("You proposed this result: a different officer must confirm or reject it.")
        )
    return certification


def _state(certification: Certification) -> dict:
    return {
        "id": certification.id,
        "status": certification.status.value,
        "result": certification.result.value,
        "valid_signatures": certification.valid_signatures,
        "signatures_required": certification.signatures_required,
        "method": certification.method,
    }


def _audit(petition_id, action, officer_id, now, before, certification, reason=None) -> None:
    audit.record(
        action,
        "petition",
        petition_id,
        actor=db.session.get(User, officer_id),
        details={
            "before": before,
            "after": _state(certification),
            "reason": reason or certification.comment or certification.result.value,
        },
    )


def _iso(day) -> str | None:
    return None if day is None else day.isoformat()
