"""The initiative group's objection page: invalidated signatures still open to objection, one
form each; the commission's objection list then shows the objection."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Objection, Role, Signature, SignatureStatus
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_member, make_officer, make_user
from tests.support import pages
from tests.support.certification import add_signatures, make_closed_petition

STATEMENT = "The voter moved within the district; the register was late."


@pytest.fixture
def petition(app):
    """A petition under verification with one signature invalidated an hour ago."""
    petition = make_closed_petition(required=3)
    add_signatures(petition, 2)
    db.session.commit()
    return petition


def invalidated(petition, *, ago=timedelta(hours=1), reason="not_on_register"):
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.checked_at, signature.invalid_reason = datetime.now(UTC) - ago, reason
    db.session.commit()
    return signature


@pytest.fixture
def initiator(petition, auth):
    user = make_user(role=Role.CITIZEN)
    make_member(petition=petition, user=user, role="initiator", member_hash=b"i" * 32)
    auth.sign_in(user)
    return user


def page_url(petition):
    return f"/petitions/{petition.id}/objections"


def object_to(client, petition, signature_id, statement=STATEMENT, query=""):
    return client.post(
        f"/petitions/{petition.id}/objections/{signature_id}{query}", data={"statement": statement}
    )


def flashed(client, category):
    """The messages of ``category`` flashed since the last look (taken, as a page would)."""
    with client.session_transaction() as session:
        return [text for kind, text in session.pop("_flashes", []) if kind == category]


def objections() -> int:
    return db.session.scalar(sa.select(sa.func.count(Objection.id)))


def test_the_group_page_links_to_the_objection_page(client, petition, initiator):
    group = pages.get(client, f"/petitions/{petition.id}/group")

    assert group.one(f'a[href="{page_url(petition)}"]')


def test_an_initiator_sees_the_list_and_objects_and_the_officer_sees_it(
    client, petition, initiator, auth
):
    signature = invalidated(petition)

    page = pages.get(client, page_url(petition))
    row = page.one(f"#signature-{signature.id}")
    assert f"№ {signature.id}" in row.get_text() and "Not on the voter register" in row.get_text()
    assert signature.receipt_code not in page and len(page.select("#objectable tbody tr")) == 1
    assert row.select_one("textarea[name=statement]") and row.select_one("input[name=csrf_token]")

    response = object_to(client, petition, signature.id)

    assert response.status_code == 302 and response.location == page_url(petition)
    assert flashed(client, "success")
    objection = db.session.scalars(sa.select(Objection)).one()
    assert (objection.signature_id, objection.user_id) == (signature.id, initiator.id)
    assert str(objection.objector) == "initiator"
    again = pages.get(client, page_url(petition)).one(f"#signature-{signature.id}")
    assert "Open, waiting for the commission" in again.get_text()
    assert again.select_one("form") is None
    auth.sign_in(make_officer(bodies=[petition.constituency.body]))
    commission = pages.get(client, f"/commission/petitions/{petition.id}/objections")
    assert STATEMENT in commission.one(f"#objection-{objection.id}").get_text()


def test_someone_outside_the_initiative_group_is_refused(client, petition, auth):
    signature = invalidated(petition)
    auth.sign_in(make_user(role=Role.CITIZEN))

    assert client.get(page_url(petition)).status_code == 403
    assert object_to(client, petition, signature.id).status_code == 403
    assert client.get(f"/petitions/{petition.id + 1000}/objections").status_code == 404
    assert objections() == 0


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("", "This field is required."),
        ("  no ", "Say in a few words why the signature should count."),
        ("x" * 2001, "Field cannot be longer than 2000 characters."),
    ],
)
def test_a_bad_statement_is_refused_with_a_message_and_changes_nothing(
    client, petition, initiator, statement, message
):
    signature = invalidated(petition)
    audited = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)))

    response = object_to(client, petition, signature.id, statement)

    assert response.status_code == 302
    assert any(message in text for text in flashed(client, "error"))
    assert objections() == 0
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == audited


def test_an_objection_after_the_period_is_refused_in_russian(client, petition, initiator):
    late = invalidated(petition, ago=timedelta(days=30))

    assert f"signature-{late.id}" not in pages.get(client, page_url(petition))
    response = object_to(client, petition, late.id, query="?lang=ru")

    assert response.status_code == 302
    assert flashed(client, "error") == ["Срок подачи возражения против этого решения истёк."]
    assert objections() == 0


def test_a_wrong_or_foreign_signature_or_a_second_objection_is_refused(client, petition, initiator):
    signature = invalidated(petition)
    other = make_closed_petition(required=3)
    [foreign] = add_signatures(other, 1, status=SignatureStatus.INVALID)
    db.session.commit()

    for signature_id in (foreign, 2**31 - 1):
        object_to(client, petition, signature_id)
        assert flashed(client, "error") == ["This petition has no signature with this number."]
    object_to(client, petition, signature.id)
    object_to(client, petition, signature.id, "Once more, with feeling.")

    assert flashed(client, "error") == ["An objection to this signature is already open."]
    assert objections() == 1


def test_after_the_recall_vote_the_page_says_objections_are_over_and_offers_no_form(
    client, petition, initiator
):
    invalidated(petition)
    petition.status = S.RETAINED
    db.session.commit()

    page = pages.get(client, page_url(petition))

    assert (
        "Objections are possible during collection and verification, and after certification "
        "until the recall vote is held." in page
    )
    assert not page.select("form textarea")
    assert not pages.get(client, f"/petitions/{petition.id}/group").select(
        f'a[href="{page_url(petition)}"]'
    )


def test_after_certification_an_invalidation_in_time_can_still_be_objected_to(
    client, petition, initiator
):
    signature = invalidated(petition)
    petition.status = S.INSUFFICIENT
    db.session.commit()

    page = pages.get(client, page_url(petition))

    assert page.one(f"#signature-{signature.id}").select_one("textarea[name=statement]")
    assert pages.get(client, f"/petitions/{petition.id}/group").select(
        f'a[href="{page_url(petition)}"]'
    )
    object_to(client, petition, signature.id)
    assert objections() == 1
