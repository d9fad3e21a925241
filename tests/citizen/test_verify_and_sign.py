"""Verifying as a voter and signing from one page: the petition's sign box or its own page."""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.models import Signature, User
from tests.factories import make_user, make_voter
from tests.support import pages
from tests.support.citizen import collecting_petition

BORN = date(1985, 3, 14)


@pytest.fixture
def petition(app):
    return collecting_petition()


@pytest.fixture
def voter(petition):
    voter = make_voter(constituency=petition.constituency, last_name="Ахметова", birth_date=BORN)
    db.session.commit()
    return voter


@pytest.fixture
def citizen(client, app, auth):
    user = make_user(email_confirmed_at=datetime(2026, 1, 1, tzinfo=UTC))
    db.session.commit()
    auth.sign_in(user)
    return user


def send(client, petition, voter, **changes):
    data = {
        "iin": voter.iin,
        "last_name": "ахметова",
        "birth_date": "14.03.1985",
        "confirm": "y",
    } | changes
    return client.post(f"/petitions/{petition.id}/verify-and-sign", data=data)


def test_one_form_verifies_signs_and_leads_to_the_receipt(client, petition, voter, citizen):
    response = send(client, petition, voter)

    assert response.location == f"/petitions/{petition.id}/receipt"
    user = db.session.get(User, citizen.id)
    assert user.voter_hash == voter.iin_hash
    signature = db.session.query(Signature).filter_by(petition_id=petition.id).one()
    page = pages.get(client, response.location)
    assert "You are verified as a voter and your signature is recorded." in page
    assert signature.receipt_code in page


def test_a_mismatch_comes_back_with_the_details_kept_but_never_the_iin(
    client, petition, voter, citizen
):
    page = pages.read(send(client, petition, voter, last_name="Иванова"))

    assert "These details do not match any voter on the register" in page
    assert 'value="Иванова"' in page and 'value="14.03.1985"' in page
    assert voter.iin not in page
    assert db.session.query(Signature).count() == 0


def test_without_the_tick_nothing_is_verified_or_signed(client, petition, voter, citizen):
    page = pages.read(send(client, petition, voter, confirm=""))

    assert "Tick the box to confirm" in page.one("#confirm-error").text
    assert db.session.get(User, citizen.id).voter_hash is None


def test_a_voter_of_another_constituency_is_verified_but_told_why_they_cannot_sign(
    client, app, petition, citizen
):
    elsewhere = collecting_petition()
    voter = make_voter(constituency=elsewhere.constituency, last_name="Ахметова", birth_date=BORN)
    db.session.commit()

    response = send(client, petition, voter)

    assert response.location == f"/petitions/{petition.id}"
    assert db.session.get(User, citizen.id).voter_hash == voter.iin_hash
    assert db.session.query(Signature).count() == 0
    box = pages.get(client, response.location).one("#sign")
    assert box["data-sign-state"] == "other_constituency"
