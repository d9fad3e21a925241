"""Objecting to an invalidation, and deciding the objection.

A signer (by the receipt code, signed in or not) or a member of the initiative group objects to
the invalidation of a signature within the rule set's ``objection_period`` (``app.rules
.objections``). An officer in scope decides with a reason: upheld, the signature counts again
(unless it is a second signature of the same person, which never counts); dismissed, the
invalidation stands. Each step is audited and the decision is notified to the signer.

Objections are taken during collection and verification and, after certification, until the
recall vote is held. Once the result is certified, upholding one reverses a certified input: the
officer's uphold is only a proposal, which a different officer confirms or rejects
(``app.services.objections.reversal``); dismissing changes no certified input and stays one
officer's decision.
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import (
    Objection,
    ObjectionStatus,
    Objector,
    Petition,
    Signature,
    SignatureStatus,
    User,
)
from app.rules.log_leaves import LogEvent
from app.rules.objections import corrects_certified_result, may_object
from app.services.accounts.officers import staff_in_scope
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.initiative.common import is_initiator
from app.services.law import petition_rules
from app.services.objections.queries import invalidated_at, taken_now
from app.services.transparency.record import log_signature

MAX_STATEMENT = 2000


class ObjectionError(Exception):
    """The objection or decision is refused; the message says why, for people."""


class NotAnInitiator(ObjectionError):
    """Someone outside the initiative group objects as an initiator (a page answers 403)."""


def object_by_receipt(
    receipt_code: str, statement: str, *, user_id: int | None, now: datetime
) -> Objection:
    """The signer objects, naming the signature by its receipt code."""
    code = receipt_code.strip().upper()
    signature = db.session.scalar(sa.select(Signature).where(Signature.receipt_code == code))
    if signature is None:
        raise ObjectionError(_("No signature has this receipt code."))
    return _file(signature.id, Objector.SIGNER, statement, user_id=user_id, now=now)


def object_as_initiator(
    petition_id: int, signature_id: int, user_id: int, statement: str, *, now: datetime
) -> Objection:
    """A member of the initiative group objects to the invalidation of a signature."""
    if not is_initiator(petition_id, user_id):
        raise NotAnInitiator(_("Only a member of the initiative group may object here."))
    signature = db.session.get(Signature, signature_id)
    if signature is None or signature.petition_id != petition_id:
        raise ObjectionError(_("This petition has no signature with this number."))
    return _file(signature_id, Objector.INITIATOR, statement, user_id=user_id, now=now)


def _file(signature_id, objector, statement, *, user_id, now) -> Objection:
    text = " ".join(statement.split())
    if not 5 <= len(text) <= MAX_STATEMENT:
        raise ObjectionError(_("Say in a few words why the signature should count."))
    try:
        with transaction():
            signature = db.session.get(Signature, signature_id, with_for_update=True)
            petition = get_locked(Petition, signature.petition_id)
            _check_objectionable(petition, signature, now)
            objection = Objection(
                petition_id=petition.id,
                signature_id=signature.id,
                objector=objector,
                user_id=user_id,
                statement=text,
                filed_at=now,
            )
            db.session.add(objection)
            db.session.flush()
            actor = db.session.get(User, user_id) if user_id else None
            audit_objection("objection.filed", objection, actor, now, reason=text)
    except IntegrityError:
        raise ObjectionError(_("An objection to this signature is already open.")) from None
    return objection


def _check_objectionable(petition: Petition, signature: Signature, now: datetime) -> None:
    if signature.status is not SignatureStatus.INVALID:
        raise ObjectionError(_("Only an invalidated signature can be objected to."))
    if not taken_now(petition, now):
        raise ObjectionError(not_taken_message())
    if not may_object(petition_rules(petition), invalidated_at(signature), now):
        raise ObjectionError(_("The period for objecting to this invalidation has ended."))


def decide_objection(
    objection_id: int, officer_id: int, *, uphold: bool, reason: str, now: datetime
) -> Objection:
    """An officer in scope decides: upheld, the signature counts again; else it stays invalid.

    After certification an uphold is proposed, not decided: the objection waits for a second
    officer (``reversal.confirm_uphold``) and nothing counts again yet."""
    reason = reason.strip()
    if not reason:
        raise ObjectionError(_("Give the reason for the decision."))
    with transaction():
        objection = db.session.get(Objection, objection_id, with_for_update=True)
        if objection is not None and objection.is_proposed:
            raise ObjectionError(
                _("An uphold is proposed: a second officer confirms or rejects it first.")
            )
        if objection is None or not objection.is_open:
            raise ObjectionError(_("This objection is no longer open."))
        petition, officer = deciding(objection, officer_id, now)
        signature = objection.signature
        if uphold and corrects_certified_result(petition.status):
            _propose_uphold(objection, officer, reason, now)
            return objection
        if uphold:
            count_again(signature, officer, reason, now)
        settle(objection, officer, upheld=uphold, reason=reason, now=now)
    return objection


def deciding(objection: Objection, officer_id: int, now: datetime) -> tuple[Petition, User]:
    """The objection's petition (locked) and the officer deciding on it, refused unless the
    officer is in scope and objections are decided at ``now``."""
    petition = get_locked(Petition, objection.petition_id)
    officer = staff_in_scope(officer_id, petition.id)
    if officer is None:
        raise ObjectionError(_("This petition is outside your assignments."))
    if not taken_now(petition, now):
        raise ObjectionError(not_taken_message())
    return petition, officer


def settle(
    objection: Objection, officer: User, *, upheld: bool, reason: str, now: datetime
) -> None:
    """Record the decision on ``objection`` (in the caller's transaction): its status, the
    officer, the audit entry and the event the signer and initiators are told of."""
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.decided_by_id, objection.decided_at = officer.id, now
    objection.decision_reason = reason
    audit_objection(f"objection.{objection.status.value}", objection, officer, now, reason=reason)
    record_event(
        objection.petition_id,
        EventKind.OBJECTION_DECIDED,
        now=now,
        detail=f"objection:{objection.id}",
        signature_id=objection.signature_id,
    )


def not_taken_message() -> str:
    """Why no objection is filed or decided now (for people)."""
    return _(
        "Objections are possible during collection and verification, and after certification "
        "until the recall vote is held."
    )


def _propose_uphold(objection: Objection, officer: User, reason: str, now: datetime) -> None:
    if objection.signature.is_duplicate:  # refused now rather than at the confirmation
        raise ObjectionError(_("A second signature of the same person cannot be valid."))
    objection.propose_uphold(officer.id, reason, now)
    audit_objection("objection.uphold_proposed", objection, officer, now, reason=reason)


def count_again(signature: Signature, officer: User, reason: str, now: datetime) -> None:
    """The signature counts again (in the caller's transaction), under the re-check rules."""
    # The re-check rules: a second signature of the same person never counts.
    if signature.is_duplicate:
        raise ObjectionError(_("A second signature of the same person cannot be valid."))
    signature.status = SignatureStatus.VALID
    signature.invalid_reason = None
    signature.review_comment = reason
    signature.reviewed_by_id, signature.reviewed_at = officer.id, now
    log_signature(signature, LogEvent.VALIDATED, at=now)


def audit_objection(
    action: str, objection: Objection, actor: User | None, now, *, reason: str
) -> None:
    """The audit entry of a step on the objection (in the caller's transaction)."""
    audit.record(
        action,
        "objection",
        objection.id,
        actor=actor,
        actor_label=None if actor else str(objection.objector),
        at=now,
        details={
            "petition_id": objection.petition_id,
            "signature_id": objection.signature_id,
            "objector": str(objection.objector),
            "status": str(objection.status),
            "reason": reason,
        },
    )
