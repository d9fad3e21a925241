from datetime import timedelta

import pytest

from app.extensions import db
from app.models import User
from app.models.base import utcnow
from app.services.accounts.tokens import Purpose, make_token
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support import pages
from tests.support.mail import link_path

NEW_PASSWORD = "a brand new passphrase"
ANSWER = "If an account uses {email}, we have sent it a link to choose a new password."


def reset_path(user: User, *, age=timedelta(0)) -> str:
    return "/auth/reset/" + make_token(user, Purpose.RESET_PASSWORD, now=utcnow() - age)


def choose(client, path, password=NEW_PASSWORD, confirm=None):
    return client.post(path, data={"password": password, "password_confirm": confirm or password})


def has_password(user: User, password: str) -> bool:
    db.session.refresh(user)
    return user.check_password(password)


@pytest.fixture
def dana(app) -> User:
    user = make_user(email="dana@example.org", email_confirmed_at=utcnow())
    db.session.commit()  # a refused link rolls back; the account must outlive it
    return user


def test_sign_in_page_links_to_the_reset_form(client):
    assert 'href="/auth/reset">Forgot your password?</a>' in pages.get(client, "/auth/login")


def test_reset_form_asks_for_the_email_address(client):
    html = pages.get(client, "/auth/reset")

    assert '<label class="field__label" for="email">Email</label>' in html
    assert 'name="email"' in html


def test_reset_request_for_an_account_mails_a_link(client, mailbox, dana):
    response = client.post("/auth/reset", data={"email": "Dana@Example.org"})

    assert response.location == "/auth/check-inbox"
    assert ANSWER.format(email="dana@example.org") in pages.get(client, response.location)
    (message,) = mailbox.messages()
    assert message["To"] == "dana@example.org"
    assert message["Subject"] == "Choose a new password"
    assert link_path(message, "/auth/reset/")


def test_reset_request_answers_the_same_for_an_address_without_an_account(client, mailbox):
    response = client.post("/auth/reset", data={"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response.location == "/auth/check-inbox"
    assert ANSWER.format(email="nobody@example.org") in pages.get(client, response.location)
    assert mailbox.messages() == []


@pytest.mark.parametrize("email", ["", "not-an-address", "a" * 300 + "@example.org"])
def test_reset_request_with_a_bad_address_explains_and_sends_nothing(client, mailbox, email):
    response = client.post("/auth/reset", data={"email": email})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in pages.read(response)
    assert mailbox.messages() == []


def test_following_the_reset_link_shows_the_form_and_changes_nothing(client, dana):
    path = reset_path(dana)

    html = pages.get(client, path)

    assert f'action="{path}"' in html
    assert 'name="password"' in html
    assert 'name="password_confirm"' in html
    assert has_password(dana, DEFAULT_PASSWORD)


def test_the_reset_link_sets_the_new_password(client, mailbox, dana, auth):
    client.post("/auth/reset", data={"email": "dana@example.org"})
    path = link_path(mailbox.messages()[0], "/auth/reset/")

    response = choose(client, path)

    assert response.location == "/auth/login"
    assert "Your password has been changed." in pages.get(client, response.location)
    assert has_password(dana, NEW_PASSWORD)
    assert mailbox.messages()[-1]["Subject"] == "Your password was changed"
    auth.sign_in("dana@example.org", NEW_PASSWORD)
    assert auth.user_id() == str(dana.id)


def test_the_old_password_stops_working_after_a_reset(client, dana, auth):
    choose(client, reset_path(dana))

    auth.try_sign_in("dana@example.org", DEFAULT_PASSWORD)

    assert auth.user_id() is None


def test_a_reset_link_works_only_once(client, dana):
    path = reset_path(dana)
    choose(client, path)

    shown, pressed = client.get(path), choose(client, path, "a third passphrase here")

    assert shown.status_code == pressed.status_code == 400
    assert "This link does not work" in pages.read(pressed, status=400)
    assert 'href="/auth/reset"' in pages.read(pressed, status=400)
    assert has_password(dana, NEW_PASSWORD)


def test_an_expired_reset_link_says_so_and_offers_a_new_one(client, dana):
    path = reset_path(dana, age=timedelta(hours=1, minutes=1))

    response = choose(client, path)

    assert response.status_code == 400
    assert "This link has expired" in pages.read(response, status=400)
    assert "Ask for a new link to choose a password" in pages.read(response, status=400)
    assert has_password(dana, DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    ("password", "confirm", "error"),
    [
        ("short pw", None, "Use at least 10 characters."),
        (NEW_PASSWORD, "a different passphrase", "The passwords differ."),
        ("dana@example.org", None, "Do not use your email address as your password."),
        ("", None, "This field is required."),
    ],
    ids=["short", "mismatch", "the-address", "empty"],
)
def test_a_bad_new_password_explains_and_keeps_the_link_usable(
    client, dana, password, confirm, error
):
    path = reset_path(dana)

    response = choose(client, path, password, confirm)

    assert response.status_code == 200
    assert error in pages.read(response)
    assert has_password(dana, DEFAULT_PASSWORD)
    assert choose(client, path).status_code == 302


def test_resetting_without_a_csrf_token_is_refused(csrf_client, dana):
    response = choose(csrf_client, reset_path(dana))

    assert response.status_code == 400
    assert has_password(dana, DEFAULT_PASSWORD)


def test_reset_request_without_a_csrf_token_is_refused(csrf_client, app):
    response = csrf_client.post("/auth/reset", data={"email": "dana@example.org"})

    assert response.status_code == 400


def test_a_new_password_signs_out_every_other_session(app, client, auth):
    user = make_user(email="old.session@example.org")
    db.session.commit()
    other = app.test_client()
    auth.on(other).sign_in("old.session@example.org")
    assert other.get("/auth/account").status_code == 200

    user.set_password("a brand new password 42")
    db.session.commit()

    response = other.get("/auth/account")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_deactivated_account_is_signed_out(app, client, auth):
    user = make_user(email="gone@example.org")
    db.session.commit()
    auth.sign_in("gone@example.org")

    user.active = False
    db.session.commit()

    assert client.get("/auth/account").status_code == 302
