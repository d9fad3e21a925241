"""Objecting to an invalidation, and deciding the objection.

A signer (by the receipt code, signed in or not) or a member of the initiative group objects to
the invalidation of a signature within the rule set's ``objection_period`` (``app.rules
.objections``). An officer in scope decides with a reason: upheld, the signature counts again
(unless it is a second signature of the same person, which never counts); dismissed, the
invalidation stands. Each step is audited and the decision is notified to the signer.
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
from app.rules.objections import may_object
from app.services.accounts.officers import staff_in_scope
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.initiative.common import is_initiator
from app.services.law import petition_rules
from app.services.objections.queries import invalidated_at
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
            _audit("objection.filed", objection, actor, now, reason=text)
    except IntegrityError:
        raise ObjectionError(_("An objection to this signature is already open.")) from None
    return objection


def _check_objectionable(petition: Petition, signature: Signature, now: datetime) -> None:
    if signature.status is not SignatureStatus.INVALID:
        raise ObjectionError(_("Only an invalidated signature can be objected to."))
    if not petition.is_reviewable:
        raise ObjectionError(_("Objections are possible only during collection and verification."))
    if not may_object(petition_rules(petition), invalidated_at(signature), now):
        raise ObjectionError(_("The period for objecting to this invalidation has ended."))


def decide_objection(
    objection_id: int, officer_id: int, *, uphold: bool, reason: str, now: datetime
) -> Objection:
    """An officer in scope decides: upheld, the signature counts again; else it stays invalid."""
    reason = reason.strip()
    if not reason:
        raise ObjectionError(_("Give the reason for the decision."))
    with transaction():
        objection = db.session.get(Objection, objection_id, with_for_update=True)
        if objection is None or not objection.is_open:
            raise ObjectionError(_("This objection is no longer open."))
        petition = get_locked(Petition, objection.petition_id)
        officer = staff_in_scope(officer_id, petition.id)
        if officer is None:
            raise ObjectionError(_("This petition is outside your assignments."))
        if not petition.is_reviewable:
            raise ObjectionError(
                _("Objections are possible only during collection and verification.")
            )
        signature = objection.signature
        if uphold:
            _count_again(signature, officer, reason, now)
        objection.status = ObjectionStatus.UPHELD if uphold else ObjectionStatus.DISMISSED
        objection.decided_by_id, objection.decided_at = officer.id, now
        objection.decision_reason = reason
        _audit(f"objection.{objection.status.value}", objection, officer, now, reason=reason)
        record_event(
            petition.id,
            EventKind.OBJECTION_DECIDED,
            now=now,
            detail=f"objection:{objection.id}",
            signature_id=signature.id,
        )
    return objection


def _count_again(signature: Signature, officer: User, reason: str, now: datetime) -> None:
    # The re-check rules: a second signature of the same person never counts.
    if signature.is_duplicate:
        raise ObjectionError(_("A second signature of the same person cannot be valid."))
    signature.status = SignatureStatus.VALID
    signature.invalid_reason = None
    signature.review_comment = reason
    signature.reviewed_by_id, signature.reviewed_at = officer.id, now
    log_signature(signature, LogEvent.VALIDATED, at=now)


def _audit(action: str, objection: Objection, actor: User | None, now, *, reason: str) -> None:
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
