"""Sessions end on the server: sign-out, "sign out everywhere", staff idle timeout, sign-in lock."""

import time

import pytest
from flask import g

from app.models import Role
from app.security import LAST_SEEN
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support import pages
from tests.support.auth import SIGN_OUT

ACCOUNT = "/auth/account"


def copy_of_session(client, app):
    """A second client holding a copy of ``client``'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def sees_account(client) -> bool:
    g.pop("_login_user", None)
    return client.get(ACCOUNT).status_code == 200


def test_a_copied_session_cookie_stops_working_once_its_owner_signs_out(app, client, auth):
    auth.sign_in(make_user())
    thief = copy_of_session(client, app)
    assert sees_account(thief)

    auth.sign_out()

    assert not sees_account(thief)
    assert not sees_account(client)


def test_signing_in_again_after_a_sign_out_gives_a_working_session(client, auth):
    user = make_user()
    auth.sign_in(user)
    auth.sign_out()

    auth.sign_in(user)

    assert sees_account(client)


def test_sign_out_everywhere_ends_every_session_of_the_account(app, client, auth):
    user = make_user()
    auth.sign_in(user)
    laptop = app.test_client()
    auth.on(laptop).sign_in(user)

    response = client.post("/auth/logout/everywhere", data={})

    assert response.status_code == 302 and response.location == "/auth/login"
    assert not sees_account(laptop)
    assert not sees_account(client)


def test_the_account_page_offers_sign_out_everywhere(client, auth):
    auth.sign_in(make_user())

    html = pages.get(client, ACCOUNT)

    assert 'action="/auth/logout/everywhere"' in html and "Sign out everywhere" in html


@pytest.mark.parametrize("role", [Role.COMMISSION, Role.ADMIN, Role.DEPUTY])
def test_a_staff_session_ends_after_thirty_idle_minutes(client, auth, role):
    auth.sign_in_new(role) if role is not Role.DEPUTY else auth.sign_in(make_user(role=role))
    assert sees_account(client)
    with client.session_transaction() as session:
        session[LAST_SEEN] = int(time.time()) - 31 * 60

    response = client.get(ACCOUNT)

    assert response.status_code == 302 and response.location.startswith("/auth/login")
    assert "signed out after 30 minutes without activity" in pages.get(client, "/auth/login")
    assert not sees_account(client)


def test_a_staff_session_used_within_thirty_minutes_stays(client, auth):
    auth.sign_in_new(Role.COMMISSION)
    with client.session_transaction() as session:
        session[LAST_SEEN] = int(time.time()) - 29 * 60

    assert sees_account(client)


def test_a_citizen_session_has_no_idle_timeout(client, auth):
    auth.sign_in(make_user())
    with client.session_transaction() as session:
        session[LAST_SEEN] = int(time.time()) - 5 * 3600

    assert sees_account(client)


def test_five_wrong_passwords_lock_sign_in_even_with_the_right_one(client, auth, mailbox):
    user = make_user(email="amina@example.org")
    for _ in range(5):
        wrong = auth.try_sign_in("amina@example.org", "not the password")
        assert "Email or password is incorrect." in pages.read(wrong)

    right = auth.try_sign_in("amina@example.org", DEFAULT_PASSWORD)

    assert right.status_code == 200
    assert "Email or password is incorrect." in pages.read(right)
    assert auth.user_id() is None
    assert [m["Subject"] for m in mailbox.to(user.email)] == [
        "Sign-in to your account is paused after wrong passwords"
    ]


def test_four_wrong_passwords_do_not_lock_and_the_right_one_clears_the_count(client, auth):
    user = make_user(email="amina@example.org")
    for _ in range(4):
        auth.try_sign_in("amina@example.org", "not the password")

    auth.try_sign_in("amina@example.org", DEFAULT_PASSWORD)

    assert auth.user_id() == str(user.id)
    assert user.login_failures == 0


def test_sign_out_is_harmless_without_a_session(client):
    assert client.post(SIGN_OUT, data={}).status_code == 302
