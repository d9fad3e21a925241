"""Pauses of signing, site-wide or for one petition, and the deadline extensions they cause.

An admin starts a pause (an outage of the register link, a court order) with a public reason;
signing is refused while it is open (``signing.commands.check_signer``). Ending it gives back, where
the petition's rule set says so (``pause_extends_deadline``), the collection time it took away
(``app.rules.pauses``), once per petition and pause (unique (petition, pause)). While an extending
pause is open the clock does not close the petition, even past its deadline: the deadline is about
to move.
"""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import DeadlineExtension, Pause, Petition, User
from app.models.pause import SITE_SCOPE, petition_scope
from app.rules.calendar import next_valid_deadline
from app.rules.lifecycle import PetitionStatus
from app.rules.pauses import Span, extended_deadline, lost_collection_time
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.law import petition_rules
from app.services.petitions.status import extends_deadline, shown_status

REASON_MIN = 5
REASON_MAX = 1000


class PauseError(Exception):
    """A pause that cannot be started or ended now; the message says why, for the admin."""


def _clean_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not REASON_MIN <= len(text) <= REASON_MAX:
        raise PauseError(
            _l(
                "Give a reason of %(low)d to %(high)d characters; it is published.",
                low=REASON_MIN,
                high=REASON_MAX,
            )
        )
    return text


def start_pause(
    admin_id: int, reason: str, *, petition_id: int | None = None, now: datetime
) -> Pause:
    """Pause signing site-wide (``petition_id`` None) or on one collecting petition.

    One open pause per scope: the partial unique index decides between racing admins.
    """
    text = _clean_reason(reason)
    try:
        with transaction():
            admin = db.session.get(User, admin_id)
            if petition_id is not None:
                petition = get_locked(Petition, petition_id)
                if petition is None or shown_status(petition, now) is not PetitionStatus.COLLECTING:
                    raise PauseError(_l("Only a petition that is collecting can be paused."))
            scope = SITE_SCOPE if petition_id is None else petition_scope(petition_id)
            pause = Pause(
                petition_id=petition_id,
                scope_key=scope,
                reason=text,
                started_at=now,
                started_by_id=admin_id,
            )
            db.session.add(pause)
            db.session.flush()
            audit.record(
                "pause.started",
                "pause",
                pause.id,
                actor=admin,
                details={"scope": scope, "reason": text},
                at=now,
            )
    except IntegrityError:
        raise PauseError(_l("Signing is already paused there; end that pause first.")) from None
    return pause


@dataclass
class EndResult:
    pause: Pause
    extended: list[DeadlineExtension] = field(default_factory=list)
    #: Petitions the pause covered whose rule set keeps the deadline (or that had closed).
    not_extended: list[Petition] = field(default_factory=list)


def _covered(pause: Pause, now: datetime) -> list[int]:
    """Petitions the pause overlapped: collecting (or closed) and open during some of it."""
    query = sa.select(Petition.id).where(
        Petition.status.in_((PetitionStatus.COLLECTING, PetitionStatus.COLLECTION_CLOSED)),
        Petition.opened_at < now,
        Petition.closes_at > pause.started_at,
    )
    if pause.petition_id is not None:
        query = query.where(Petition.id == pause.petition_id)
    return list(db.session.scalars(query.order_by(Petition.id)))


def _already_extended(petition_id: int) -> list[Span]:
    """The spans of the pauses that already extended the petition's deadline."""
    rows = db.session.execute(
        sa.select(Pause.started_at, Pause.ended_at)
        .join(DeadlineExtension, DeadlineExtension.pause_id == Pause.id)
        .where(DeadlineExtension.petition_id == petition_id)
    ).all()
    return [Span(start, end) for start, end in rows]


def _extend(pause: Pause, petition: Petition, admin: User, now: datetime):
    lost = lost_collection_time(
        Span(pause.started_at, now),
        Span(petition.opened_at, petition.closes_at),
        _already_extended(petition.id),
    )
    if not lost:
        return None
    previous = petition.closes_at
    # The lost time is given back, then the deadline moves to the rule set's deadline hour on
    # the next day its period counts (never a Sunday evening for a period in working days).
    petition.closes_at = next_valid_deadline(
        extended_deadline(previous, now, lost), petition_rules(petition)
    )
    extension = DeadlineExtension(
        petition_id=petition.id,
        pause_id=pause.id,
        previous_closes_at=previous,
        new_closes_at=petition.closes_at,
        created_at=now,
    )
    db.session.add(extension)
    audit.record(
        "petition.deadline_extended",
        "petition",
        petition.id,
        actor=admin,
        details={
            "before": previous.isoformat(),
            "after": petition.closes_at.isoformat(),
            "reason": f"pause:{pause.id}",
        },
        at=now,
    )
    record_event(petition.id, EventKind.DEADLINE_EXTENDED, now=now, detail=f"pause:{pause.id}")
    return extension


def end_pause(pause_id: int, admin_id: int, *, now: datetime) -> EndResult:
    """End the pause and extend the deadlines it covered where the rule set says so."""
    with transaction():
        pause = get_locked(Pause, pause_id)
        if pause is None or not pause.is_open:
            raise PauseError(_l("This pause has already ended."))
        if now < pause.started_at:
            raise PauseError(_l("A pause cannot end before it started."))
        admin = db.session.get(User, admin_id)
        pause.ended_at, pause.ended_by_id = now, admin_id
        result = EndResult(pause)
        for petition_id in _covered(pause, now):
            petition = get_locked(Petition, petition_id)
            extension = None
            if petition.is_collecting and extends_deadline(petition_rules(petition)):
                extension = _extend(pause, petition, admin, now)
            if extension is not None:
                result.extended.append(extension)
            else:
                result.not_extended.append(petition)
        db.session.flush()
        audit.record(
            "pause.ended",
            "pause",
            pause.id,
            actor=admin,
            details={
                "extended": [e.petition_id for e in result.extended],
                "not_extended": [p.id for p in result.not_extended],
            },
            at=now,
        )
    return result
