from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import Role, User
from app.models.base import utcnow
from app.services.accounts.commands import (
    PasswordRefused,
    authenticate,
    check_confirmation_token,
    confirm_email,
    resend_confirmation,
    reset_password,
    sign_up,
)
from app.services.accounts.tokens import Purpose, TokenProblem, TokenRefused, make_token
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support.accounts import audit_actions, outbox, token_in

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NEW_PASSWORD = "a brand new passphrase"


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email))


# Sign-in


def test_authenticate_returns_the_user_for_the_right_password(app):
    user = make_user(email="dana@example.org")

    assert authenticate(" DANA@example.org ", DEFAULT_PASSWORD, now=utcnow()) is user


def test_authenticate_returns_none_for_a_wrong_password(app):
    make_user(email="dana@example.org")

    assert authenticate("dana@example.org", "not the password", now=utcnow()) is None


def test_authenticate_returns_none_for_an_inactive_account(app):
    make_user(email="dana@example.org", active=False)

    assert authenticate("dana@example.org", DEFAULT_PASSWORD, now=utcnow()) is None


def test_authenticate_returns_none_for_unknown_or_malformed_emails(app):
    make_user(email="dana@example.org")

    for email in ("nobody@example.org", "", "x" * 300 + "@example.org", "dana\x00@example.org"):
        assert authenticate(email, DEFAULT_PASSWORD, now=utcnow()) is None


# Sign-up


def test_sign_up_creates_an_unconfirmed_citizen_named_after_the_address(app):
    sign_up(" Dana.K@Example.org ", NEW_PASSWORD, now=NOW)

    user = user_by_email("dana.k@example.org")
    assert user.role is Role.CITIZEN
    assert user.display_name == "dana.k"
    assert user.email_confirmed_at is None
    assert user.check_password(NEW_PASSWORD)
    assert audit_actions(user) == ["account.created"]


def test_sign_up_keeps_a_given_display_name(app):
    sign_up("dana@example.org", NEW_PASSWORD, display_name="  Dana K.  ", now=NOW)

    assert user_by_email("dana@example.org").display_name == "Dana K."


def test_sign_up_mails_a_confirmation_link_to_the_new_address(app):
    sign_up("dana@example.org", NEW_PASSWORD, now=NOW)

    (message,) = outbox()
    assert message.to_address == "dana@example.org"
    assert message.subject == "Confirm your email address"
    assert "http://127.0.0.1:5000/auth/confirm/" in message.body_text
    assert "3 days" in message.body_text
    assert message.sent_at is None


def test_sign_up_with_a_taken_address_changes_nothing_and_tells_its_owner(app):
    owner = make_user(email="dana@example.org", display_name="Dana")
    db.session.commit()

    sign_up("DANA@example.org", NEW_PASSWORD, display_name="Intruder", now=NOW)

    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
    db.session.refresh(owner)
    assert owner.check_password(DEFAULT_PASSWORD)
    assert owner.display_name == "Dana"
    (message,) = outbox()
    assert message.to_address == "dana@example.org"
    assert message.subject == "Someone tried to create an account with your address"
    assert "/auth/confirm/" not in message.body_text
    assert "http://127.0.0.1:5000/auth/reset" in message.body_text


def test_sign_up_that_loses_a_race_for_its_address_is_answered_as_a_taken_address(app):
    # Another sign-up commits the address between this one's check and its insert.
    def competitor_commits_first(session, flush_context, instances):
        with db.engine.begin() as connection:
            connection.execute(
                sa.insert(User).values(
                    email="dana@example.org",
                    password_hash=generate_password_hash(DEFAULT_PASSWORD),
                    role="citizen",
                    display_name="First",
                    language="en",  # the mail to the owner is in the owner's language
                    active=True,
                    created_at=NOW,
                    verification_failures=0,
                )
            )

    sa.event.listen(db.session, "before_flush", competitor_commits_first, once=True)
    try:
        sign_up("dana@example.org", NEW_PASSWORD, now=NOW)
    finally:
        sa.event.remove(db.session, "before_flush", competitor_commits_first)

    user = user_by_email("dana@example.org")
    assert user.display_name == "First"
    assert user.check_password(DEFAULT_PASSWORD)
    assert [m.subject for m in outbox()] == ["Someone tried to create an account with your address"]


@pytest.mark.parametrize(
    "password",
    ["short pw", "dana@example.org", " DANA@example.org ", "x" * 1025],
    ids=["too-short", "the-address", "the-address-in-capitals", "too-long"],
)
def test_sign_up_refuses_a_weak_password_and_creates_nothing(app, password):
    with pytest.raises(PasswordRefused):
        sign_up("dana@example.org", password, now=NOW)

    assert user_by_email("dana@example.org") is None
    assert outbox() == []


