"""The deputy's reply on the public petition page and in the API."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.rules.lifecycle import PetitionStatus
from app.services.deputies.replies import publish_reply
from tests.factories import make_petition
from tests.support import pages
from tests.support.deputy import make_deputy_account

FILED = datetime(2026, 12, 1, 5, tzinfo=UTC)  # 10:00 in Almaty


@pytest.fixture
def petition(app):
    petition = make_petition(status=PetitionStatus.FILED, filed_at=FILED)
    db.session.commit()
    return petition


def page_of(client, petition) -> str:
    return pages.get(client, f"/petitions/{petition.id}")


def test_without_a_reply_the_page_has_no_reply_section(client, petition):
    assert 'id="deputy-reply"' not in page_of(client, petition)


def test_the_page_shows_the_current_reply_with_its_date(client, petition):
    account = make_deputy_account(petition)
    db.session.commit()
    publish_reply(petition.id, account.id, "I will meet the voters.", now=FILED + timedelta(days=1))

    page = page_of(client, petition)

    assert 'id="deputy-reply"' in page and "I will meet the voters." in page
    assert "2 December 2026, 10:00" in page  # the publication, in the rule set's zone
    assert 'id="reply-edited"' not in page


def test_an_edited_reply_is_marked_and_keeps_the_earlier_versions(client, petition):
    account = make_deputy_account(petition)
    db.session.commit()
    publish_reply(petition.id, account.id, "First words.", now=FILED + timedelta(days=1))
    publish_reply(petition.id, account.id, "Better words.", now=FILED + timedelta(days=2))

    page = page_of(client, petition)
    current = page[
        page.index('id="reply-current"') : page.index(
            "</blockquote>", page.index('id="reply-current"')
        )
    ]

    assert "Better words." in current and "First words." not in current
    assert 'id="reply-edited"' in page and "<details" in page
    assert "First words." in page and "1 earlier version" in page
    assert re.search(r"Version 1, published <time datetime=\S+>2 December 2026, 10:00</time>", page)


def test_the_api_gives_the_current_reply_without_its_author_account(client, petition):
    account = make_deputy_account(petition, email="deputy-secret@example.org")
    db.session.commit()
    publish_reply(petition.id, account.id, "First.", now=FILED + timedelta(days=1))
    publish_reply(petition.id, account.id, "Second.", now=FILED + timedelta(days=2))

    response = client.get(f"/api/v1/petitions/{petition.id}")

    assert response.get_json()["deputy_reply"] == {
        "text": "Second.",
        "version": 2,
        "published_at": "2026-12-03T10:00:00+05:00",
    }
    assert "deputy-secret" not in response.get_data(as_text=True)
