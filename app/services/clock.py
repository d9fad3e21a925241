"""The deadline clock: ``flask --app wsgi recall tick``, run every minute by cron or a timer.

Each step is its own short transaction (a petition's close is one per petition), so a crash in
one leaves the others consistent, and every step is idempotent: closing re-checks the locked
row, events are unique per (petition, kind, detail), the outbox per (event, address), delivery
claims each message. Several ticks may run at once, and a tick run twice at the same ``now``
changes nothing the second time.

Pages do not wait for the clock: they show ``lifecycle.status_at`` through
``petitions.status.shown_status``, so a missed tick never shows a petition as collecting after
its deadline.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.database import get_locked, transaction
from app.extensions import db
from app.models import OutboxMessage, Petition, PetitionEvent
from app.rules.lifecycle import PetitionStatus
from app.services.events import EventKind, record_event
from app.services.law import get_rule_set, petition_rules
from app.services.mail.delivery import deliver_pending
from app.services.notifications import dispatch_pending
from app.services.petitions.calendar import fetch_open_petitions
from app.services.petitions.commands import record_transition
from app.services.petitions.counts import exact_counts_for
from app.services.petitions.status import held_open
from app.services.registration.queries import current_deadline, is_due_soon

MILESTONES = (25, 50, 75, 100)
CLOSING_SOON = timedelta(days=3)
#: Closed petitions still looked at for their last milestone.
RECENTLY_CLOSED = timedelta(days=1)
#: Statuses in which the petition waits for the commission (its deadline is the commission's).
COMMISSION_WAITS = frozenset(
    {
        PetitionStatus.FILED,
        PetitionStatus.COLLECTION_CLOSED,
        PetitionStatus.VERIFICATION,
        PetitionStatus.SUFFICIENT,
        PetitionStatus.VOTE_SCHEDULED,
    }
)
#: ``actor_label`` of the clock's audit entries (shown as "the system").
CLOCK_ACTOR = "cli"


@dataclass
class TickReport:
    now: datetime
    closed: list[int] = field(default_factory=list)
    #: Petitions past their deadline kept open by an extending pause.
    held: list[int] = field(default_factory=list)
    events: Counter = field(default_factory=Counter)
    #: Events turned into outbox messages (by this tick), and the messages that made.
    dispatched: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0

    @property
    def events_recorded(self) -> int:
        return sum(self.events.values())

    @property
    def idle(self) -> bool:
        """Nothing happened (the worker prints nothing then)."""
        activity = (self.closed, self.held, self.dispatched, self.queued, self.sent, self.failed)
        return not any(activity) and not self.events_recorded


def _record(report: TickReport, petition_id: int, kind: EventKind, *, now, detail="") -> int | None:
    """Record the event unless it exists; the new event's id, or None."""
    event_id = record_event(petition_id, kind, now=now, detail=detail)
    if event_id is not None:
        report.events[kind] += 1
    return event_id


def close_at_deadline(petition: Petition, now: datetime) -> bool:
    """Close ``petition``'s collection if its deadline has passed at ``now`` and no extending
    pause holds it open; in the caller's transaction (the petition locked). True if closed.

    Closed as of the deadline (``closed_at``, the CLOSED event); the audit entry says when it was
    written, so a late tick does not look punctual.
    """
    if not petition.is_collecting or petition.closes_at > now or held_open(petition, now):
        return False
    record_transition(
        petition,
        PetitionStatus.COLLECTION_CLOSED,
        now=petition.closes_at,
        recorded_at=now,
        reason="deadline",
        actor_label=CLOCK_ACTOR,
    )
    return True


def close_due(now: datetime, report: TickReport) -> None:
    """Close every collection whose deadline has passed, stamped at the deadline."""
    due = db.session.scalars(
        sa.select(Petition.id)
        .where(Petition.status == PetitionStatus.COLLECTING, Petition.closes_at <= now)
        .order_by(Petition.id)
    ).all()
    db.session.rollback()
    for petition_id in due:
        with transaction():
            petition = get_locked(Petition, petition_id)
            if not petition.is_collecting or petition.closes_at > now:
                continue  # another tick closed it, or a pause extended it
            if not close_at_deadline(petition, now):
                report.held.append(petition_id)
                continue
            report.closed.append(petition_id)
            report.events[EventKind.CLOSED] += 1


