"""The mail service: messages are queued in the outbox inside the caller's transaction.

Delivery (backends ``console``, ``file``, ``smtp``) lives in ``app.services.mail.delivery``.
"""

from datetime import datetime

from app.extensions import db
from app.models import OutboxMessage
from app.models.base import utcnow

#: ``db.session.info`` key: the messages queued through this session, for immediate delivery.
QUEUED_IN_SESSION = "queued_mail"


def queue_mail(
    to: str,
    subject: str,
    body_text: str,
    *,
    body_html: str | None = None,
    language: str = "en",
    event_id: int | None = None,
    unsubscribe_url: str | None = None,
    now: datetime | None = None,
) -> OutboxMessage:
    """Add a message to the outbox; it is sent only if the caller's transaction commits.

    ``event_id``: the petition event the message reports (one message per address and event).
    ``unsubscribe_url``: for optional messages, the one-click link sent as ``List-Unsubscribe``.
    ``now``: the use case's time; the message is created and due then (default: the clock), so a
    delivery run at that same ``now`` sends it.
    """
    now = now or utcnow()
    message = OutboxMessage(
        to_address=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=language,
        event_id=event_id,
        unsubscribe_url=unsubscribe_url,
        created_at=now,
        next_attempt_at=now,
    )
    db.session.add(message)
    db.session.info.setdefault(QUEUED_IN_SESSION, []).append(message)
    return message
