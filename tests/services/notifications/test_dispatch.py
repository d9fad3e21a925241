"""How the dispatcher writes an event's messages: one recipient's failure is that recipient's
alone, messages are rendered before the event is claimed, and a lost claim writes nothing."""

import logging

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import PetitionEvent
from app.services.events import EventKind as K
from app.services.notifications import dispatch as dispatch_module
from app.services.notifications import dispatch_pending
from app.services.notifications.dispatch import dispatch_event
from tests.support.notice_world import NOW, addresses, make_world, record


@pytest.fixture
def world(app):
    return make_world()


def dispatched_at(event_id: int):
    return db.session.scalar(
        sa.select(PetitionEvent.dispatched_at).where(PetitionEvent.id == event_id)
    )


def test_a_recipient_whose_message_cannot_be_rendered_is_skipped_and_the_others_get_theirs(
    world, monkeypatch, caplog
):
    render = dispatch_module.render_notice
    broken = world.follower

    def render_or_fail(event, recipient, now, facts=None):
        if recipient.user.id == broken.id:
            raise RuntimeError(f"template broke for {recipient.user.email}")
        return render(event, recipient, now, facts)

    monkeypatch.setattr(dispatch_module, "render_notice", render_or_fail)
    event_id = record(world.petition, K.CLOSED)

    with caplog.at_level(logging.ERROR):
        assert dispatch_pending(NOW) == 1

    assert addresses(event_id) == sorted(world.email_of("initiator", "signer_follower"))
    assert dispatched_at(event_id) is not None
    (line,) = [r for r in caplog.records if "rendering failed" in r.getMessage()]
    assert str(event_id) in line.getMessage() and str(broken.id) in line.getMessage()
    assert broken.email not in line.getMessage()


def test_events_with_a_broken_recipient_do_not_hold_back_newer_events(world, monkeypatch):
    render = dispatch_module.render_notice

    def fail_for_closed(event, recipient, now, facts=None):
        if event.kind == K.CLOSED and recipient.user.id == world.initiator.id:
            raise ValueError("broken")
        return render(event, recipient, now, facts)

    monkeypatch.setattr(dispatch_module, "render_notice", fail_for_closed)
    older = record(world.petition, K.CLOSED)
    newer = record(world.petition, K.CLOSING_SOON)

    assert dispatch_pending(NOW, limit=1) == 1
    assert dispatch_pending(NOW, limit=1) == 1

    assert dispatched_at(older) is not None
    assert addresses(newer) == sorted(world.email_of("initiator", "follower", "signer_follower"))


def test_messages_are_rendered_before_the_event_is_claimed(world, monkeypatch):
    """No write (and so no SQLite write lock) is held while a large audience is rendered."""
    render = dispatch_module.render_notice
    seen = []

    def render_and_look(event, recipient, now, facts=None):
        seen.append(dispatched_at(event.id))
        return render(event, recipient, now, facts)

    monkeypatch.setattr(dispatch_module, "render_notice", render_and_look)
    event_id = record(world.petition, K.CLOSED)

    assert dispatch_event(event_id, NOW) is True

    assert seen == [None, None, None]
    assert dispatched_at(event_id) is not None


def test_a_dispatcher_that_loses_the_claim_after_rendering_writes_nothing(world, monkeypatch):
    render_all = dispatch_module._render_all

    def render_while_another_dispatcher_claims(event_id, now):
        notices = render_all(event_id, now)
        with db.engine.begin() as other:  # the other dispatcher, on its own connection
            other.execute(
                sa.update(PetitionEvent)
                .where(PetitionEvent.id == event_id)
                .values(dispatched_at=now)
            )
        return notices

    monkeypatch.setattr(dispatch_module, "_render_all", render_while_another_dispatcher_claims)
    event_id = record(world.petition, K.CLOSED)

    assert dispatch_event(event_id, NOW) is False

    assert addresses(event_id) == []
