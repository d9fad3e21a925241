"""Use cases on a petition's lifecycle; each is one transaction with its audit entry."""

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.database import get_locked, transaction
from app.extensions import db
from app.models import (
    AuditEntry,
    Constituency,
    Deputy,
    Petition,
    RegisterCount,
    RegisterSnapshot,
    User,
)
from app.rules import thresholds
from app.rules.calendar import collection_ends_at
from app.rules.lifecycle import ACTIVE, NOT_YET_PUBLIC, PetitionStatus
from app.rules.timeline import Step, legal_calendar
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.law import get_rule_set

#: A petition becomes public when it is filed with the commission; drafts are the initiators'.
PRIVATE_STATUSES = NOT_YET_PUBLIC


class PetitionError(Exception):
    """A lifecycle step that cannot be taken now; the message says why, for the user."""


def registered_voters(constituency_id: int) -> int | None:
    """Voters of the constituency in the active register, or None without an active register."""
    return db.session.scalar(
        sa.select(RegisterCount.voters)
        .join(RegisterSnapshot, RegisterSnapshot.id == RegisterCount.snapshot_id)
        .where(RegisterSnapshot.is_active, RegisterCount.constituency_id == constituency_id)
    )


def _open_collection(petition: Petition, now: datetime) -> None:
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
        _open_collection(petition, now)
    if status in EVENT_OF_STATUS:
        record_event(petition.id, EVENT_OF_STATUS[status], now=now)
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


def petition_calendar(petition: Petition, registered: int | None = None) -> list[Step]:
    """The petition's legal calendar from its recorded dates and its rule set (the end of
    collection is the recorded deadline, so an extension for a pause moves it and what follows).

    Before collection opens the electorate is today's register count (``registered`` if the
    caller already has it); it only matters where periods depend on it (California).
    """
    rule_set = get_rule_set(petition.rule_set_code)
    electorate = (
        petition.electorate or registered or registered_voters(petition.constituency_id) or 1
    )
    return legal_calendar(
        rule_set,
        electorate=electorate,
        filed_at=petition.filed_at,
        opens_at=petition.opened_at,
        closes_at=petition.closes_at,
        closed_at=petition.closed_at,
        certified_at=petition.certified_at,
    )


def get_petition(petition_id: int) -> Petition:
    """The petition with its deputy and constituency, or 404."""
    return db.first_or_404(
        sa.select(Petition)
        .where(Petition.id == petition_id)
        .options(
            joinedload(Petition.deputy).joinedload(Deputy.party),
            joinedload(Petition.constituency).joinedload(Constituency.body),
        )
    )


@dataclass(frozen=True)
class OpenPetition:
    petition: Petition
    next_step: Step | None
    #: The whole legal calendar the next step was taken from.
    calendar: list[Step]


def registered_counts() -> dict[int, int]:
    """Voters per constituency in the active register, in one query (for lists of petitions)."""
    return dict(
        db.session.execute(
            sa.select(RegisterCount.constituency_id, RegisterCount.voters)
            .join(RegisterSnapshot, RegisterSnapshot.id == RegisterCount.snapshot_id)
            .where(RegisterSnapshot.is_active)
        ).all()
    )


def fetch_open_petitions(
    now: datetime | None = None, *, where: sa.ColumnElement[bool] | None = None
) -> list[OpenPetition]:
    """Every open petition (matching ``where``, if given) with the next step of its calendar,
    soonest deadline first."""
    now = now or datetime.now(UTC)
    query = (
        sa.select(Petition)
        .where(Petition.status.in_(ACTIVE))
        .options(joinedload(Petition.deputy), joinedload(Petition.constituency))
        .order_by(Petition.id)
    )
    if where is not None:
        query = query.where(where)
    registered = registered_counts()
    result = []
    for petition in db.session.scalars(query).all():
        calendar = petition_calendar(petition, registered.get(petition.constituency_id))
        upcoming = (s for s in calendar if s.deadline and s.deadline > now)
        result.append(OpenPetition(petition, next(upcoming, None), calendar))
    far_future = datetime.max.replace(tzinfo=UTC)
    return sorted(result, key=lambda row: row.next_step.deadline if row.next_step else far_future)


def fetch_public_petitions(deputy_id: int) -> list[Petition]:
    """The deputy's petitions that have been filed, newest first."""
    return db.session.scalars(
        sa.select(Petition)
        .where(Petition.deputy_id == deputy_id, Petition.status.not_in(PRIVATE_STATUSES))
        .order_by(Petition.id.desc())
    ).all()


def petition_history(petition_id: int) -> list[AuditEntry]:
    """The petition's audit trail, oldest first."""
    return db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.object_type == "petition", AuditEntry.object_id == str(petition_id))
        .order_by(AuditEntry.id)
    ).all()
