from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Role, Signature, SignatureStatus
from app.services.signing.commands import sign_petition
from tests.factories import make_deputy, make_user
from tests.support import pages
from tests.support.citizen import citizen_of, collecting_petition

SIGN = {"confirm": "y"}


@pytest.fixture
def petition(app):
    return collecting_petition()


@pytest.fixture
def signer(client, petition, auth):
    user = citizen_of(petition.constituency)
    auth.sign_in(user)
    return user


def signatures():
    return db.session.scalars(sa.select(Signature)).all()


def test_signing_redirects_to_the_receipt_which_shows_the_code(client, petition, signer):
    response = client.post(f"/petitions/{petition.id}/sign", data=SIGN)

    assert response.status_code == 302
    assert response.location == f"/petitions/{petition.id}/receipt"
    [signature] = signatures()
    html = pages.get(client, response.location)
    assert "Thank you: your signature is recorded." in html
    assert html.count(signature.receipt_code) >= 2  # in the message and on the receipt
    assert petition.deputy.full_name in html


def test_signing_without_the_confirmation_box_signs_nothing(client, petition, signer):
    response = client.post(f"/petitions/{petition.id}/sign", data={})

    assert response.location == f"/petitions/{petition.id}"
    assert signatures() == []
    with client.session_transaction() as session:
        [(category, message)] = session["_flashes"]
    assert category == "error" and "Tick the box" in message


def test_signing_again_answers_with_the_first_receipt(client, petition, signer):
    first = sign_petition(petition.id, signer.id, now=datetime.now(UTC))

    response = client.post(f"/petitions/{petition.id}/sign", data=SIGN, follow_redirects=True)

    assert response.status_code == 200
    html = pages.read(response)
    assert "You have already signed this petition." in html and first.receipt_code in html
    assert len(signatures()) == 1


def test_a_voter_of_another_constituency_is_sent_back_with_their_own_seat(
    client, petition, app, auth
):
    elsewhere = make_deputy(full_name="Their Own Deputy")
    user = citizen_of(elsewhere.constituency)
    auth.sign_in(user)

    response = client.post(f"/petitions/{petition.id}/sign", data=SIGN)

    assert response.location == f"/petitions/{petition.id}"
    with client.session_transaction() as session:
        messages = [str(message) for _category, message in session["_flashes"]]
    assert "Only voters of" in messages[0]
    assert f'href="/deputies/{elsewhere.id}"' in messages[1] and "Their Own Deputy" in messages[1]
    assert f'href="/constituencies/{elsewhere.constituency.code}"' in messages[1]
    assert signatures() == []


def test_an_unverified_citizen_is_refused_with_a_message(client, petition, auth):
    user = make_user(email_confirmed_at=datetime.now(UTC))
    db.session.commit()
    auth.sign_in(user)

    response = client.post(f"/petitions/{petition.id}/sign", data=SIGN)

    assert response.location == f"/petitions/{petition.id}" and signatures() == []
    with client.session_transaction() as session:
        assert "Verify that you are a voter" in session["_flashes"][0][1]


def test_signing_an_unknown_petition_is_refused_not_an_error(client, signer):
    response = client.post("/petitions/987654/sign", data=SIGN)

    assert response.status_code == 302 and signatures() == []


def test_anonymous_visitors_are_sent_to_sign_in(client, petition):
    response = client.post(f"/petitions/{petition.id}/sign", data=SIGN)

    assert response.status_code == 302 and "/auth/login" in response.location
    assert signatures() == []


def test_staff_cannot_sign(client, petition, auth):
    user = make_user(role=Role.COMMISSION)
    db.session.commit()
    auth.sign_in(user)

    assert client.post(f"/petitions/{petition.id}/sign", data=SIGN).status_code == 403


def test_opening_the_sign_address_leads_to_the_petition_page(client, petition, signer):
    response = client.get(f"/petitions/{petition.id}/sign")

    assert response.status_code == 302 and response.location == f"/petitions/{petition.id}"
    assert signatures() == []


def test_the_receipt_of_a_petition_not_signed_leads_back_to_it(client, petition, signer):
    response = client.get(f"/petitions/{petition.id}/receipt")

    assert response.status_code == 302 and response.location == f"/petitions/{petition.id}"


def test_my_signatures_lists_each_with_its_receipt_and_a_withdraw_button(client, petition, signer):
    signature = sign_petition(petition.id, signer.id, now=datetime.now(UTC))

    html = pages.get(client, "/account/signatures")

    assert signature.receipt_code in html and petition.deputy.full_name in html
    assert "Collecting signatures" in html and 'badge--signature-valid">Valid</span>' in html
    assert f'action="/account/signatures/{signature.id}/withdraw"' in html


def test_withdrawing_takes_the_signature_out_and_the_button_away(client, petition, signer):
    signature = sign_petition(petition.id, signer.id, now=datetime.now(UTC))
    url = f"/account/signatures/{signature.id}/withdraw"
    asked = pages.post(client, url)
    assert asked.one("h1").get_text(strip=True) == "Withdraw your signature?"
    assert db.session.get(Signature, signature.id).status is SignatureStatus.VALID

    response = client.post(url, data={"confirmed": "yes"})

    assert response.location == "/account/signatures"
    html = pages.get(client, response.location)
    assert "Your signature is withdrawn" in html and "Withdrawn" in html
    assert f'action="/account/signatures/{signature.id}/withdraw"' not in html
    assert db.session.get(Signature, signature.id).status is SignatureStatus.WITHDRAWN


def test_no_withdraw_button_once_withdrawal_has_closed(client, petition, signer):
    signature = sign_petition(petition.id, signer.id, now=datetime.now(UTC))
    petition.closes_at = datetime.now(UTC) - timedelta(minutes=1)
    petition.opened_at = petition.closes_at - timedelta(days=30)
    db.session.commit()

    html = pages.get(client, "/account/signatures")

    assert signature.receipt_code in html
    assert f'action="/account/signatures/{signature.id}/withdraw"' not in html


def test_withdrawing_someone_elses_signature_is_refused(client, petition, signer, app):
    owner = citizen_of(petition.constituency)
    signature = sign_petition(petition.id, owner.id, now=datetime.now(UTC))

    html = pages.post(
        client,
        f"/account/signatures/{signature.id}/withdraw",
        data={"confirmed": "yes"},
        follow_redirects=True,
    )

    assert "This is not your signature." in html
    assert db.session.get(Signature, signature.id).status is SignatureStatus.VALID


def test_my_signatures_says_so_when_there_are_none(client, signer):
    assert "You have not signed any petition yet." in pages.get(client, "/account/signatures")
