"""Outbox delivery with the ``file`` and ``console`` backends, the retry schedule and limits."""

from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import OutboxMessage
from app.services.mail.backends import MailConfigError
from app.services.mail.delivery import _error_text, deliver_pending, retry_delay
from app.services.mail.outbox import queue_mail

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def mail_dir(app, tmp_path):
    directory = tmp_path / "mail"
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(directory))
    return directory


def queued(to="dana@example.org", subject="Hello", body="Body text", *, at=NOW, **kw):
    message = queue_mail(to, subject, body, **kw)
    message.created_at = message.next_attempt_at = at
    db.session.commit()
    return message


def parsed(path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_file_backend_writes_each_message_as_a_parseable_eml_file(app, mail_dir):
    message = queued(subject="Ваша подпись", body="Receipt code: ABCDE-FGHJK", language="ru")

    deliver_pending(NOW)

    (path,) = mail_dir.iterdir()
    assert path.name == f"outbox.{message.id}.{int(NOW.timestamp())}.eml"
    received = parsed(path)
    assert received["To"] == "dana@example.org"
    assert received["Subject"] == "Ваша подпись"
    assert received["Content-Language"] == "ru"
    assert received["Message-ID"] == f"<outbox.{message.id}.{int(NOW.timestamp())}@localhost>"
    assert received.get_content().strip() == "Receipt code: ABCDE-FGHJK"


def test_file_backend_leaves_only_complete_eml_files_behind(app, mail_dir):
    for n in range(5):
        queued(subject=f"Message {n}", body="line\n" * 2000)

    deliver_pending(NOW)

    names = sorted(path.name for path in mail_dir.iterdir())
    assert len(names) == 5
    assert all(name.endswith(".eml") and not name.startswith(".") for name in names)
    assert sorted(parsed(mail_dir / name)["Subject"] for name in names) == [
        f"Message {n}" for n in range(5)
    ]


def test_file_backend_that_fails_to_write_records_a_failure_and_leaves_no_partial_file(
    app, mail_dir
):
    message = queued()
    final_name = f"outbox.{message.id}.{int(NOW.timestamp())}.eml"
    (mail_dir / final_name).mkdir(parents=True)  # the rename onto it must fail

    report = deliver_pending(NOW)

    assert (report.sent, report.failed) == (0, 1)
    db.session.refresh(message)
    assert message.sent_at is None
    assert message.last_error.startswith("IsADirectoryError")
    assert [path.name for path in mail_dir.iterdir()] == [final_name]


def test_file_backend_that_cannot_create_its_directory_records_a_failure(app, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the mail directory should be")
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(blocker / "mail"))
    message = queued()

    report = deliver_pending(NOW)

    assert report.failed == 1
    db.session.refresh(message)
    assert message.sent_at is None
    assert message.attempts == 1


def test_file_backend_defaults_to_the_mail_folder_of_the_instance(app, tmp_path):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=None)
    app.instance_path = str(tmp_path / "instance")
    queued()

    deliver_pending(NOW)

    assert len(list((tmp_path / "instance" / "mail").glob("*.eml"))) == 1


def test_console_backend_prints_the_recipient_subject_and_plain_text(app, capsys):
    app.config["MAIL_BACKEND"] = "console"
    queued(subject="Confirm your email address", body="Open http://example.org/auth/confirm/x")

    report = deliver_pending(NOW)

    printed = capsys.readouterr().out
    assert report.sent == 1
    assert "To: dana@example.org" in printed
    assert "Subject: Confirm your email address" in printed
    assert "Open http://example.org/auth/confirm/x" in printed


def test_an_unknown_backend_is_a_configuration_error_and_changes_no_message(app):
    app.config["MAIL_BACKEND"] = "carrier-pigeon"
    message = queued()

    with pytest.raises(MailConfigError):
        deliver_pending(NOW)

    db.session.refresh(message)
    assert (message.attempts, message.sent_at) == (0, None)


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 60), (8, 60), (1000, 60)],
)
def test_retry_delay_doubles_from_one_minute_up_to_an_hour(attempts, minutes):
    assert retry_delay(attempts) == timedelta(minutes=minutes)


def test_messages_not_yet_due_and_messages_already_sent_are_left_alone(app, mail_dir):
    queued(subject="later", at=NOW + timedelta(seconds=1))
    sent = queued(subject="done")
    sent.sent_at = NOW - timedelta(hours=1)
    db.session.commit()

    report = deliver_pending(NOW)

    assert (report.sent, report.failed) == (0, 0)
    assert not mail_dir.exists()


def test_delivery_sends_the_oldest_due_messages_first_up_to_the_limit(app, mail_dir):
    for n in range(4):
        queued(subject=f"Message {n}", at=NOW - timedelta(minutes=n))

    report = deliver_pending(NOW, limit=2)

    assert report.sent == 2
    assert sorted(parsed(path)["Subject"] for path in mail_dir.iterdir()) == [
        "Message 2",
        "Message 3",
    ]
    unsent = db.session.scalars(
        sa.select(OutboxMessage.subject).where(OutboxMessage.sent_at.is_(None))
    ).all()
    assert sorted(unsent) == ["Message 0", "Message 1"]


def test_delivery_restricted_to_some_messages_sends_only_those(app, mail_dir):
    wanted = queued(subject="wanted")
    queued(subject="other")

    report = deliver_pending(NOW, ids=[wanted.id])

    assert report.sent == 1
    assert [parsed(path)["Subject"] for path in mail_dir.iterdir()] == ["wanted"]


def test_a_stored_error_never_holds_the_smtp_credentials_and_is_kept_short(app):
    app.config.update(MAIL_SMTP_USERNAME="mailer", MAIL_SMTP_PASSWORD="s3cret-pass")

    text = _error_text(OSError("login mailer/s3cret-pass refused " + "x" * 1000))

    assert "s3cret-pass" not in text
    assert "mailer" not in text
    assert text.startswith("OSError: login [hidden]/[hidden] refused")
    assert len(text) == 300
