import re

import pytest

from app.models import Role
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support import pages
from tests.support.pages import csrf_token_of

GENERIC_FAILURE = "Email or password is incorrect."


def test_login_page_has_a_labelled_email_and_password_form(client):
    html = pages.get(client, "/auth/login")

    assert '<label class="field__label" for="email">Email</label>' in html
    assert '<label class="field__label" for="password">Password</label>' in html
    assert 'type="password"' in html


def test_login_with_the_right_password_signs_in_and_shows_the_account_in_the_nav(client, auth):
    user = make_user(email="amina@example.org", display_name="Amina")

    response = auth.try_sign_in("amina@example.org")

    assert response.status_code == 302
    assert response.location == "/"
    assert auth.user_id() == str(user.id)
    assert re.search(r">Amina</a>\s*\(citizen\)", pages.get(client, "/"))


def test_login_ignores_case_and_surrounding_spaces_in_the_email(client, auth):
    user = make_user(email="amina@example.org")

    auth.try_sign_in("  Amina@Example.ORG ")

    assert auth.user_id() == str(user.id)


@pytest.mark.parametrize(
    ("email", "password", "active"),
    [
        ("amina@example.org", "wrong password", True),
        ("nobody@example.org", DEFAULT_PASSWORD, True),
        ("amina@example.org", DEFAULT_PASSWORD, False),
    ],
    ids=["wrong-password", "unknown-email", "inactive-account"],
)
def test_login_failure_gives_one_generic_message_and_does_not_sign_in(
    client, email, password, active, auth
):
    make_user(email="amina@example.org", active=active)

    response = auth.try_sign_in(email, password)

    assert response.status_code == 200
    assert GENERIC_FAILURE in pages.read(response)
    assert auth.user_id() is None


def test_login_with_an_empty_form_shows_field_errors(client):
    html = pages.post(client, "/auth/login", data={"email": "", "password": ""})

    assert html.count('aria-invalid="true"') == 2
    assert "This field is required." in html


@pytest.mark.parametrize(
    ("role", "landing"),
    [(Role.DEPUTY, "/deputy/"), (Role.COMMISSION, "/commission/queue"), (Role.ADMIN, "/")],
)
def test_without_a_next_page_each_role_lands_on_its_own_start_page(client, role, landing, auth):
    make_user(email="someone@example.org", role=role)

    response = auth.try_sign_in("someone@example.org")

    assert response.location == landing


def test_login_follows_a_relative_next_path(client, auth):
    make_user(email="amina@example.org")

    response = auth.try_sign_in("amina@example.org", query="?next=/constituencies%3Fbody%3DX")

    assert response.location == "/constituencies?body=X"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/%09/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_login_ignores_a_next_that_leaves_the_site(client, target, auth):
    make_user(email="amina@example.org")

    response = auth.try_sign_in("amina@example.org", query=f"?next={target}")

    assert response.location == "/"


def test_login_form_keeps_a_safe_next_in_its_action(client):
    html = pages.get(client, "/auth/login?next=/constituencies")

    assert 'action="/auth/login?next=/constituencies"' in html


def test_logout_only_accepts_post(client):
    response = client.get("/auth/logout")

    assert response.status_code == 405
    assert "This action is not allowed here." in pages.read(response, status=405)


def test_logout_signs_out(client, auth):
    make_user(email="amina@example.org", display_name="Amina")
    auth.sign_in("amina@example.org")

    response = client.post("/auth/logout", follow_redirects=True)

    assert auth.user_id() is None
    assert "You have signed out." in pages.read(response)
    assert "Amina (citizen)" not in pages.read(response)
    assert ">Sign in</a>" in pages.read(response)


def test_logout_without_a_csrf_token_is_refused(csrf_client):
    response = csrf_client.post("/auth/logout")

    assert response.status_code == 400


def test_logout_with_the_csrf_token_of_the_page_is_accepted(csrf_client):
    html = pages.get(csrf_client, "/auth/login")
    token = csrf_token_of(html)

    response = csrf_client.post("/auth/logout", data={"csrf_token": token})

    assert response.status_code == 302
