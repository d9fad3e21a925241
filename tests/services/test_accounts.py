from app.services.accounts import authenticate
from tests.factories import DEFAULT_PASSWORD, make_user


def test_authenticate_returns_the_user_for_the_right_password(app):
    user = make_user(email="dana@example.org")

    assert authenticate(" DANA@example.org ", DEFAULT_PASSWORD) is user


def test_authenticate_returns_none_for_a_wrong_password(app):
    make_user(email="dana@example.org")

    assert authenticate("dana@example.org", "not the password") is None


def test_authenticate_returns_none_for_an_inactive_account(app):
    make_user(email="dana@example.org", active=False)

    assert authenticate("dana@example.org", DEFAULT_PASSWORD) is None


def test_authenticate_returns_none_for_unknown_or_malformed_emails(app):
    make_user(email="dana@example.org")

    for email in ("nobody@example.org", "", "x" * 300 + "@example.org", "dana\x00@example.org"):
        assert authenticate(email, DEFAULT_PASSWORD) is None
