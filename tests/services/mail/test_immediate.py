"""MAIL_DELIVERY = "immediate": a request sends the mail it queued, once it has committed."""

import socket

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import OutboxMessage
from app.services.mail.outbox import queue_mail


@pytest.fixture
def mail_dir(app, tmp_path):
    directory = tmp_path / "mail"
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(directory), MAIL_DELIVERY="immediate")

    def queue_and_commit():
        queue_mail("dana@example.org", "Committed", "body")
        db.session.commit()
        return "ok"

    def queue_and_roll_back():
        queue_mail("dana@example.org", "Rolled back", "body")
        db.session.flush()
        db.session.rollback()
        return "ok"

    app.add_url_rule("/test/commit", view_func=queue_and_commit, methods=["POST"])
    app.add_url_rule("/test/rollback", view_func=queue_and_roll_back, methods=["POST"])
    return directory


def outbox() -> list[OutboxMessage]:
    return db.session.scalars(sa.select(OutboxMessage)).all()


def test_mail_queued_by_a_committed_request_is_sent_before_the_response(app, client, mail_dir):
    response = client.post("/test/commit")

    assert response.status_code == 200
    assert len(list(mail_dir.glob("*.eml"))) == 1
    (message,) = outbox()
    assert message.sent_at is not None


def test_mail_of_a_rolled_back_request_is_neither_kept_nor_sent(app, client, mail_dir):
    client.post("/test/rollback")

    assert not mail_dir.exists()
    assert outbox() == []


def test_in_queue_mode_a_request_only_queues_its_mail(app, client, mail_dir):
    app.config["MAIL_DELIVERY"] = "queue"

    client.post("/test/commit")

    assert not mail_dir.exists()
    (message,) = outbox()
    assert message.sent_at is None


def test_a_failing_mail_server_does_not_fail_the_request(app, client, mail_dir):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app.config.update(
        MAIL_BACKEND="smtp", MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=port, MAIL_SMTP_TLS="none"
    )

    response = client.post("/test/commit")

    assert response.status_code == 200
    (message,) = outbox()
    assert message.sent_at is None
    assert message.attempts == 1


def test_a_broken_mail_configuration_does_not_fail_the_request(app, client, mail_dir):
    app.config["MAIL_BACKEND"] = "carrier-pigeon"

    response = client.post("/test/commit")

    assert response.status_code == 200
    (message,) = outbox()
    assert (message.sent_at, message.attempts) == (None, 0)
