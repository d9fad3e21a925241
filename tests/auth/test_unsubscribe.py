"""The unsubscribe link of optional messages: GET shows, POST acts, one click (RFC 8058) works."""

import base64
import string
import struct
from datetime import timedelta
from unittest import mock

import pytest
import sqlalchemy as sa

from app.auth import mail_views
from app.extensions import db
from app.models import AuditEntry, MailOptOut, PetitionFollower
from app.models.base import utcnow
from app.services.notifications import preferences
from app.services.notifications.audiences import Category
from app.services.notifications.preferences import UNSUBSCRIBE_MAX_AGE, make_token
from tests.factories import make_collecting_petition, make_petition, make_user
from tests.support import pages
from tests.support.notice_world import follow


@pytest.fixture
def user(app):
    user = make_user(email="dana@example.org")
    db.session.commit()
    return user


def opt_outs(user) -> set[str]:
    db.session.expire_all()
    return set(
        db.session.scalars(sa.select(MailOptOut.category).where(MailOptOut.user_id == user.id))
    )


def following(petition, user) -> bool:
    db.session.expire_all()
    return (
        db.session.scalar(
            sa.select(PetitionFollower.id).where(
                PetitionFollower.petition_id == petition.id, PetitionFollower.user_id == user.id
            )
        )
        is not None
    )


def test_opening_the_link_shows_what_stops_and_changes_nothing(client, user):
    token = make_token(user.id, Category.PROGRESS, now=utcnow())

    response = client.get(f"/auth/unsubscribe/{token}")

    assert response.status_code == 200
    html = pages.read(response)
    assert "Progress of petitions I started" in html
    assert "Stop these messages" in html
    assert opt_outs(user) == set()


def test_the_button_stops_the_category_and_is_audited(client, user):
    token = make_token(user.id, Category.RESULTS, now=utcnow())

    response = client.post(f"/auth/unsubscribe/{token}")

    assert response.status_code == 200
    assert "Messages stopped" in pages.read(response)
    assert opt_outs(user) == {"results"}
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "mail.unsubscribed"))
    assert entry.actor_id == user.id and entry.details["category"] == "results"


def test_stopping_a_followed_petitions_updates_stops_following_only_that_petition(client, user):
    petition, other = make_collecting_petition(), make_petition()
    follow(petition, user)
    follow(other, user)
    db.session.commit()
    token = make_token(user.id, Category.UPDATES, now=utcnow(), petition_id=petition.id)

    client.post(f"/auth/unsubscribe/{token}")

    assert not following(petition, user)
    assert following(other, user)
    assert opt_outs(user) == set()


def test_one_click_post_from_a_mail_program_works_without_a_csrf_token(app, client, user):
    app.config["WTF_CSRF_ENABLED"] = True
    token = make_token(user.id, Category.PROGRESS, now=utcnow())

    response = client.post(
        f"/auth/unsubscribe/{token}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 204
    assert opt_outs(user) == {"progress"}


def test_the_page_form_still_needs_its_csrf_token(app, client, user):
    app.config["WTF_CSRF_ENABLED"] = True
    token = make_token(user.id, Category.PROGRESS, now=utcnow())

    response = client.post(f"/auth/unsubscribe/{token}", data={})

    assert response.status_code == 400
    assert opt_outs(user) == set()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_bad_token_gives_a_clear_page_and_changes_nothing(client, user, method):
    token = make_token(user.id, Category.PROGRESS, now=utcnow())

    response = client.open(f"/auth/unsubscribe/{token[:-3]}xyz", method=method)

    assert response.status_code == 400
    assert "This link does not work" in pages.read(response, status=400)
    assert opt_outs(user) == set()


def test_an_expired_token_says_so(client, user):
    old = utcnow() - timedelta(seconds=UNSUBSCRIBE_MAX_AGE + 60)
    token = make_token(user.id, Category.PROGRESS, now=old)

    response = client.post(f"/auth/unsubscribe/{token}")

    assert response.status_code == 400
    assert "This link has expired" in pages.read(response, status=400)
    assert opt_outs(user) == set()


def test_unsubscribing_twice_is_harmless(client, user):
    token = make_token(user.id, Category.PROGRESS, now=utcnow())

    client.post(f"/auth/unsubscribe/{token}")
    response = client.post(f"/auth/unsubscribe/{token}")

    assert response.status_code == 200
    assert opt_outs(user) == {"progress"}


def test_the_token_is_short_url_safe_and_does_not_show_whom_or_which_petition(user):
    petition = make_collecting_petition()
    token = make_token(user.id, Category.UPDATES, now=utcnow(), petition_id=petition.id)

    assert len(token) <= 60
    assert set(token) <= set(string.ascii_letters + string.digits + "-_")
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b"updates" not in decoded and b'"u"' not in decoded and b'"p"' not in decoded
    assert struct.pack(">I", user.id) not in decoded
    assert struct.pack(">I", petition.id) not in decoded
    assert make_token(user.id, Category.UPDATES, now=utcnow(), petition_id=petition.id) != token


def test_a_token_made_under_another_secret_key_does_not_work(app, client, user):
    token = make_token(user.id, Category.PROGRESS, now=utcnow())
    app.config["SECRET_KEY"] = "another secret"

    response = client.post(f"/auth/unsubscribe/{token}")

    assert response.status_code == 400
    assert opt_outs(user) == set()


@pytest.mark.parametrize("token", ["x", "!!!!", "a" * 55, "é" * 10, "AAAA" * 90])
def test_garbage_tokens_are_refused_without_an_error(client, user, token):
    assert client.post(f"/auth/unsubscribe/{token}").status_code == 400


def test_the_button_makes_one_service_call(client, user):
    token = make_token(user.id, Category.RESULTS, now=utcnow())

    with mock.patch.object(mail_views, "preferences", wraps=preferences) as service:
        client.post(f"/auth/unsubscribe/{token}")

    assert [call[0] for call in service.method_calls] == ["unsubscribe"]
    assert opt_outs(user) == {"results"}


def test_opening_the_link_makes_one_read_only_service_call(client, user):
    token = make_token(user.id, Category.RESULTS, now=utcnow())

    with mock.patch.object(mail_views, "preferences", wraps=preferences) as service:
        client.get(f"/auth/unsubscribe/{token}")

    assert [call[0] for call in service.method_calls] == ["read_token"]
