"""The officers' objection page after certification: one officer proposes an uphold, the page
shows it awaiting a second officer, who confirms or rejects it; the proposer cannot."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Certification, Objection, ObjectionStatus, Petition
from app.rules.lifecycle import PetitionStatus as S
from app.services.objections.commands import object_by_receipt
from tests.support import pages
from tests.support.certification import certified_with_invalidated


@pytest.fixture
def reversal(app):
    """A petition certified insufficient (2 of 3) and an objection to an invalidation made an
    hour ago (so that its period runs at the machine's time, which the pages act at)."""
    petition, signature, first, second = certified_with_invalidated()
    now = datetime.now(UTC)
    signature.checked_at = now - timedelta(hours=1)
    db.session.commit()
    objection = object_by_receipt(
        signature.receipt_code, "I am on the register.", user_id=None, now=now
    )
    return petition, objection, first, second


def url(petition, objection=None, step=""):
    base = f"/commission/petitions/{petition.id}/objections"
    return base if objection is None else f"{base}/{objection.id}{step}"


def flashed(client, category):
    with client.session_transaction() as session:
        return [text for kind, text in session.pop("_flashes", []) if kind == category]


def status_of(objection):
    db.session.expire_all()
    return db.session.get(Objection, objection.id).status


def test_after_certification_an_uphold_is_proposed_then_confirmed_by_another_officer(
    client, auth, reversal
):
    petition, objection, first, second = reversal
    auth.sign_in(first)
    page = pages.get(client, url(petition))
    assert page.one(f"#objection-{objection.id} input[value='Propose to uphold']")

    client.post(url(petition, objection), data={"reason": "Found on page 2", "uphold": "1"})

    assert flashed(client, "success") == ["Uphold proposed; a second officer must confirm it."]
    assert status_of(objection) is ObjectionStatus.PROPOSED_UPHOLD
    row = pages.get(client, url(petition)).one(f"#objection-{objection.id}")
    assert "Proposed uphold — awaiting a second officer" in row.get_text()
    assert "a different officer must confirm" in row.get_text() and row.select_one("form") is None

    auth.sign_in(second)
    row = pages.get(client, url(petition)).one(f"#objection-{objection.id}")
    assert row.select_one("input[name=confirm]") and row.select_one("input[name=reject]")
    client.post(url(petition, objection, "/confirm"))

    assert flashed(client, "success") == ["Uphold confirmed; the certified result is corrected."]
    assert status_of(objection) is ObjectionStatus.UPHELD
    assert db.session.get(Petition, petition.id).status is S.SUFFICIENT
    assert db.session.scalars(sa.select(Certification.valid_signatures)).one() == 3


def test_the_proposer_posting_a_confirmation_is_refused_and_nothing_changes(client, auth, reversal):
    petition, objection, first, _second = reversal
    auth.sign_in(first)
    client.post(url(petition, objection), data={"reason": "Found on page 2", "uphold": "1"})
    flashed(client, "success")

    response = client.post(url(petition, objection, "/confirm"))

    assert response.status_code == 302
    assert flashed(client, "error") == [
        "You proposed this uphold: a different officer must confirm or reject it."
    ]
    assert status_of(objection) is ObjectionStatus.PROPOSED_UPHOLD
    assert db.session.get(Petition, petition.id).status is S.INSUFFICIENT


def test_the_second_officer_rejects_with_a_reason_and_the_objection_is_open_again(
    client, auth, reversal
):
    petition, objection, first, second = reversal
    auth.sign_in(first)
    client.post(url(petition, objection), data={"reason": "Found on page 2", "uphold": "1"})
    auth.sign_in(second)
    flashed(client, "success")

    client.post(url(petition, objection, "/reject"), data={"reason": ""})
    assert flashed(client, "error") and status_of(objection) is ObjectionStatus.PROPOSED_UPHOLD
    client.post(url(petition, objection, "/reject"), data={"reason": "Another person"})

    assert flashed(client, "success") == ["Proposal rejected; the objection is open again."]
    assert status_of(objection) is ObjectionStatus.OPEN
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "objection.uphold_rejected" in actions


@pytest.mark.parametrize("step", ["/confirm", "/reject"])
def test_bad_input_gives_a_message_never_a_500(client, auth, reversal, step):
    petition, objection, _first, second = reversal
    auth.sign_in(second)

    unknown = client.post(f"{url(petition)}/999999{step}", data={"reason": "x"})
    not_proposed = client.post(url(petition, objection, step), data={"reason": "x"})
    assert (unknown.status_code, not_proposed.status_code) == (302, 302)
    assert flashed(client, "error") == ["No uphold is proposed on this objection."] * 2
    garbage = client.post(f"{url(petition)}/abc{step}", data={"reason": "x"})

    assert garbage.status_code == 404
    assert status_of(objection) is ObjectionStatus.OPEN
