"""End to end: a petition event, dispatched and delivered through a real SMTP server (aiosmtpd),
including a failing server and the retry after it recovers."""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from app.extensions import db
from app.services.events import EventKind as K
from app.services.mail.delivery import deliver_pending
from app.services.notifications import dispatch_pending
from tests.support.notice_world import NOW, make_world, outbox, record
from tests.support.smtp import Collector, free_port


@pytest.fixture
def world(app):
    return make_world()


def test_an_event_arrives_by_smtp_with_its_recipient_subject_and_link(world, smtp_server):
    record(world.petition, K.REFUSED)  # required: initiators only

    dispatch_pending(NOW)
    report = deliver_pending(NOW)

    assert (report.sent, report.failed) == (1, 0)
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == [world.initiator.email]
    (received,) = smtp_server.messages()
    assert received["To"] == world.initiator.email
    assert received["Subject"] == f"Recall petition № {world.petition.id} was not registered"
    assert f"/petitions/{world.petition.id}" in received.get_content()
    assert received["Content-Language"] == "en"


def test_an_optional_notice_arrives_with_the_one_click_unsubscribe_headers(world, smtp_server):
    record(world.petition, K.MILESTONE, detail="25")
    dispatch_pending(NOW)

    deliver_pending(NOW)

    received = {m["To"]: m for m in smtp_server.messages()}
    follower = received[world.follower.email]
    assert follower["List-Unsubscribe"].startswith("<http")
    assert "/auth/unsubscribe/" in follower["List-Unsubscribe"]
    assert follower["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_refusing_server_keeps_the_notice_queued_until_it_recovers(world, smtp_server):
    smtp_server.reply = "451 4.3.0 Try again later"
    event_id = record(world.petition, K.REFUSED)
    dispatch_pending(NOW)

    assert deliver_pending(NOW).failed == 1
    (message,) = outbox(event_id)
    assert (message.sent_at, message.attempts) == (None, 1)
    assert message.next_attempt_at == NOW + timedelta(minutes=1)

    smtp_server.reply = "250 OK"
    assert deliver_pending(NOW + timedelta(seconds=30)).sent == 0  # not due yet
    assert deliver_pending(NOW + timedelta(minutes=2)).sent == 1

    db.session.refresh(message)
    assert message.sent_at == NOW + timedelta(minutes=2) and message.attempts == 2
    assert len(smtp_server.envelopes) == 1


def test_a_stopped_server_keeps_the_notice_queued_and_a_restarted_one_gets_it(app, world):
    collector = Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=port,
        MAIL_SMTP_TLS="none",
        MAIL_SMTP_TIMEOUT=5,
        MAIL_FROM="Deputy recall <noreply@recall.example>",
    )
    controller.stop()
    event_id = record(world.petition, K.REFUSED)
    dispatch_pending(NOW)

    assert deliver_pending(NOW).failed == 1
    (message,) = outbox(event_id)
    assert (message.sent_at, message.attempts) == (None, 1)
    assert message.next_attempt_at > NOW

    restarted = Controller(collector, hostname="127.0.0.1", port=port)
    restarted.start()
    try:
        report = deliver_pending(message.next_attempt_at + timedelta(seconds=1))
    finally:
        restarted.stop()

    assert report.sent == 1
    (received,) = collector.messages()
    assert received["To"] == world.initiator.email
