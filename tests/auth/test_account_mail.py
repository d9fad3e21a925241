"""The account page's mail settings: the language of the messages and the optional ones."""

import sqlalchemy as sa

from app.extensions import db
from app.models import MailOptOut, User
from tests.factories import make_user
from tests.support import pages


def test_the_account_page_shows_the_mail_language_and_the_optional_messages(client, auth):
    make_user(email="dana@example.org", language="kk")
    auth.sign_in("dana@example.org")

    html = pages.get(client, "/auth/account")

    # The account's language is also the language of its pages once signed in.
    assert '<html lang="kk">' in html
    assert "Біз сізге жіберетін хаттардың тілі" in html
    assert '<option selected value="kk">Қазақша</option>' in html or ('value="kk" selected' in html)
    assert "Русский" in html
    assert "Мен қол қойған петициялардың түпкілікті қорытындысы" in html


def test_saving_sets_the_language_and_refuses_the_unticked_categories(client, auth):
    user = make_user(email="dana@example.org")
    db.session.commit()
    auth.sign_in("dana@example.org")

    response = client.post(
        "/auth/account/mail", data={"language": "ru", "progress": "y", "updates": "y"}
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).language == "ru"
    refused = db.session.scalars(
        sa.select(MailOptOut.category).where(MailOptOut.user_id == user.id)
    ).all()
    assert refused == ["results"]
    html = pages.get(client, "/auth/account")
    assert '<html lang="ru">' in html  # one language per account: the pages follow
    assert "Настройки рассылки сохранены." in html


def test_ticking_a_category_again_wants_it_again(client, auth):
    user = make_user(email="dana@example.org")
    db.session.add(MailOptOut(user_id=user.id, category="progress"))
    db.session.commit()
    auth.sign_in("dana@example.org")

    client.post(
        "/auth/account/mail",
        data={"language": "en", "progress": "y", "results": "y", "updates": "y"},
    )

    db.session.expire_all()
    assert db.session.scalars(sa.select(MailOptOut)).all() == []


def test_an_unknown_language_changes_nothing(client, auth):
    user = make_user(email="dana@example.org", language="en")
    db.session.commit()
    auth.sign_in("dana@example.org")

    client.post("/auth/account/mail", data={"language": "de"})

    db.session.expire_all()
    assert db.session.get(User, user.id).language == "en"
    assert db.session.scalars(sa.select(MailOptOut)).all() == []


def test_signing_up_under_russian_sets_the_mail_language_and_writes_in_russian(client):
    client.get("/?lang=ru")
    client.post(
        "/auth/register",
        data={
            "email": "new@example.org",
            "display_name": "Новый",
            "password": "a long enough password",
            "password_confirm": "a long enough password",
        },
        headers={"Accept-Language": "ru"},
    )

    user = db.session.scalar(sa.select(User).where(User.email == "new@example.org"))
    assert user is not None and user.language == "ru"
