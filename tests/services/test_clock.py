"""The deadline clock under a frozen ``now``: closing, milestones, reminders, commission tasks."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditEntry,
    InitiativeMember,
    MemberRole,
    OutboxMessage,
    Petition,
    PetitionEvent,
)
from app.rules.lifecycle import PetitionStatus as S
from app.services.clock import tick
from app.services.events import EventKind
from app.services.pauses.commands import start_pause
from tests.factories import (
    make_collecting_petition,
    make_petition,
    make_signature,
    make_snapshot,
    make_user,
)
from tests.support.concurrency import in_parallel

MINUTE = timedelta(minutes=1)


def events(petition_id: int, kind: EventKind | None = None) -> list[PetitionEvent]:
    query = sa.select(PetitionEvent).where(PetitionEvent.petition_id == petition_id)
    if kind is not None:
        query = query.where(PetitionEvent.kind == str(kind))
    return list(db.session.scalars(query.order_by(PetitionEvent.id)))


def reloaded(petition_id: int) -> Petition:
    db.session.expire_all()
    return db.session.get(Petition, petition_id)


def add_initiator(petition: Petition) -> None:
    """An initiator with an account, so that the petition's notices have a recipient."""
    initiator = make_user()
    db.session.add(
        InitiativeMember(
            petition_id=petition.id,
            user_id=initiator.id,
            member_hash=initiator.email.encode().ljust(32, b"."),
            role=MemberRole.INITIATOR,
        )
    )


def row_counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Petition, PetitionEvent, OutboxMessage, AuditEntry)
    }


def test_one_minute_before_the_deadline_the_clock_leaves_collection_open(app):
    petition = make_collecting_petition()
    report = tick(petition.closes_at - MINUTE)
    assert report.closed == []
    assert reloaded(petition.id).status is S.COLLECTING
    assert events(petition.id, EventKind.CLOSED) == []


def test_at_the_deadline_the_clock_closes_collection_stamped_at_the_deadline(app):
    petition = make_collecting_petition()
    deadline = petition.closes_at
    late = deadline + timedelta(hours=5)
    report = tick(late)
    closed = reloaded(petition.id)
    assert report.closed == [petition.id]
    assert closed.status is S.COLLECTION_CLOSED
    assert closed.closed_at == deadline
    entry = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "petition.status_changed")
    ).all()[-1]
    # Effective at the deadline; written down when the clock ran (a late tick shows as late).
    assert (entry.at, datetime.fromisoformat(entry.details["at"])) == (late, deadline)
    assert entry.details["to"] == "collection_closed"
    [event] = events(petition.id, EventKind.CLOSED)
    assert event.occurred_at == deadline


def test_exactly_at_the_deadline_collection_is_closed(app):
    petition = make_collecting_petition()
    assert tick(petition.closes_at).closed == [petition.id]


def test_a_second_tick_at_the_same_moment_changes_nothing(app):
    petition = make_collecting_petition()
    for _ in range(30):
        make_signature(petition)
    make_petition(status=S.FILED, filed_at=petition.opened_at)
    db.session.commit()
    now = petition.closes_at + MINUTE
    first = tick(now)
    before = row_counts()
    second = tick(now)
    assert first.closed == [petition.id] and first.events_recorded > 1
    assert (second.closed, second.events_recorded, second.sent) == ([], 0, 0)
    assert row_counts() == before


def test_milestones_are_recorded_for_each_quarter_reached_once(app):
    petition = make_collecting_petition(voters=1_000)  # 100 signatures required
    for _ in range(55):
        make_signature(petition)
    db.session.commit()
    now = petition.opened_at + timedelta(days=1)
    tick(now)
    tick(now + MINUTE)
    assert [e.detail for e in events(petition.id, EventKind.MILESTONE)] == ["25", "50"]


def test_no_milestone_is_announced_where_the_law_forbids_a_running_count(app):
    opened = datetime(2026, 12, 10, 9, tzinfo=UTC)
    petition = make_petition(
        status=S.COLLECTING,
        rule_set_code="uk-2015",
        opened_at=opened,
        closes_at=opened + timedelta(days=42),
        electorate=100,
        signatures_required=10,
    )
    for _ in range(10):
        make_signature(petition)
    db.session.commit()

    tick(opened + timedelta(days=1))

    assert events(petition.id, EventKind.MILESTONE) == []


def test_milestones_count_valid_signatures_not_those_awaiting_review(app):
    from app.models import SignatureStatus

    petition = make_collecting_petition(voters=1_000)  # 100 signatures required
    for _ in range(20):
        make_signature(petition)
    for _ in range(10):
        make_signature(petition, status=SignatureStatus.PENDING)
    db.session.commit()

    tick(petition.opened_at + timedelta(days=1))

    assert events(petition.id, EventKind.MILESTONE) == []  # 20 valid of 100: not yet 25 %


def test_a_petition_closed_without_its_last_milestone_gets_it_on_the_next_tick(app):
    petition = make_collecting_petition(voters=1_000)
    tick(petition.closes_at)  # closed with no signature
    for _ in range(100):
        make_signature(petition, signed_at=petition.closes_at - MINUTE)
    db.session.commit()  # e.g. signatures committed just before the close, counted after it

    tick(petition.closes_at + timedelta(hours=2))

    assert [e.detail for e in events(petition.id, EventKind.MILESTONE)] == [
        "25",
        "50",
        "75",
        "100",
    ]


