"""The receipt (page and mail) names the signature's entries in the transparency log."""

import re
from html import unescape

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import OutboxMessage, Signature
from app.services.transparency.record import pseudonym
from tests.support.citizen import citizen_of, collecting_petition


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


@pytest.fixture
def signed(client, app, auth):
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    auth.sign_in(user)
    client.post(f"/petitions/{petition.id}/sign", data={"confirm": "y"})
    return petition, db.session.scalar(sa.select(Signature))


def test_the_receipt_page_shows_the_entry_its_proof_and_the_check(client, signed):
    petition, signature = signed

    html = page(client.get(f"/petitions/{petition.id}/receipt"))

    assert pseudonym(signature.id) in html
    assert "№ 1" in html and "Signed online" in html
    assert "/api/v1/log/proof?leaf_index=1&tree_size=2" in html
    assert 'data-indexes="1"' in html and "Verify my receipt" in html
    assert "js/receipt-verify.js" in html and "What the check proves" in html
    assert not re.search(r"<script>|<script [^>]*>[^<]", html)  # no inline script


def test_the_receipt_mail_names_the_entry_and_links_its_proof(client, signed):
    _, signature = signed

    message = db.session.scalar(sa.select(OutboxMessage))

    assert f"Transparency log entry № 1, pseudonym {pseudonym(signature.id)}" in message.body_text
    assert "/api/v1/log/proof?leaf_index=1&tree_size=2" in message.body_text


def test_the_proof_linked_from_the_receipt_answers(client, signed):
    answer = client.get("/api/v1/log/proof?leaf_index=1&tree_size=2")

    assert answer.status_code == 200 and len(answer.get_json()["audit_path"]) == 1
