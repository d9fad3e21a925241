"""Signers may ask for updates about a petition: on the signing form or on the receipt page.
The receipt mail is written in the signer's language."""

import sqlalchemy as sa

from app.extensions import db
from app.models import OutboxMessage, PetitionFollower
from tests.factories import make_user
from tests.support import pages
from tests.support.citizen import citizen_of, collecting_petition


def followers(petition) -> list[int]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(PetitionFollower.user_id).where(PetitionFollower.petition_id == petition.id)
        )
    )


def test_the_signing_form_offers_updates(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    auth.sign_in(user)

    html = pages.get(client, f"/petitions/{petition.id}")

    assert 'name="follow"' in html and "Send me updates about this petition" in html


def test_ticking_updates_when_signing_makes_the_signer_a_follower(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    auth.sign_in(user)

    client.post(f"/petitions/{petition.id}/sign", data={"confirm": "y", "follow": "y"})

    assert followers(petition) == [user.id]


def test_signing_without_the_box_follows_nothing(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    auth.sign_in(user)

    client.post(f"/petitions/{petition.id}/sign", data={"confirm": "y"})

    assert followers(petition) == []


def test_the_receipt_page_offers_follow_and_unfollow(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    auth.sign_in(user)
    client.post(f"/petitions/{petition.id}/sign", data={"confirm": "y"})
    assert "Send me updates about this petition" in pages.read(
        client.get(f"/petitions/{petition.id}/receipt")
    )

    client.post(f"/petitions/{petition.id}/follow", data={"follow": "y"})
    assert followers(petition) == [user.id]
    assert "Stop following this petition" in pages.get(client, f"/petitions/{petition.id}/receipt")

    client.post(f"/petitions/{petition.id}/follow", data={})
    assert followers(petition) == []


def test_someone_who_did_not_sign_cannot_follow_by_mail(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    auth.sign_in(user)

    response = client.post(f"/petitions/{petition.id}/follow", data={"follow": "y"})

    assert response.status_code == 302
    assert followers(petition) == []


def test_the_receipt_mail_is_in_the_signers_language_not_the_pages(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    user.language = "ru"
    db.session.commit()
    auth.sign_in(user)
    with client.session_transaction() as session:
        session["lang"] = "en"  # pages in English in this session (a ?lang= would move the account)

    client.post(f"/petitions/{petition.id}/sign", data={"confirm": "y"})

    db.session.expire_all()
    message = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.to_address == user.email)
    )
    assert message.language == "ru"


def test_account_mail_is_written_in_the_users_language(app):
    from flask_babel import get_locale

    from app.services.accounts import mail as account_mail

    user = make_user(email="kk@example.org", language="kk")
    with app.test_request_context("/?lang=en"):
        assert str(get_locale()) == "en"
        account_mail.queue_password_changed(user)
    db.session.commit()

    message = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.to_address == "kk@example.org")
    )
    assert message.language == "kk"
