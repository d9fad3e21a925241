"""Recording what happened to a petition, for the notification dispatcher.

``record_event`` is called inside the transaction of the change it reports (registration,
certification, a vote...) or by the deadline clock (milestones, reminders, overdue tasks). The
database's unique key (petition, kind, detail) makes it idempotent: recording an event that
exists already does nothing and returns None, so the clock may look for the same milestone every
minute and it is announced once.
"""

import enum
from datetime import datetime

from app.database import upsert_insert
from app.extensions import db
from app.models import PetitionEvent

#: ``db.session.info`` key: events recorded through this session, for immediate dispatch.
EVENTS_IN_SESSION = "recorded_events"


class EventKind(enum.StrEnum):
    FILED = "filed"  #: initiators (receipt of the filing), officers (new filing)
    REGISTERED = "registered"  #: initiators, the deputy
    REFUSED = "refused"  #: initiators; detail: the reason code
    MILESTONE = "milestone"  #: detail "25", "50", "75", "100" (% of the threshold)
    CLOSING_SOON = "closing_soon"  #: collection closes within 3 days
    CLOSED = "closed"  #: collection closed
    DEADLINE_EXTENDED = "deadline_extended"  #: detail: "pause:<id>"
    CERTIFIED = "certified"  #: the commission certified the outcome
    VOTE_SCHEDULED = "vote_scheduled"
    VOTE_RESULT = "vote_result"
    SIGNATURE_INVALIDATED = "signature_invalidated"  #: detail "signature:<id>"
    OBJECTION_DECIDED = "objection_decided"  #: detail "objection:<id>"; the signer
    TASK_DUE_SOON = "task_due_soon"  #: detail: the calendar step; officers
    TASK_OVERDUE = "task_overdue"  #: detail: the calendar step; officers
    REPLY_PUBLISHED = "reply_published"  #: detail "version:<n>"; initiators, followers


def record_event(
    petition_id: int,
    kind: EventKind,
    *,
    now: datetime,
    detail: str = "",
    signature_id: int | None = None,
) -> int | None:
    """Record the event unless it exists; return the new event's id, or None if it existed.

    Runs in the caller's transaction; its messages are queued when the dispatcher next runs
    (right after the request where mail is delivered immediately, otherwise by ``recall tick``).
    """
    statement = (
        upsert_insert(PetitionEvent)
        .values(
            petition_id=petition_id,
            kind=str(kind),
            detail=detail,
            signature_id=signature_id,
            occurred_at=now,
        )
        .on_conflict_do_nothing(index_elements=["petition_id", "kind", "detail"])
        .returning(PetitionEvent.id)
    )
    event_id = db.session.scalar(statement)
    if event_id is not None:
        db.session.info.setdefault(EVENTS_IN_SESSION, []).append(event_id)
    return event_id
