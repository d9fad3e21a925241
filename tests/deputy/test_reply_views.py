"""Publishing and editing the formal reply from the portal."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import DeputyReply
from app.models.reply import REPLY_MAX_CHARS
from app.rules.lifecycle import PetitionStatus
from tests.factories import make_petition
from tests.support import pages
from tests.support.deputy import make_deputy_account, petition_with_signers


@pytest.fixture
def petition(app):
    petition, _ = petition_with_signers(big=0, small=0)
    return petition


@pytest.fixture
def deputy_client(client, petition, auth):
    auth.sign_in(make_deputy_account(petition))
    return client


def reply_url(petition) -> str:
    return f"/deputy/petitions/{petition.id}/reply"


def stored(petition) -> list[tuple[int, str]]:
    db.session.expire_all()
    return db.session.execute(
        sa.select(DeputyReply.version, DeputyReply.body)
        .where(DeputyReply.petition_id == petition.id)
        .order_by(DeputyReply.version)
    ).all()


def test_a_deputy_publishes_then_edits_the_reply(deputy_client, petition):
    first = deputy_client.post(reply_url(petition), data={"body": "First.", "version": "0"})
    second = deputy_client.post(reply_url(petition), data={"body": "Second.", "version": "1"})
    page = pages.get(deputy_client, f"/deputy/petitions/{petition.id}")

    assert first.status_code == second.status_code == 302
    assert stored(petition) == [(1, "First."), (2, "Second.")]
    assert "Second.</textarea>" in page and 'value="2"' in page  # prefilled, editing version 2
    assert "Earlier versions" in page and "First." in page


def test_an_identical_edit_is_refused_with_a_message(deputy_client, petition):
    deputy_client.post(reply_url(petition), data={"body": "Same.", "version": "0"})

    response = deputy_client.post(reply_url(petition), data={"body": "Same.", "version": "1"})

    assert response.status_code == 400
    assert "already published" in pages.read(response, status=400)
    assert stored(petition) == [(1, "Same.")]


def test_a_too_long_reply_is_refused_and_keeps_the_text_typed(deputy_client, petition):
    body = "z" * (REPLY_MAX_CHARS + 1)

    response = deputy_client.post(reply_url(petition), data={"body": body, "version": "0"})

    assert response.status_code == 400 and body in response.get_data(as_text=True)
    assert stored(petition) == []


def test_an_edit_from_a_stale_page_is_refused(deputy_client, petition):
    deputy_client.post(reply_url(petition), data={"body": "One.", "version": "0"})
    deputy_client.post(reply_url(petition), data={"body": "Two.", "version": "1"})

    response = deputy_client.post(reply_url(petition), data={"body": "Three.", "version": "1"})

    assert response.status_code == 400
    assert "Reload the page" in pages.read(response, status=400)
    assert [version for version, _ in stored(petition)] == [1, 2]


def test_a_valid_reply_to_another_deputys_petition_is_not_found_and_not_stored(
    client, petition, auth
):
    auth.sign_in(make_deputy_account(make_petition(status=PetitionStatus.FILED)))

    response = client.post(reply_url(petition), data={"body": "Not mine.", "version": "0"})

    assert response.status_code == 404 and stored(petition) == []
