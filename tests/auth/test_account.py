from datetime import UTC, datetime

from app.models import Role
from tests.factories import make_user
from tests.support import pages


def test_account_page_sends_strangers_to_sign_in_with_a_translated_message(client):
    response = client.get("/auth/account")

    assert response.status_code == 302
    assert response.location == "/auth/login?next=%2Fauth%2Faccount"
    assert "Please sign in to see this page." in pages.get(client, response.location)


def test_account_page_shows_an_unconfirmed_address_with_a_resend_button(client, auth):
    make_user(email="dana@example.org")
    auth.sign_in("dana@example.org")

    html = pages.get(client, "/auth/account")

    assert "dana@example.org" in html
    assert "Not yet: follow the link we mailed you." in html
    assert 'action="/auth/confirm/resend"' in html
    assert "citizen" in html


def test_account_page_shows_when_the_address_was_confirmed(client, auth):
    make_user(email="dana@example.org", email_confirmed_at=datetime(2026, 1, 5, tzinfo=UTC))
    auth.sign_in("dana@example.org")

    html = pages.get(client, "/auth/account")

    assert "Yes, on 5 January 2026" in html
    assert 'action="/auth/confirm/resend"' not in html


def test_account_page_shows_the_role(client, auth):
    make_user(email="clerk@example.org", role=Role.COMMISSION)
    auth.sign_in("clerk@example.org")

    html = pages.get(client, "/auth/account")

    assert "<dd>election commission</dd>" in html
    assert "Verified voter" not in html


def test_account_page_links_a_citizen_to_voter_verification_when_that_page_exists(
    app, client, auth
):
    if "citizen.verify" not in app.view_functions:  # built elsewhere; stand in until it is
        app.add_url_rule("/account/voter", endpoint="citizen.verify", view_func=lambda: "")
    make_user(email="dana@example.org")
    auth.sign_in("dana@example.org")

    html = pages.get(client, "/auth/account")

    assert '<a href="/account/voter">verify that you are a voter</a>' in html