def test_the_hundred_percent_milestone_is_recorded_on_the_tick_that_closes(app):
    petition = make_collecting_petition(voters=1_000)
    for _ in range(100):
        make_signature(petition)
    db.session.commit()
    tick(petition.closes_at + MINUTE)
    details = [e.detail for e in events(petition.id, EventKind.MILESTONE)]
    assert details == ["25", "50", "75", "100"]


def test_closing_soon_is_recorded_three_days_before_the_deadline_and_not_earlier(app):
    petition = make_collecting_petition()
    tick(petition.closes_at - timedelta(days=3, minutes=1))
    assert events(petition.id, EventKind.CLOSING_SOON) == []
    tick(petition.closes_at - timedelta(days=3))
    assert len(events(petition.id, EventKind.CLOSING_SOON)) == 1


def test_a_registration_decision_due_within_two_working_days_is_marked_due_soon(app):
    # Filed Tuesday 1 December 2026: the decision is due Tuesday 8 December, 18:00 Almaty.
    petition = make_petition(status=S.FILED, filed_at=datetime(2026, 12, 1, 5, tzinfo=UTC))
    make_snapshot(counts={petition.constituency: 1_000})
    db.session.commit()
    tick(datetime(2026, 12, 3, 5, tzinfo=UTC))
    assert events(petition.id) == []
    tick(datetime(2026, 12, 7, 5, tzinfo=UTC))
    [soon] = events(petition.id, EventKind.TASK_DUE_SOON)
    assert soon.detail == "registration_decision"
    tick(datetime(2026, 12, 8, 14, tzinfo=UTC))
    [overdue] = events(petition.id, EventKind.TASK_OVERDUE)
    assert overdue.detail == "registration_decision"
    assert overdue.occurred_at == datetime(2026, 12, 8, 14, tzinfo=UTC)


def test_verification_overdue_is_marked_after_the_clock_closed_collection(app):
    petition = make_collecting_petition()
    tick(petition.closes_at + MINUTE)
    tick(petition.closes_at + timedelta(days=60))
    [overdue] = events(petition.id, EventKind.TASK_OVERDUE)
    assert overdue.detail == "verification"


def test_an_open_pause_under_an_extending_rule_set_keeps_collection_open_past_the_deadline(app):
    petition = make_collecting_petition()
    admin = make_user(role="admin")
    db.session.commit()
    start_pause(admin.id, "Register link outage", now=petition.closes_at - MINUTE)
    report = tick(petition.closes_at + timedelta(hours=1))
    assert report.held == [petition.id] and report.closed == []
    assert reloaded(petition.id).status is S.COLLECTING


def test_a_pause_begun_after_the_deadline_does_not_reopen_collection(app):
    petition = make_collecting_petition()
    admin = make_user(role="admin")
    db.session.commit()
    # The deadline passed and no tick ran yet; then an outage pause starts site-wide.
    start_pause(admin.id, "Register link outage", now=petition.closes_at + MINUTE)

    report = tick(petition.closes_at + 2 * MINUTE)

    assert report.closed == [petition.id] and report.held == []


def test_a_non_extending_rule_set_closes_at_its_deadline_even_during_a_pause(app):
    petition = make_collecting_petition(rule_set_code="bc-1996")
    admin = make_user(role="admin")
    db.session.commit()
    start_pause(admin.id, "Register link outage", now=petition.closes_at - MINUTE)
    assert tick(petition.closes_at + MINUTE).closed == [petition.id]


def test_two_ticks_racing_close_a_petition_once(app):
    petition = make_collecting_petition()
    petition_id, now = petition.id, petition.closes_at + MINUTE
    db.session.commit()
    reports = []

    def run():
        reports.append(tick(now))

    assert in_parallel(app, run, run, run) == [None, None, None]
    assert sorted(len(r.closed) for r in reports) == [0, 0, 1]
    assert len(events(petition_id, EventKind.CLOSED)) == 1
    transitions = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEntry)
        .where(
            AuditEntry.action == "petition.status_changed",
            AuditEntry.object_id == str(petition_id),
        )
    )
    assert transitions == 2  # opened, closed


def test_a_tick_sends_the_messages_it_queued_in_the_same_run(app, tmp_path):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path), MAIL_DELIVERY="queue")
    # Opened in the past, so the tick's `now` is earlier than the wall clock when it queues.
    petition = make_collecting_petition(
        voters=1_000, opened_at=datetime(2026, 1, 12, 5, tzinfo=UTC)
    )
    add_initiator(petition)
    for _ in range(30):
        make_signature(petition)
    db.session.commit()

    report = tick(petition.opened_at + timedelta(days=1))

    assert report.queued >= 1
    assert (report.sent, report.failed) == (report.queued, 0)
    assert len(list(tmp_path.glob("*.eml"))) == report.sent


def test_several_quarters_passed_at_once_are_announced_as_the_highest_only(app):
    petition = make_collecting_petition(voters=1_000)  # 100 signatures required
    add_initiator(petition)
    for _ in range(80):
        make_signature(petition)
    db.session.commit()

    tick(petition.opened_at + timedelta(days=1))

    milestones = events(petition.id, EventKind.MILESTONE)
    assert [e.detail for e in milestones] == ["25", "50", "75"]
    announced = db.session.scalars(
        sa.select(OutboxMessage.event_id).where(OutboxMessage.event_id.is_not(None))
    ).all()
    assert {e.id for e in milestones} & set(announced) == {milestones[-1].id}
