"""Sending the outbox: claim a due message, hand it to the backend, record what happened.

Several workers may run at once. Each message is claimed in a short transaction of its own:
on PostgreSQL the candidate row is locked with ``FOR UPDATE SKIP LOCKED`` (others pass it by),
and everywhere a conditional UPDATE pushes its ``next_attempt_at`` a lease ahead, so a message
claimed by one worker is not due for another (SQLite has no row locks; the UPDATE is what
counts there). No transaction stays open while the SMTP server talks. If a worker dies mid-send,
the lease runs out and the message is tried again.

Delivery uses its own database session, so it never commits what a request left unfinished.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

import sqlalchemy as sa
from flask import Response, current_app
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import OutboxMessage
from app.models.base import utcnow
from app.services.mail.backends import make_backend
from app.services.mail.outbox import QUEUED_IN_SESSION

FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=1)
#: How long a claimed message is not due for others; well beyond any SMTP timeout.
CLAIM_LEASE = timedelta(minutes=10)
MAX_ERROR_LENGTH = 300
DELIVERY_MODES = ("immediate", "queue")


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 1 minute, doubling, at most an hour."""
    return min(FIRST_RETRY_DELAY * 2 ** min(max(attempts - 1, 0), 10), MAX_RETRY_DELAY)


def build_message(row: OutboxMessage, sender: str) -> EmailMessage:
    """The outbox row as a MIME message; the Message-ID is the same on every retry."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = f"<outbox.{row.id}.{int(row.created_at.timestamp())}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    if row.unsubscribe_url:
        # RFC 2369 and RFC 8058: the mail program offers "unsubscribe" and POSTs it in one click.
        message["List-Unsubscribe"] = f"<{row.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    message["Content-Language"] = row.language  # after the body: set_content drops Content-*
    return message


def _due(now: datetime):
    return sa.and_(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)


def _claim(session: Session, now: datetime, ids: list[int] | None) -> OutboxMessage | None:
    """The next due message, claimed for this worker and committed; None when none is left."""
    while True:
        query = (
            sa.select(OutboxMessage)
            .where(_due(now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(ids))
        row = session.scalar(query)
        if row is None:
            session.commit()
            return None
        claimed = session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id == row.id, _due(now))
            .values(next_attempt_at=now + CLAIM_LEASE)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        if claimed.rowcount == 1:
            return row
        # Another worker claimed it between our SELECT and UPDATE (SQLite); try the next one.


def _error_text(error: Exception) -> str:
    text = f"{type(error).__name__}: {error}"
    for key in ("MAIL_SMTP_PASSWORD", "MAIL_SMTP_USERNAME"):
        secret = current_app.config.get(key)
        if secret:
            text = text.replace(str(secret), "[hidden]")
    return text[:MAX_ERROR_LENGTH]


def deliver_pending(
    now: datetime, limit: int = 100, *, ids: list[int] | None = None
) -> DeliveryReport:
    """Send up to ``limit`` due messages (unsent, ``next_attempt_at <= now``), oldest first.

    A sent message gets ``sent_at``; a failed one a higher ``attempts``, its ``last_error`` and
    a later ``next_attempt_at`` (see ``retry_delay``). One commit per message. ``ids``
    restricts the run to those messages. Raises ``MailConfigError`` for unusable settings.
    """
    config = current_app.config
    backend = make_backend(config, current_app.instance_path)
    report = DeliveryReport()
    with Session(db.engine, expire_on_commit=False) as session:
        for _ in range(limit):
            row = _claim(session, now, ids)
            if row is None:
                break
            row.attempts += 1
            try:
                backend.send(build_message(row, config["MAIL_FROM"]))
            except Exception as error:
                row.last_error = _error_text(error)
                row.next_attempt_at = now + retry_delay(row.attempts)
                report.failed += 1
                current_app.logger.warning(
                    "mail %s not sent (try %s): %s", row.id, row.attempts, row.last_error
                )
            else:
                row.sent_at = now
                row.last_error = None
                report.sent += 1
            session.commit()
    return report


def deliver_after_request(response: Response) -> Response:
    """With ``MAIL_DELIVERY = "immediate"``, send what this request queued and committed.

    Mail that was rolled back is not in the outbox, so it is not sent. Failures are logged and
    left to the retry schedule; they never reach the person who made the request.
    """
    queued = db.session.info.pop(QUEUED_IN_SESSION, None)
    mode = current_app.config["MAIL_DELIVERY"]
    if mode not in DELIVERY_MODES:
        current_app.logger.error("MAIL_DELIVERY must be immediate or queue, not %r", mode)
    if not queued or mode != "immediate":
        return response
    ids = [state.identity[0] for state in map(sa.inspect, queued) if state.has_identity]
    if not ids:
        return response
    try:
        deliver_pending(utcnow(), limit=len(ids), ids=ids)
    except Exception:
        current_app.logger.exception("immediate mail delivery failed; the queue will retry")
    return response
