import re
from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.models import Role, SignatureStatus
from tests.factories import (
    make_collecting_petition,
    make_signature,
)


@pytest.fixture
def collecting_petition(app):
    return make_collecting_petition(filed_at=datetime(2026, 12, 3, 5, tzinfo=UTC))


@pytest.mark.parametrize("path", ["/commission/petitions", "/commission/petitions/1"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.DEPUTY])
def test_other_roles_are_refused(client, role, auth):
    auth.sign_in_new(role)
    assert client.get("/commission/petitions").status_code == 403


def test_the_petition_page_shows_the_legal_calendar_in_local_time(
    client, collecting_petition, auth
):
    auth.sign_in_new(Role.COMMISSION, petition=collecting_petition)

    page = client.get(f"/commission/petitions/{collecting_petition.id}").get_data(as_text=True)

    assert "Legal calendar" in page and "Astana time" in page
    assert 'datetime="2027-01-08T18:00:00+05:00"' in page  # collection closes
    assert "8 January 2027, 18:00" in page
    assert "Provisional" in page  # the Kazakh collection period is not confirmed
    assert "registered" in page  # the history shows the reason of the transition


def test_the_list_shows_each_open_petition_with_its_next_deadline(
    client, collecting_petition, auth
):
    auth.sign_in_new(Role.ADMIN)

    page = client.get("/commission/petitions").get_data(as_text=True)

    assert collecting_petition.deputy.full_name in page
    assert "Collecting signatures" in page


def test_an_unknown_petition_is_404_for_an_admin_and_403_for_an_officer(client, auth):
    auth.sign_in_new(Role.ADMIN)
    assert client.get("/commission/petitions/999").status_code == 404
    auth.sign_out()
    auth.sign_in_new(Role.COMMISSION)
    assert client.get("/commission/petitions/999").status_code == 403


def test_the_commission_sees_exact_counts_even_while_public_ones_are_cached(
    client, app, collecting_petition, auth
):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 3600
    auth.sign_in_new(Role.COMMISSION, petition=collecting_petition)
    client.get(f"/petitions/{collecting_petition.id}")  # warms the public cache at zero
    make_signature(collecting_petition)
    make_signature(collecting_petition, status=SignatureStatus.INVALID)
    db.session.commit()

    page = client.get(f"/commission/petitions/{collecting_petition.id}").get_data(as_text=True)

    assert "Signatures (exact)" in page
    assert re.search(r"Valid</dt><dd>1<", page) and re.search(r"Invalid</dt><dd>1<", page)
