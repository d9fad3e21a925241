import base64
from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, User
from app.models.base import utcnow
from app.services.accounts.tokens import Purpose, make_token
from tests.factories import make_user
from tests.support import pages
from tests.support.mail import body, link_path
from tests.support.pages import csrf_token_of

PASSWORD = "a long enough passphrase"


def confirm_path(user: User, *, age=timedelta(0)) -> str:
    return "/auth/confirm/" + make_token(user, Purpose.CONFIRM_EMAIL, now=utcnow() - age)


def confirmed(user: User) -> bool:
    db.session.refresh(user)
    return user.email_confirmed_at is not None


def test_following_the_link_shows_a_button_and_does_not_confirm(client):
    user = make_user(email="dana@example.org")
    path = confirm_path(user)

    response = client.get(path)

    html = pages.read(response)
    assert response.status_code == 200
    assert "Press the button to confirm that dana@example.org is your address." in html
    assert f'method="post" action="{path}"' in html
    assert '<button type="submit" class="button">Confirm my email address</button>' in html
    assert not confirmed(user)


def test_pressing_the_button_confirms_signs_in_and_records_it_in_the_audit_log(client, auth):
    user = make_user(email="dana@example.org")

    response = client.post(confirm_path(user))

    assert response.status_code == 302
    assert response.location == "/auth/account"
    assert "Your email address is confirmed." in pages.get(client, response.location)
    assert confirmed(user)
    assert auth.user_id() == str(user.id)
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.object_id == str(user.id))
    ).all()
    assert actions == ["account.email_confirmed"]


def test_a_signed_in_person_goes_back_to_their_account_after_confirming(client, auth):
    user = make_user(email="dana@example.org")
    auth.sign_in("dana@example.org")

    response = client.post(confirm_path(user))

    assert response.location == "/auth/account"
    assert confirmed(user)


def test_the_link_leads_back_to_a_local_next_page_and_never_elsewhere(client, auth):
    user = make_user(email="dana@example.org")
    path = confirm_path(user)

    page = pages.get(client, path + "?next=/petitions/7")
    assert f'action="{path}?next=/petitions/7"' in page.replace("%2F", "/")
    response = client.post(path + "?next=/petitions/7")
    assert response.location == "/petitions/7"

    auth.sign_out()
    assert client.post(path + "?next=//evil.example").location == "/auth/account"


def test_confirming_does_not_switch_someone_else_signed_in_here(client, auth):
    user = make_user(email="dana@example.org")
    other = make_user(email="other@example.org")
    auth.sign_in(other)

    response = client.post(confirm_path(user) + "?next=/petitions/7")

    assert response.location == "/auth/account"
    assert confirmed(user) and auth.user_id() == str(other.id)


def test_pressing_the_button_twice_is_harmless(client):
    user = make_user(email="dana@example.org")
    path = confirm_path(user)
    client.post(path)

    response = client.post(path)

    assert response.status_code == 302
    assert confirmed(user)
    assert "dana@example.org is already confirmed." in pages.get(client, path)


def test_sign_up_from_a_petition_confirm_and_land_back_on_it_signed_in(client, mailbox, auth):
    client.post(
        "/auth/register?next=/petitions/3",
        data={"email": "dana@example.org", "password": PASSWORD, "password_confirm": PASSWORD},
    )
    message = mailbox.to("dana@example.org")[0]
    path = link_path(message, "/auth/confirm/") + "?next=/petitions/3"
    assert path in body(message)

    client.get(path)  # what a mail scanner does
    user = db.session.scalar(sa.select(User).where(User.email == "dana@example.org"))
    assert not confirmed(user)
    assert client.post(path).location == "/petitions/3"

    assert confirmed(user)
    assert auth.user_id() == str(user.id)
    assert "Yes, on" in pages.get(client, "/auth/account")


def test_an_expired_link_says_so_and_offers_a_new_one_to_the_signed_in_owner(client, auth):
    user = make_user(email="dana@example.org")
    db.session.commit()  # a refused link rolls back; the account must outlive it
    auth.sign_in("dana@example.org")
    path = confirm_path(user, age=timedelta(days=3, minutes=1))

    shown, pressed = client.get(path), client.post(path)

    assert shown.status_code == pressed.status_code == 400
    html = pages.read(pressed, status=400)
    assert "This link has expired" in html
    assert 'action="/auth/confirm/resend"' in html
    assert "Send a new confirmation link" in html
    assert not confirmed(user)


def test_an_expired_link_asks_a_stranger_to_sign_in_for_a_new_one(client):
    user = make_user(email="dana@example.org")

    html = pages.get(client, confirm_path(user, age=timedelta(days=4)), status=400)

    assert "Sign in to ask for a new confirmation link." in html
    assert 'href="/auth/login?next=/auth/account"' in html


def test_a_tampered_link_says_it_does_not_work_and_confirms_nothing(client):
    user = make_user(email="dana@example.org")
    db.session.commit()  # a refused link rolls back; the account must outlive it
    path = confirm_path(user)[:-3] + "xyz"

    response = client.post(path)

    assert response.status_code == 400
    assert "This link does not work" in pages.read(response, status=400)
    assert not confirmed(user)


def test_the_resend_button_needs_a_signed_in_person(client, mailbox):
    response = client.post("/auth/confirm/resend")

    assert response.status_code == 302
    assert response.location.startswith("/auth/login?next=")
    assert mailbox.messages() == []


def test_the_resend_button_mails_a_working_link(client, mailbox, auth):
    user = make_user(email="dana@example.org")
    auth.sign_in("dana@example.org")

    response = client.post("/auth/confirm/resend", follow_redirects=True)

    assert "We have sent a new link to dana@example.org." in pages.read(response)
    (message,) = mailbox.messages()
    client.post(link_path(message, "/auth/confirm/"))
    assert confirmed(user)


def test_the_resend_button_sends_nothing_once_the_address_is_confirmed(client, mailbox, auth):
    make_user(email="dana@example.org", email_confirmed_at=utcnow())
    auth.sign_in("dana@example.org")

    response = client.post("/auth/confirm/resend", follow_redirects=True)

    assert "Your email address is already confirmed." in pages.read(response)
    assert mailbox.messages() == []


def test_confirming_without_a_csrf_token_is_refused(csrf_client, app):
    user = make_user(email="dana@example.org")
    db.session.commit()

    response = csrf_client.post(confirm_path(user))

    assert response.status_code == 400
    assert not confirmed(user)


def test_confirming_with_the_csrf_token_of_the_link_page_works(csrf_client, app):
    user = make_user(email="dana@example.org")
    db.session.commit()
    path = confirm_path(user)
    token = csrf_token_of(pages.get(csrf_client, path))

    response = csrf_client.post(path, data={"csrf_token": token})

    assert response.status_code == 302
    assert confirmed(user)


def test_the_confirmation_link_does_not_carry_the_email_address(app):
    user = make_user(email="private.person@example.org")
    db.session.commit()

    token = make_token(user, Purpose.CONFIRM_EMAIL, now=utcnow())
    payload = base64.urlsafe_b64decode(token.split(".")[0] + "==")

    assert b"private.person" not in payload and b"example.org" not in payload
