import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Role, User
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support import pages
from tests.support.mail import body, link_path
from tests.support.pages import csrf_token_of

PASSWORD = "a long enough passphrase"
SENT = "We have sent a message to dana@example.org."


def register(client, email="dana@example.org", password=PASSWORD, confirm=None, **extra):
    data = {"email": email, "password": password, "password_confirm": confirm or password}
    return client.post("/auth/register", data=data | extra)


def users() -> list[User]:
    return db.session.scalars(sa.select(User)).all()


def test_sign_up_page_has_labelled_email_password_and_confirmation_fields(client):
    html = pages.get(client, "/auth/register")

    assert '<label class="field__label" for="email">Email</label>' in html
    assert 'id="email" maxlength="254" name="email" required type="email"' in html
    assert 'id="password" maxlength="1024" name="password" required type="password"' in html
    assert (
        'id="password_confirm" maxlength="1024" name="password_confirm" required type="password"'
        in html
    )
    assert '<label class="field__label" for="password_confirm">Repeat the password</label>' in html


def test_sign_up_creates_an_unconfirmed_citizen_and_says_to_check_the_inbox(client, mailbox):
    response = register(client, email=" Dana@Example.ORG ")

    assert response.status_code == 302
    assert response.location == "/auth/check-inbox"
    html = pages.get(client, response.location)
    assert "Check your inbox" in html
    assert SENT in html
    (user,) = users()
    assert (user.email, user.role, user.display_name) == ("dana@example.org", Role.CITIZEN, "dana")
    assert user.email_confirmed_at is None


def test_sign_up_does_not_sign_in_until_the_person_uses_their_password(client, mailbox, auth):
    register(client)

    assert auth.user_id() is None


def test_sign_up_mails_a_confirmation_link_at_once(client, mailbox):
    register(client)

    (message,) = mailbox.messages()
    assert message["To"] == "dana@example.org"
    assert message["Subject"] == "Confirm your email address"
    assert link_path(message, "/auth/confirm/")


def test_sign_up_with_a_taken_address_looks_the_same_and_mails_the_owner(client, mailbox):
    owner = make_user(email="dana@example.org", display_name="Dana")
    db.session.commit()

    response = register(client, email="DANA@example.org")

    assert response.status_code == 302
    assert response.location == "/auth/check-inbox"
    assert SENT in pages.get(client, response.location)
    assert users() == [owner]
    db.session.refresh(owner)
    assert owner.check_password(DEFAULT_PASSWORD)
    (message,) = mailbox.messages()
    assert message["To"] == "dana@example.org"
    assert message["Subject"] == "Someone tried to create an account with your address"
    assert "/auth/confirm/" not in body(message)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "not-an-address"}, "Enter an email address like name@example.kz."),
        ({"email": "dana@"}, "Enter an email address like name@example.kz."),
        ({"email": ""}, "This field is required."),
        ({"password": "short pw", "password_confirm": "short pw"}, "at least 10 characters"),
        ({"password_confirm": "something else entirely"}, "The passwords differ."),
        (
            {"password": "Dana@Example.org", "password_confirm": "Dana@Example.org"},
            "Do not use your email address as your password.",
        ),
        ({"password": "", "password_confirm": ""}, "This field is required."),
        ({"display_name": "x" * 201}, "Field cannot be longer than 200 characters."),
    ],
    ids=[
        "malformed-email",
        "no-domain",
        "no-email",
        "short-password",
        "mismatch",
        "password-is-email",
        "no-password",
        "long-name",
    ],
)
def test_sign_up_with_bad_input_explains_and_creates_nothing(client, mailbox, data, error):
    form = {"email": "dana@example.org", "password": PASSWORD, "password_confirm": PASSWORD}

    response = client.post("/auth/register", data=form | data)

    assert response.status_code == 200
    assert error in pages.read(response)
    assert 'aria-invalid="true"' in pages.read(response)
    assert users() == []
    assert mailbox.messages() == []


def test_sign_up_with_no_form_at_all_shows_errors_not_a_crash(client):
    response = client.post("/auth/register")

    assert response.status_code == 200
    assert "This field is required." in pages.read(response)
    assert users() == []


def test_sign_up_page_sends_a_signed_in_person_to_their_account(client, auth):
    make_user(email="dana@example.org")
    auth.sign_in("dana@example.org")

    response = client.get("/auth/register")

    assert response.status_code == 302
    assert response.location == "/auth/account"


def test_sign_up_is_linked_from_the_navigation_and_the_sign_in_page(client):
    assert 'href="/auth/register"' in pages.get(client, "/")
    assert ">Create an account</a>" in pages.get(client, "/auth/login")


def test_sign_up_without_a_csrf_token_is_refused(csrf_client, app):
    response = register(csrf_client)

    assert response.status_code == 400
    assert users() == []


def test_sign_up_with_the_csrf_token_of_the_page_is_accepted(csrf_client, app):
    token = csrf_token_of(pages.get(csrf_client, "/auth/register"))

    response = register(csrf_client, csrf_token=token)

    assert response.status_code == 302
    assert [user.email for user in users()] == ["dana@example.org"]
