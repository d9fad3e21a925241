"""The public objection page: a signer objects by receipt code, signed in or not."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Objection, Signature, SignatureStatus
from tests.support.certification import add_signatures, make_closed_petition


def invalidated_signature():
    petition = make_closed_petition(required=3)
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.checked_at = datetime.now(UTC) - timedelta(hours=1)
    db.session.commit()
    return signature


def test_a_signer_objects_from_the_page_without_signing_in(client):
    signature = invalidated_signature()

    response = client.post(
        "/objection",
        data={"receipt_code": signature.receipt_code, "statement": "I am on the register."},
    )

    assert response.status_code == 302
    assert db.session.scalar(sa.select(Objection.signature_id)) == signature.id


def test_an_unknown_receipt_code_is_answered_in_russian_and_changes_nothing(client):
    response = client.post(
        "/objection?lang=ru",
        data={"receipt_code": "NOPE-1", "statement": "Please count it."},
    )

    assert response.status_code == 200
    assert "Нет подписи с таким кодом квитанции." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Objection.id))) == 0