# Confirmation


def test_confirm_email_records_when_the_address_was_confirmed(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)

    confirmed = confirm_email(token, now=NOW + timedelta(hours=2))

    assert confirmed is user
    db.session.refresh(user)
    assert user.email_confirmed_at == NOW + timedelta(hours=2)
    assert audit_actions(user) == ["account.email_confirmed"]


def test_confirm_email_again_keeps_the_first_time_and_writes_no_second_audit_entry(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)
    confirm_email(token, now=NOW + timedelta(hours=1))

    confirm_email(token, now=NOW + timedelta(hours=5))

    db.session.refresh(user)
    assert user.email_confirmed_at == NOW + timedelta(hours=1)
    assert audit_actions(user) == ["account.email_confirmed"]


def test_the_link_in_the_sign_up_mail_confirms_the_new_account(app):
    sign_up("dana@example.org", NEW_PASSWORD, now=NOW)
    token = token_in(outbox()[0], "/auth/confirm/")

    user = confirm_email(token, now=NOW + timedelta(minutes=5))

    assert user.email == "dana@example.org"
    assert user.email_confirmed_at is not None


def test_checking_a_confirmation_link_changes_nothing(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)

    assert check_confirmation_token(token, now=NOW) is user

    db.session.refresh(user)
    assert user.email_confirmed_at is None
    assert audit_actions(user) == []


def test_a_confirmation_link_works_for_exactly_three_days(app):
    user = make_user(email="dana@example.org")
    db.session.commit()  # the refusal rolls back; the account must outlive it
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)

    assert check_confirmation_token(token, now=NOW + timedelta(days=3)) is user
    with pytest.raises(TokenRefused) as refused:
        confirm_email(token, now=NOW + timedelta(days=3, seconds=1))

    assert refused.value.problem is TokenProblem.EXPIRED
    db.session.refresh(user)
    assert user.email_confirmed_at is None


def test_the_confirmation_link_lifetime_comes_from_the_configuration(app):
    app.config["CONFIRM_TOKEN_MAX_AGE"] = 60
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)

    with pytest.raises(TokenRefused) as refused:
        check_confirmation_token(token, now=NOW + timedelta(seconds=61))

    assert refused.value.problem is TokenProblem.EXPIRED


def test_a_confirmation_link_for_an_address_since_changed_is_refused(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)
    user.email = "other@example.org"
    db.session.commit()

    with pytest.raises(TokenRefused) as refused:
        confirm_email(token, now=NOW)

    assert refused.value.problem is TokenProblem.INVALID


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "",
        lambda token: "a" * 5000,
        lambda token: "not-a-token",
    ],
    ids=["signature-changed", "payload-changed", "empty", "huge", "garbage"],
)
def test_a_tampered_confirmation_link_is_refused_as_invalid(app, spoil):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)

    with pytest.raises(TokenRefused) as refused:
        confirm_email(spoil(token), now=NOW)

    assert refused.value.problem is TokenProblem.INVALID


def test_a_reset_link_cannot_confirm_an_address_nor_the_other_way_round(app):
    user = make_user(email="dana@example.org")
    db.session.commit()  # the refusal rolls back; the account must outlive it

    with pytest.raises(TokenRefused):
        confirm_email(make_token(user, Purpose.RESET_PASSWORD, now=NOW), now=NOW)
    with pytest.raises(TokenRefused):
        reset_password(make_token(user, Purpose.CONFIRM_EMAIL, now=NOW), NEW_PASSWORD, now=NOW)

    db.session.refresh(user)
    assert user.email_confirmed_at is None
    assert user.check_password(DEFAULT_PASSWORD)


def test_a_link_signed_with_another_secret_key_is_refused(app):
    user = make_user(email="dana@example.org")
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=NOW)
    app.config["SECRET_KEY"] = "a different secret key for this deployment"

    with pytest.raises(TokenRefused):
        check_confirmation_token(token, now=NOW)


def test_resend_confirmation_mails_a_new_link_to_an_unconfirmed_address(app):
    user = make_user(email="dana@example.org")

    assert resend_confirmation(user.id, now=NOW) is True

    (message,) = outbox()
    assert message.to_address == "dana@example.org"
    assert confirm_email(token_in(message, "/auth/confirm/"), now=NOW) is user


def test_resend_confirmation_does_nothing_for_a_confirmed_address(app):
    user = make_user(email="dana@example.org", email_confirmed_at=NOW)

    assert resend_confirmation(user.id, now=NOW) is False
    assert outbox() == []
