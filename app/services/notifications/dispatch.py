"""Turning recorded petition events into outbox messages, one short transaction per event.

Each event is handled in two steps. First, reading only, its recipients are found and every
message is rendered (no write lock is held, so signing goes on however many followers there
are). A recipient whose message cannot be rendered is logged (event and user ids only) and
skipped; the others still get theirs. Then one short transaction claims the event with a
conditional UPDATE (``dispatched_at`` set only where it is still null) and writes all its
messages at once: of two dispatchers running at once, one gets rowcount 1, the other discards
its rendering. The outbox's unique (event_id, to_address) is the database's last word, and an
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
from app.services.mail.outbox import QUEUED_IN_SESSION
from app.services.notifications.audiences import recipients
from app.services.notifications.render import Notice, render_notice


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


def _render_all(event_id: int, now: datetime) -> list[Notice] | None:
    """Every recipient's message (reads only); None if the event is gone or dispatched."""
    event = db.session.get(PetitionEvent, event_id, populate_existing=True)
    if event is None or event.dispatched_at is not None:
        return None
    done = _already_sent_to(event_id)
    notices: list[Notice] = []
    facts: dict = {}  # the event's facts, per language, shared by its recipients
    for recipient in recipients(event):
        if recipient.user.email in done:
            continue
        try:
            notice = render_notice(event, recipient, now, facts)
        except sa.exc.SQLAlchemyError:
            raise  # the database failed, not this recipient: the whole event is retried
        except Exception:
            # Ids only: the error may carry the message or the person's data.
            current_app.logger.exception(
                "petition event %s: no message for user %s (rendering failed)",
                event_id,
                recipient.user.id,
            )
            continue
        done.add(notice.to)
        notices.append(notice)
    return notices


def dispatch_event(event_id: int, now: datetime) -> bool:
    """Queue the messages of one event, if this call claims it; True if it did."""
    notices = _render_all(event_id, now)  # before any write: no lock is held while rendering
    # End the read transaction: on SQLite a reader that later writes fails at once if another
    # writer committed meanwhile (WAL); a fresh write transaction waits for the lock instead.
    db.session.rollback()
    if notices is None:
        return False
    with transaction():
        if not _claim(event_id, now):
            return False  # another dispatcher won; its messages are the ones kept
        if notices:
            rows = [
                {
                    "to_address": notice.to,
                    "subject": notice.subject,
                    "body_text": notice.body,
                    "language": notice.language,
                    "event_id": event_id,
                    "unsubscribe_url": notice.unsubscribe_url,
                    "created_at": now,
                    "next_attempt_at": now,  # due at the use case's now, as queue_mail does
                }
                for notice in notices
            ]
            queued = db.session.scalars(sa.insert(OutboxMessage).returning(OutboxMessage), rows)
            # For immediate delivery (deliver_after_request), as queue_mail would record them.
            db.session.info.setdefault(QUEUED_IN_SESSION, []).extend(queued.all())
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
            db.session.rollback()
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
