"""Use cases of the commission's registration decision on a filed petition."""

from datetime import datetime

from flask_babel import gettext as _

from app.database import get_locked, transaction
from app.extensions import db
from app.models import IllegalTransition, Petition, Role, User
from app.rules.lifecycle import PetitionStatus, RefusalReason
from app.services.accounts.officers import may_work_on
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.law import get_rule_set
from app.services.petitions.commands import PetitionError, open_collection
from app.services.transparency.record import log_transition

#: Who decides on registration: officers (in their scope) and admins.
STAFF_ROLES = (Role.COMMISSION, Role.ADMIN)


def register_petition(petition_id: int, officer_id: int, *, now: datetime) -> Petition:
    """Register a filed petition: collection opens with the rule set's dates; initiators hear."""
    return _decide(petition_id, officer_id, PetitionStatus.COLLECTING, "registered", "", now)


def refuse_petition(
    petition_id: int, officer_id: int, *, reason: str, comment: str, now: datetime
) -> Petition:
    """Refuse to register a filed petition, with a reason from the list (a ``RefusalReason``
    code) and a comment."""
    try:
        code = RefusalReason(reason)
    except ValueError:
        raise PetitionError(_("Choose a reason from the list.")) from None
    return _decide(
        petition_id, officer_id, PetitionStatus.REFUSED, code.value, comment.strip(), now
    )


def _decide(
    petition_id: int,
    officer_id: int,
    status: PetitionStatus,
    reason_code: str,
    comment: str,
    now: datetime,
) -> Petition:
    """One decision, one transaction: the move, its audit entry and the initiators' mail.

    The officer must be staff with the petition in scope: the view checks it too, but a use case
    must not rely on its caller.
    """
    reason = f"{reason_code}: {comment}" if comment else reason_code
    try:
        with transaction():
            officer = db.session.get(User, officer_id)
            if officer is None or officer.role not in STAFF_ROLES:
                raise PetitionError(_("Only commission staff decide on registration."))
            petition = get_locked(Petition, petition_id)
            if petition is None:
                raise PetitionError(_("No such petition."))
            if not may_work_on(officer, petition.id):
                raise PetitionError(_("This petition is outside your assignments."))
            if petition.status is not PetitionStatus.FILED:
                raise IllegalTransition(petition.status, status)
            before = _state(petition)
            petition.move_to(status, get_rule_set(petition.rule_set_code), now)
            if status is PetitionStatus.COLLECTING:
                open_collection(petition, now)
            audit.record(
                "petition.status_changed",
                "petition",
                petition.id,
                actor=officer,
                details={
                    # "from", "to" and "reason" as every status change has them (history page).
                    "from": before["status"],
                    "to": status.value,
                    "reason": reason,
                    "at": now.isoformat(),
                    "before": before,
                    "after": _state(petition),
                    "reason_code": reason_code,
                    "comment": comment,
                },
            )
            # The initiators hear through the notice of the event (reason from this audit entry).
            registered = status is PetitionStatus.COLLECTING
            kind = EventKind.REGISTERED if registered else EventKind.REFUSED
            record_event(petition.id, kind, now=now)
            log_transition(petition.id, PetitionStatus.FILED, status, at=now)
    except IllegalTransition:
        raise PetitionError(
            _("This petition is not waiting for a registration decision.")
        ) from None
    return petition


def _state(petition: Petition) -> dict:
    """What a registration decision changes, for the audit entry."""

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "status": petition.status.value,
        "opened_at": moment(petition.opened_at),
        "closes_at": moment(petition.closes_at),
        "electorate": petition.electorate,
        "signatures_required": petition.signatures_required,
    }
