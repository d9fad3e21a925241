from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import OutboxMessage
from app.models.base import utcnow
from app.services.mail.outbox import queue_mail


def queued(subject="Hello", *, due_in=timedelta(0)):
    message = queue_mail("dana@example.org", subject, "body")
    message.next_attempt_at = utcnow() + due_in
    db.session.commit()
    return message


def unsent_subjects() -> list[str]:
    return db.session.scalars(
        sa.select(OutboxMessage.subject).where(OutboxMessage.sent_at.is_(None))
    ).all()


def test_send_queued_sends_due_messages_and_prints_a_summary(app, runner, tmp_path):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path / "mail"))
    queued("now")
    queued("tomorrow", due_in=timedelta(days=1))

    result = runner.invoke(args=["mail", "send-queued"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 sent, 0 failed."
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1
    assert unsent_subjects() == ["tomorrow"]


def test_send_queued_with_an_empty_outbox_says_so(app, runner):
    result = runner.invoke(args=["mail", "send-queued"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 sent, 0 failed."


def test_send_queued_counts_failures_and_keeps_those_messages(app, runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(blocker / "mail"))
    queued()

    result = runner.invoke(args=["mail", "send-queued"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 sent, 1 failed."
    assert unsent_subjects() == ["Hello"]


def test_send_queued_stops_at_the_limit(app, runner, tmp_path):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path / "mail"))
    for n in range(3):
        queued(f"Message {n}")

    result = runner.invoke(args=["mail", "send-queued", "--limit", "2"])

    assert result.output.strip() == "2 sent, 0 failed."
    assert len(unsent_subjects()) == 1


def test_send_queued_reports_a_bad_mail_configuration_without_a_traceback(app, runner):
    app.config["MAIL_BACKEND"] = "carrier-pigeon"
    queued()

    result = runner.invoke(args=["mail", "send-queued"])

    assert result.exit_code == 1
    assert "Error: MAIL_BACKEND must be one of console, file, smtp" in result.output
    assert "Traceback" not in result.output
    assert unsent_subjects() == ["Hello"]
