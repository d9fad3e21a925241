from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models.base import utcnow
from app.services.accounts.commands import (
    PasswordRefused,
    authenticate,
    check_reset_token,
    request_password_reset,
    reset_password,
)
from app.services.accounts.tokens import Purpose, TokenProblem, TokenRefused, make_token
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support.accounts import audit_actions, outbox, token_in

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NEW_PASSWORD = "a brand new passphrase"


def test_request_password_reset_mails_a_link_to_an_existing_account(app):
    make_user(email="dana@example.org")

    request_password_reset(" Dana@Example.org", now=NOW)

    (message,) = outbox()
    assert message.to_address == "dana@example.org"
    assert message.subject == "Choose a new password"
    assert "/auth/reset/" in message.body_text
    assert "1 hour" in message.body_text


@pytest.mark.parametrize(
    "email", ["nobody@example.org", "", "x" * 300 + "@example.org", "inactive@example.org"]
)
def test_request_password_reset_sends_nothing_without_an_active_account(app, email):
    make_user(email="inactive@example.org", active=False)

    request_password_reset(email, now=NOW)

    assert outbox() == []


def test_reset_password_sets_the_new_password_and_tells_the_owner(app):
    user = make_user(email="dana@example.org", email_confirmed_at=NOW)
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)

    reset_password(token, NEW_PASSWORD, now=NOW + timedelta(minutes=10))

    assert authenticate("dana@example.org", NEW_PASSWORD, now=utcnow()) is user
    assert authenticate("dana@example.org", DEFAULT_PASSWORD, now=utcnow()) is None
    assert audit_actions(user) == ["account.password_reset"]
    assert [m.subject for m in outbox()] == ["Your password was changed"]


def test_the_link_in_the_reset_mail_resets_the_password(app):
    user = make_user(email="dana@example.org")
    request_password_reset("dana@example.org", now=NOW)

    reset_password(token_in(outbox()[0], "/auth/reset/"), NEW_PASSWORD, now=NOW)

    assert authenticate("dana@example.org", NEW_PASSWORD, now=utcnow()) is user


def test_a_reset_link_works_only_once(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)
    reset_password(token, NEW_PASSWORD, now=NOW)

    with pytest.raises(TokenRefused) as refused:
        reset_password(token, "yet another passphrase", now=NOW)

    assert refused.value.problem is TokenProblem.INVALID
    assert authenticate("dana@example.org", NEW_PASSWORD, now=utcnow()) is user


def test_a_reset_link_stops_working_when_the_password_changes_another_way(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)
    user.set_password("changed elsewhere meanwhile")
    db.session.commit()

    with pytest.raises(TokenRefused):
        check_reset_token(token, now=NOW)


def test_a_reset_link_works_for_exactly_one_hour(app):
    user = make_user(email="dana@example.org")
    db.session.commit()  # the refusal rolls back; the account must outlive it
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)

    assert check_reset_token(token, now=NOW + timedelta(hours=1)) is user
    with pytest.raises(TokenRefused) as refused:
        reset_password(token, NEW_PASSWORD, now=NOW + timedelta(hours=1, seconds=1))

    assert refused.value.problem is TokenProblem.EXPIRED
    assert authenticate("dana@example.org", DEFAULT_PASSWORD, now=utcnow()) is user


def test_a_reset_link_of_a_deactivated_account_is_refused(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)
    user.active = False
    db.session.commit()

    with pytest.raises(TokenRefused):
        reset_password(token, NEW_PASSWORD, now=NOW)


@pytest.mark.parametrize("password", ["short pw", "Dana@Example.org"])
def test_reset_password_refuses_a_weak_password_and_keeps_the_old_one(app, password):
    user = make_user(email="dana@example.org")
    db.session.commit()  # the refusal rolls back; the account must outlive it
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)

    with pytest.raises(PasswordRefused):
        reset_password(token, password, now=NOW)

    assert authenticate("dana@example.org", DEFAULT_PASSWORD, now=utcnow()) is user
    assert check_reset_token(token, now=NOW) is user
    assert outbox() == []


def test_reset_password_confirms_an_unconfirmed_address(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.RESET_PASSWORD, now=NOW)

    reset_password(token, NEW_PASSWORD, now=NOW + timedelta(minutes=1))

    db.session.refresh(user)
    assert user.email_confirmed_at == NOW + timedelta(minutes=1)
    assert sorted(audit_actions(user)) == ["account.email_confirmed", "account.password_reset"]
