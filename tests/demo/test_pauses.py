"""The demo's past site-wide pause extended the demo petition's deadline, on the public log."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.demo.pauses import REASON, pause_window, seed_demo_pause
from app.extensions import db
from app.models import Channel, DeadlineExtension, Pause, Petition, Signature

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
#: Each test gets its own copy of a database ``seed_demo(voters=300, now=NOW)`` loaded.
pytestmark = pytest.mark.seeded(voters=300, now=NOW)


def test_the_demo_pause_extended_the_demo_petition_past_the_two_hours_and_is_public(
    app, client, seed_report
):
    [pause] = db.session.scalars(sa.select(Pause)).all()
    assert (pause.reason, pause.petition_id) == (REASON, None)
    assert pause.ended_at - pause.started_at == timedelta(hours=2)
    extension = db.session.scalar(
        sa.select(DeadlineExtension).where(
            DeadlineExtension.petition_id == seed_report.petition.petition_id
        )
    )
    # The two hours lost are added, then the deadline moves to the next day's deadline hour.
    assert extension.new_closes_at - extension.previous_closes_at == timedelta(days=1)
    petition = db.session.get(Petition, seed_report.petition.petition_id)
    assert petition.closes_at == extension.new_closes_at
    assert REASON in client.get("/pauses").get_data(as_text=True)


def test_no_demo_online_signature_falls_inside_the_pause(app):
    start, end = pause_window(NOW)
    inside = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Signature)
        .where(
            Signature.channel == Channel.ONLINE,
            Signature.signed_at >= start,
            Signature.signed_at < end,
        )
    )
    assert inside == 0


def test_seeding_the_pause_again_changes_nothing(app):
    again = seed_demo_pause(NOW + timedelta(hours=1))

    assert not again.created
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pause)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DeadlineExtension)) >= 1


def test_the_demo_back_story_is_not_mailed_but_the_first_tick_announces_what_is_due(app):
    from app.models import OutboxMessage, PetitionEvent
    from app.services.clock import tick

    settled = db.session.scalar(
        sa.select(sa.func.count()).where(PetitionEvent.dispatched_at.is_(None))
    )
    mail_before = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))

    later = NOW + timedelta(minutes=1)
    report = tick(later)

    assert settled == 0
    new_kinds = set(
        db.session.scalars(
            sa.select(PetitionEvent.kind).where(PetitionEvent.dispatched_at == later)
        ).all()
    )
    # The back story (filed, registered, certified...) was not re-announced; only what the
    # clock found due now.
    assert new_kinds and new_kinds <= {"task_due_soon", "task_overdue", "milestone", "closing_soon"}
    # Every message the tick queued reports one of those new events.
    announced = set(
        db.session.scalars(
            sa.select(OutboxMessage.event_id).where(OutboxMessage.created_at == later)
        ).all()
    )
    new_ids = set(
        db.session.scalars(
            sa.select(PetitionEvent.id).where(PetitionEvent.dispatched_at == later)
        ).all()
    )
    assert announced and announced <= new_ids and report.dispatched >= len(announced)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) > mail_before
