from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions import change_status
from tests.factories import make_petition, make_snapshot


@pytest.fixture
def collecting(app):
    petition = make_petition(status=S.FILED, statement="Promises were not kept.")
    make_snapshot(counts={petition.constituency: 4_000})
    db.session.commit()
    change_status(
        petition.id,
        S.COLLECTING,
        now=datetime(2026, 12, 10, 5, tzinfo=UTC),
        reason="registered",
        actor_label="test",
    )
    return petition


def test_the_public_petition_page_shows_statement_threshold_and_calendar(client, collecting):
    page = client.get(f"/petitions/{collecting.id}").get_data(as_text=True)

    assert collecting.deputy.full_name in page and "Promises were not kept." in page
    assert "400" in page and "4,000" in page  # provisional 10% of 4,000 voters
    assert 'datetime="2027-01-08T18:00:00+05:00"' in page
    assert "/rules/kz-maslikhat-2023" in page


@pytest.mark.parametrize("status", [S.DRAFT, S.GROUP_FORMING])
def test_a_petition_not_yet_filed_is_not_public(client, app, status):
    petition = make_petition(status=status)
    db.session.commit()

    assert client.get(f"/petitions/{petition.id}").status_code == 404


def test_an_unknown_petition_is_404(client):
    assert client.get("/petitions/12345").status_code == 404


def test_the_deputy_page_links_filed_petitions_but_not_drafts(client, collecting):
    withdrawn = make_petition(status=S.WITHDRAWN, deputy=collecting.deputy)
    db.session.commit()

    page = client.get(f"/deputies/{collecting.deputy_id}").get_data(as_text=True)

    assert f"/petitions/{collecting.id}" in page and "Collecting signatures" in page
    assert f"/petitions/{withdrawn.id}" in page  # withdrawn after filing stays on record


def test_a_deputy_without_petitions_says_so(client, app):
    petition = make_petition(status=S.DRAFT)
    db.session.commit()

    page = client.get(f"/deputies/{petition.deputy_id}").get_data(as_text=True)

    assert "No recall petition has been filed" in page and "/petitions/" not in page
