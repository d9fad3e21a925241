"""The ``smtp`` backend against a real SMTP server (aiosmtpd) on a free local port."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.services.mail.backends import MailConfigError
from app.services.mail.delivery import deliver_pending
from app.services.mail.outbox import queue_mail
from tests.support.smtp import free_port

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def queued(to="dana@example.org", subject="Hello", body="Сәлем! Привет! Hello!", **kw):
    """A committed outbox message, written at ``NOW`` (the tests' clock)."""
    message = queue_mail(to, subject, body, **kw)
    message.created_at = message.next_attempt_at = NOW
    db.session.commit()
    return message


def test_smtp_delivers_a_queued_message_with_its_recipient_subject_and_body(app, smtp_server):
    message = queued(subject="Confirm your email address")

    report = deliver_pending(NOW)

    assert (report.sent, report.failed) == (1, 0)
    (envelope,) = smtp_server.envelopes
    assert envelope.mail_from == "noreply@recall.example"
    assert envelope.rcpt_tos == ["dana@example.org"]
    (received,) = smtp_server.messages()
    assert received["Subject"] == "Confirm your email address"
    assert received["From"] == "Deputy recall <noreply@recall.example>"
    assert received.get_content().strip() == "Сәлем! Привет! Hello!"
    db.session.refresh(message)
    assert message.sent_at == NOW
    assert message.attempts == 1
    assert message.last_error is None


def test_smtp_sends_the_html_part_as_an_alternative(app, smtp_server):
    queued(body="plain words", body_html="<p>rich words</p>")

    deliver_pending(NOW)

    (received,) = smtp_server.messages()
    assert received.get_body(("plain",)).get_content().strip() == "plain words"
    assert received.get_body(("html",)).get_content().strip() == "<p>rich words</p>"


def test_a_refusing_server_leaves_the_message_unsent_and_due_a_minute_later(app, smtp_server):
    smtp_server.reply = "451 4.3.0 Try again later"
    message = queued()

    report = deliver_pending(NOW)

    assert (report.sent, report.failed) == (0, 1)
    assert smtp_server.envelopes == []
    db.session.refresh(message)
    assert message.sent_at is None
    assert message.attempts == 1
    assert message.next_attempt_at == NOW + timedelta(minutes=1)
    assert "451" in message.last_error
    assert "Try again later" in message.last_error


def test_a_failed_message_is_not_retried_before_its_time_and_is_sent_after_it(app, smtp_server):
    smtp_server.reply = "451 4.3.0 Try again later"
    message = queued()
    deliver_pending(NOW)
    smtp_server.reply = "250 OK"

    early = deliver_pending(NOW + timedelta(seconds=59))
    later = deliver_pending(NOW + timedelta(minutes=1))

    assert (early.sent, later.sent) == (0, 1)
    assert len(smtp_server.envelopes) == 1
    db.session.refresh(message)
    assert message.sent_at == NOW + timedelta(minutes=1)
    assert message.attempts == 2
    assert message.last_error is None


def test_an_unreachable_server_pushes_each_retry_further_back(app):
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=free_port(),
        MAIL_SMTP_TLS="none",
    )
    message = queued()

    deliver_pending(NOW)
    second_try = NOW + timedelta(minutes=1)
    deliver_pending(second_try)

    db.session.refresh(message)
    assert message.sent_at is None
    assert message.attempts == 2
    assert message.next_attempt_at == second_try + timedelta(minutes=2)
    assert "ConnectionRefusedError" in message.last_error


def test_an_unknown_tls_mode_is_a_configuration_error_and_changes_no_message(app, smtp_server):
    app.config["MAIL_SMTP_TLS"] = "sometimes"
    message = queued()

    with pytest.raises(MailConfigError):
        deliver_pending(NOW)

    db.session.refresh(message)
    assert (message.attempts, message.sent_at) == (0, None)


def test_workers_running_at_once_send_each_message_exactly_once(app, smtp_server):
    smtp_server.delay = 0.02
    for n in range(12):
        queued(f"voter{n}@example.org", f"Message {n}", "body")
    reports = []

    def worker():
        with app.app_context():
            reports.append(deliver_pending(NOW))

    workers = [threading.Thread(target=worker) for _ in range(3)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    subjects = sorted(message["Subject"] for message in smtp_server.messages())
    assert subjects == sorted(f"Message {n}" for n in range(12))
    assert sum(report.sent for report in reports) == 12
