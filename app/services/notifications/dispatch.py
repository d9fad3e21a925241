"""Turning recorded petition events into outbox messages, one transaction per event.

Each event is claimed with a conditional UPDATE (``dispatched_at`` set only where it is still
null): of two dispatchers running at once, one gets rowcount 1 and fans the event out, the
other passes by. The outbox's unique (event_id, to_address) is the database's last word, and an
address that already has the event's message is skipped, so a re-run queues nothing twice.
"""

from datetime import datetime

import sqlalchemy as sa
from flask import Response, current_app

from app.database import transaction
from app.extensions import db
from app.models import OutboxMessage, PetitionEvent
from app.models.base import utcnow
from app.services.events import EVENTS_IN_SESSION
from app.services.mail import queue_mail
from app.services.notifications.audiences import recipients
from app.services.notifications.render import render_notice


def _claim(event_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        sa.update(PetitionEvent)
        .where(PetitionEvent.id == event_id, PetitionEvent.dispatched_at.is_(None))
        .values(dispatched_at=now)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def _already_sent_to(event_id: int) -> set[str]:
    return set(
        db.session.scalars(
            sa.select(OutboxMessage.to_address).where(OutboxMessage.event_id == event_id)
        )
    )


def dispatch_event(event_id: int, now: datetime) -> bool:
    """Queue the messages of one event, if this call claims it; True if it did."""
    with transaction():
        if not _claim(event_id, now):
            return False
        event = db.session.get(PetitionEvent, event_id, populate_existing=True)
        done = _already_sent_to(event_id)
        for recipient in recipients(event):
            if recipient.user.email in done:
                continue
            notice = render_notice(event, recipient, now)
            queue_mail(
                notice.to,
                notice.subject,
                notice.body,
                language=notice.language,
                event_id=event_id,
                unsubscribe_url=notice.unsubscribe_url,
                now=now,
            )
            done.add(notice.to)
    return True


def _undispatched(limit: int, ids: list[int] | None = None) -> list[int]:
    query = (
        sa.select(PetitionEvent.id)
        .where(PetitionEvent.dispatched_at.is_(None))
        .order_by(PetitionEvent.id)
        .limit(limit)
    )
    if ids is not None:
        query = query.where(PetitionEvent.id.in_(ids))
    return list(db.session.scalars(query))


def dispatch_pending(now: datetime, limit: int = 500, *, ids: list[int] | None = None) -> int:
    """Queue the messages of up to ``limit`` undispatched events, oldest first.

    Returns how many events this call dispatched. An event whose messages cannot be written is
    logged and left undispatched (the next run tries again); the others go on.
    """
    dispatched = 0
    for event_id in _undispatched(limit, ids):
        try:
            if dispatch_event(event_id, now):
                dispatched += 1
        except Exception:
            current_app.logger.exception("petition event %s not dispatched; will retry", event_id)
    return dispatched


def dispatch_after_request(response: Response) -> Response:
    """With ``MAIL_DELIVERY = "immediate"``, queue the messages of the events this request
    recorded and committed (``deliver_after_request`` then sends them). Failures are logged;
    they never reach the person who made the request."""
    recorded = db.session.info.pop(EVENTS_IN_SESSION, None)
    if not recorded or current_app.config["MAIL_DELIVERY"] != "immediate":
        return response
    try:
        db.session.rollback()  # whatever the request left uncommitted is not ours to commit
        dispatch_pending(utcnow(), limit=len(recorded), ids=list(recorded))
    except Exception:
        current_app.logger.exception("immediate dispatch failed; recall tick will retry")
    return response
