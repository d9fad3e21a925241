"""The admin pages: officers, assignments, the bodies' rule sets and their official values; the
objections page."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditEntry,
    Body,
    Objection,
    ObjectionStatus,
    OfficerAssignment,
    ProposalStatus,
    Role,
    RuleSetVersion,
    Signature,
    SignatureStatus,
    User,
)
from app.services.objections.commands import object_by_receipt
from tests.factories import make_body, make_officer, make_region
from tests.support.certification import add_signatures, make_closed_petition, two_officers


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def admin_client(client, auth):
    auth.sign_in_new(Role.ADMIN)
    return client


def test_the_officer_page_lists_officers_with_their_assignments(admin_client):
    body = make_body(name="Almaly district maslikhat")
    make_officer(display_name="Dana Officer", bodies=[body])
    db.session.commit()

    page = admin_client.get("/commission/admin/officers").get_data(as_text=True)

    assert "Dana Officer" in page and "Body: Almaly district maslikhat" in page


def test_an_admin_creates_an_officer_from_the_page(admin_client):
    response = admin_client.post(
        "/commission/admin/officers/new",
        data={
            "email": "officer@example.kz",
            "display_name": "New Officer",
            "password": "a long enough password",
        },
    )

    assert response.status_code == 302
    officer = db.session.scalar(sa.select(User).where(User.email == "officer@example.kz"))
    assert officer.role is Role.COMMISSION
    assert db.session.scalar(sa.select(AuditEntry.action)) == "user.created"


def test_a_weak_password_is_answered_on_the_form_and_creates_nothing(admin_client):
    users = count(User)

    response = admin_client.post(
        "/commission/admin/officers/new",
        data={"email": "officer@example.kz", "display_name": "X", "password": "short"},
    )

    assert response.status_code == 200 and "at least 10" in response.get_data(as_text=True)
    assert count(User) == users


def test_assigning_twice_is_answered_with_a_clear_message(admin_client):
    officer, region = make_officer(), make_region()
    db.session.commit()
    data = {"officer": officer.id, "target": f"region-{region.id}", "reason": "cover"}

    admin_client.post("/commission/admin/assignments", data=data)
    page = admin_client.post(
        "/commission/admin/assignments", data=data, follow_redirects=True
    ).get_data(as_text=True)

    assert "already has this assignment" in page
    assert count(OfficerAssignment) == 1


def test_an_assignment_to_an_unknown_target_is_refused_by_the_form(admin_client):
    officer = make_officer()
    db.session.commit()

    response = admin_client.post(
        "/commission/admin/assignments", data={"officer": officer.id, "target": "body-999999"}
    )

    assert response.status_code == 400 and count(OfficerAssignment) == 0


def test_an_admin_removes_an_assignment(admin_client):
    body = make_body()
    officer = make_officer(bodies=[body])
    db.session.commit()
    [assignment] = db.session.scalars(sa.select(OfficerAssignment)).all()

    admin_client.post(f"/commission/admin/assignments/{assignment.id}/remove")

    assert count(OfficerAssignment) == 0
    entry = db.session.scalar(sa.select(AuditEntry))
    assert entry.action == "officer.unassigned" and entry.object_id == str(officer.id)


def test_an_admin_changes_a_bodys_rule_set_with_a_reason(admin_client):
    body = make_body()
    db.session.commit()

    page = admin_client.get("/commission/admin/bodies").get_data(as_text=True)
    assert "kz-maslikhat-2023" in page and "uk-2015" in page
    admin_client.post(
        "/commission/admin/bodies",
        data={"body": body.id, "rule_set": "uk-2015", "reason": "pilot"},
    )

    db.session.expire_all()
    assert db.session.get(Body, body.id).rule_set_code == "uk-2015"


def test_a_rule_set_change_without_a_reason_changes_nothing(admin_client):
    body = make_body()
    db.session.commit()

    response = admin_client.post(
        "/commission/admin/bodies", data={"body": body.id, "rule_set": "uk-2015"}
    )

    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Body, body.id).rule_set_code == "kz-maslikhat-2023"


def test_an_officer_cannot_reach_the_admin_pages(client, auth):
    auth.sign_in_new(Role.COMMISSION)

    assert client.get("/commission/admin/officers").status_code == 403
    assert client.post("/commission/admin/assignments", data={}).status_code == 403


def test_the_navigation_shows_officers_to_admins_only(client, auth):
    auth.sign_in_new(Role.ADMIN)
    assert "/commission/admin/officers" in client.get("/commission/queue").get_data(as_text=True)
    auth.sign_out()
    auth.sign_in_new(Role.COMMISSION)
    page = client.get("/commission/queue").get_data(as_text=True)
    assert "/commission/admin/officers" not in page and "/commission/queue" in page


def test_two_admins_publish_an_official_value_from_the_page(client, auth):
    proposer = auth.sign_in_new(Role.ADMIN)
    data = {
        "rule_set": "kz-maslikhat-2023",
        "parameter": "initiative_group_min",
        "value": "15",
        "law": "Elections Law",
        "article": "Art. 113-13(1)",
        "url": "https://adilet.zan.kz/rus/docs/Z950002464_",
        "confirmed": "y",
        "valid_from": "2099-01-01",
        "comment": "Read from the official text",
    }
    response = client.post("/commission/admin/rule-versions", data=data)
    assert response.status_code == 302
    page = client.get("/commission/admin/rule-versions").get_data(as_text=True)
    assert "initiative_group_min = 15" in page and "Waiting for another administrator" in page

    auth.sign_out()
    auth.sign_in_new(Role.ADMIN)
    row_id = db.session.scalar(sa.select(RuleSetVersion.id))
    client.post(f"/commission/admin/rule-versions/{row_id}/decide", data={"confirm": "y"})

    assert db.session.get(RuleSetVersion, row_id).status is ProposalStatus.CONFIRMED
    assert db.session.get(RuleSetVersion, row_id).proposed_by_id == proposer.id


def test_a_confirmed_value_without_a_citation_is_refused_on_the_page(admin_client):
    data = {
        "rule_set": "kz-maslikhat-2023",
        "parameter": "initiative_group_min",
        "value": "15",
        "confirmed": "y",
        "valid_from": "2099-01-01",
        "comment": "No source",
    }
    response = admin_client.post("/commission/admin/rule-versions", data=data)

    assert "needs its law and article" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RuleSetVersion)) == 0


def test_an_officer_decides_an_objection_on_the_petition_page(client, auth):
    petition = make_closed_petition(required=3)
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.checked_at = datetime.now(UTC) - timedelta(hours=1)
    officer, _other = two_officers(petition)
    db.session.commit()
    objection = object_by_receipt(
        signature.receipt_code, "I am on the register.", user_id=None, now=datetime.now(UTC)
    )
    auth.sign_in(officer)

    page = client.get(f"/commission/petitions/{petition.id}/objections").get_data(as_text=True)
    assert "I am on the register." in page
    client.post(
        f"/commission/petitions/{petition.id}/objections/{objection.id}",
        data={"reason": "Found on page 2", "uphold": "y"},
    )

    assert db.session.get(Objection, objection.id).status is ObjectionStatus.UPHELD
    assert db.session.get(Signature, signature_id).status is SignatureStatus.VALID