def record_milestones(now: datetime, report: TickReport) -> None:
    """25/50/75/100 % of the required signatures, for collecting and just-closed petitions."""
    with transaction():
        # Collecting, or closed within the last day: a tick that crashed after closing, or a
        # signature committed just before the close, still gets its last milestone announced.
        wanted = sa.or_(
            Petition.status == PetitionStatus.COLLECTING,
            sa.and_(
                Petition.status == PetitionStatus.COLLECTION_CLOSED,
                Petition.closed_at >= now - RECENTLY_CLOSED,
            ),
            Petition.id.in_(report.closed),
        )
        rows = db.session.execute(
            sa.select(
                Petition.id,
                Petition.signatures_required,
                Petition.rule_set_code,
                Petition.rule_set_version,
            )
            .where(wanted, Petition.signatures_required > 0)
            .order_by(Petition.id)
        ).all()
        # Where the law forbids a running count (UK: "forecasts are an offence"), a milestone
        # would publish one: none is announced.
        rows = [
            row
            for row in rows
            if get_rule_set(row.rule_set_code, row.rule_set_version).running_count_public.value
        ]
        counts = exact_counts_for([row.id for row in rows], now)
        for petition_id, required, _code, _version in rows:
            # Valid signatures, as the public progress bar counts them.
            reached = counts[petition_id].valid * 100 // required
            new = []
            for percent in (p for p in MILESTONES if reached >= p):
                event_id = _record(
                    report, petition_id, EventKind.MILESTONE, now=now, detail=str(percent)
                )
                if event_id is not None:
                    new.append(event_id)
            # Several quarters passed since the last tick (a paper batch, a first tick): the
            # highest is announced, the ones it passed are recorded as already said.
            if len(new) > 1:
                db.session.execute(
                    sa.update(PetitionEvent)
                    .where(PetitionEvent.id.in_(new[:-1]))
                    .values(dispatched_at=now)
                )


def record_closing_soon(now: datetime, report: TickReport) -> None:
    """Collection closes within three days (and has not closed)."""
    with transaction():
        ids = db.session.scalars(
            sa.select(Petition.id).where(
                Petition.status == PetitionStatus.COLLECTING,
                Petition.closes_at > now,
                Petition.closes_at <= now + CLOSING_SOON,
            )
        ).all()
        for petition_id in ids:
            _record(report, petition_id, EventKind.CLOSING_SOON, now=now)


def record_commission_tasks(now: datetime, report: TickReport) -> None:
    """Mark commission deadlines due within two working days, and those passed (overdue)."""
    with transaction():
        for row in fetch_open_petitions(now, where=Petition.status.in_(COMMISSION_WAITS)):
            deadline = current_deadline(row.petition, row.calendar, now)
            if deadline is None:
                continue
            if deadline.overdue:
                kind = EventKind.TASK_OVERDUE
            elif is_due_soon(deadline.at, now, petition_rules(row.petition).holiday_calendar):
                kind = EventKind.TASK_DUE_SOON
            else:
                continue
            _record(report, row.petition.id, kind, now=now, detail=deadline.key)


def send_notifications(now: datetime, report: TickReport) -> None:
    """Turn recorded events into outbox messages, then send what is due."""
    outbox_size = sa.select(sa.func.count()).select_from(OutboxMessage)
    before = db.session.scalar(outbox_size)
    report.dispatched = dispatch_pending(now)
    report.queued = db.session.scalar(outbox_size) - before
    db.session.rollback()  # end the read transaction before delivery's own session
    delivery = deliver_pending(now)
    report.sent, report.failed = delivery.sent, delivery.failed


def tick(now: datetime) -> TickReport:
    """One run of the clock at ``now``; see the module docstring."""
    report = TickReport(now)
    close_due(now, report)
    record_milestones(now, report)
    record_closing_soon(now, report)
    record_commission_tasks(now, report)
    send_notifications(now, report)
    return report
