"""The language a person chooses sticks on their account once they are signed in."""

import flask_babel
import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Role, User
from tests.factories import make_user
from tests.support import pages

pytestmark = pytest.mark.app_config(BABEL_DEFAULT_LOCALE="kk")


def language_of(user: User) -> str:
    db.session.expire_all()
    return db.session.get(User, user.id).language


def test_switching_language_while_signed_in_keeps_it_on_the_account(client, auth):
    user = make_user(language="kk")
    auth.sign_in(user)

    flask_babel.refresh()
    assert '<html lang="ru">' in pages.get(client, "/?lang=ru")

    assert language_of(user) == "ru"
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "account.language" in actions


def test_the_account_language_greets_the_person_on_another_device(app, auth):
    user = make_user(language="ru")
    other_device = app.test_client()

    auth.on(other_device).sign_in(user)
    flask_babel.refresh()

    assert '<html lang="ru">' in pages.get(other_device, "/")


def test_a_language_chosen_before_signing_in_becomes_the_account_language(client, auth):
    user = make_user(language="en")
    client.get("/?lang=kk")

    auth.sign_in(user)
    flask_babel.refresh()

    assert language_of(user) == "kk"
    assert '<html lang="kk">' in pages.get(client, "/")


def test_an_unknown_language_changes_neither_the_page_nor_the_account(client, auth):
    user = make_user(language="ru")
    auth.sign_in(user)
    flask_babel.refresh()

    assert '<html lang="ru">' in pages.get(client, "/?lang=de")
    assert language_of(user) == "ru"


def test_an_account_made_without_a_choice_starts_in_kazakh_like_the_site(app):
    user = User(email="officer@example.org", role=Role.COMMISSION, display_name="Officer")
    user.set_password("a long enough password")
    db.session.add(user)
    db.session.commit()

    assert language_of(user) == "kk"
