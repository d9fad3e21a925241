"""Use cases on a petition's lifecycle; each is one transaction with its audit entry."""

from datetime import datetime

from flask_babel import lazy_gettext as _l

from app.database import get_locked, transaction
from app.models import (
    Petition,
    User,
)
from app.rules import thresholds
from app.rules.calendar import collection_ends_at
from app.rules.lifecycle import PetitionStatus
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.law import get_rule_set
from app.services.petitions.calendar import registered_voters
from app.services.transparency.record import log_transition


class PetitionError(Exception):
    """A lifecycle step that cannot be taken now; the message says why, for the user."""


def open_collection(petition: Petition, now: datetime) -> None:
    """Fix the denominator and the deadline when collection opens."""
    rule_set = get_rule_set(petition.rule_set_code)
    electorate = registered_voters(petition.constituency_id)
    if not electorate:
        raise PetitionError(
            _l("Collection cannot open: no active voter register for this constituency.")
        )
    petition.electorate = electorate
    petition.signatures_required = thresholds.signatures_required(rule_set, electorate)
    petition.closes_at = collection_ends_at(rule_set, now, electorate)


#: The petition event (for the notifications) that reaching a status records.
EVENT_OF_STATUS = {
    PetitionStatus.FILED: EventKind.FILED,
    PetitionStatus.COLLECTING: EventKind.REGISTERED,  # registered, or opened by an official
    PetitionStatus.REFUSED: EventKind.REFUSED,
    PetitionStatus.COLLECTION_CLOSED: EventKind.CLOSED,
    PetitionStatus.SUFFICIENT: EventKind.CERTIFIED,
    PetitionStatus.INSUFFICIENT: EventKind.CERTIFIED,
    PetitionStatus.SEAT_VACATED: EventKind.CERTIFIED,  # the same event: recorded once
    PetitionStatus.VOTE_SCHEDULED: EventKind.VOTE_SCHEDULED,
    PetitionStatus.RECALLED: EventKind.VOTE_RESULT,
    PetitionStatus.RETAINED: EventKind.VOTE_RESULT,
}


def record_transition(
    petition: Petition,
    status: PetitionStatus,
    *,
    now: datetime,
    reason: str,
    actor: User | None = None,
    actor_label: str | None = None,
    recorded_at: datetime | None = None,
) -> PetitionStatus:
    """Move ``petition`` and add its audit entry, inside the caller's transaction.

    ``now`` is when the change takes effect (its timestamp column, the event, ``details.at``);
    ``recorded_at`` (default ``now``) is when it is written down, the audit entry's time: the
    clock closes a collection as of its deadline, but its entry says when the clock ran.
    Raises ``IllegalTransition`` or ``PetitionError``; returns the previous status.
    """
    previous = petition.move_to(status, get_rule_set(petition.rule_set_code), now)
    if status is PetitionStatus.COLLECTING:
        open_collection(petition, now)
    if status in EVENT_OF_STATUS:
        record_event(petition.id, EVENT_OF_STATUS[status], now=now)
    log_transition(petition.id, previous, status, at=now)
    audit.record(
        "petition.status_changed",
        "petition",
        petition.id,
        actor=actor,
        actor_label=actor_label,
        details={
            "from": previous.value,
            "to": status.value,
            "reason": reason,
            "at": now.isoformat(),
        },
        at=recorded_at or now,
    )
    return previous


def change_status(
    petition_id: int,
    status: PetitionStatus,
    *,
    now: datetime,
    reason: str,
    actor: User | None = None,
    actor_label: str | None = None,
) -> Petition:
    """Move a petition to ``status`` and audit who, when and why (one transaction).

    Raises ``IllegalTransition`` for a move the rule set's procedure does not allow and
    ``PetitionError`` when a precondition fails; nothing is changed then.
    """
    with transaction():
        petition = get_locked(Petition, petition_id)
        if petition is None:
            raise PetitionError(_l("No such petition."))
        record_transition(
            petition, status, now=now, reason=reason, actor=actor, actor_label=actor_label
        )
    return petition
