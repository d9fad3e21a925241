from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, OutboxMessage, Petition, Role
from app.rules.lifecycle import PetitionStatus as S
from app.services.notifications import dispatch_pending
from app.services.petitions.commands import PetitionError
from app.services.registration.commands import refuse_petition, register_petition
from tests.factories import (
    make_body,
    make_member,
    make_officer,
    make_petition,
    make_snapshot,
    make_user,
    make_verified_citizen,
    make_voter,
)
from tests.support import pages
from tests.support.commission import officer_of

NOW = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)


@pytest.fixture
def filed(app):
    petition = make_petition(status=S.FILED, filed_at=NOW - timedelta(days=2))
    make_snapshot(counts={petition.constituency: 2_000})
    initiator = make_verified_citizen(make_voter(constituency=petition.constituency))
    make_member(petition=petition, user=initiator, role="initiator")
    db.session.commit()
    return petition


def test_registering_opens_collection_and_tells_the_initiators(filed):
    officer = officer_of(filed)

    register_petition(filed.id, officer.id, now=NOW)

    petition = db.session.get(Petition, filed.id)
    assert petition.status is S.COLLECTING and petition.signatures_required == 200
    assert dispatch_pending(NOW) == 1  # the REGISTERED event's notice
    [message] = db.session.scalars(sa.select(OutboxMessage)).all()
    assert "is registered" in message.subject
    assert "8 January 2027, 18:00 (Astana time)" in message.body_text


def test_refusing_records_the_reason_and_tells_the_initiators(filed):
    officer = officer_of(filed)

    refuse_petition(
        filed.id,
        officer.id,
        reason="documents_incomplete",
        comment="Minutes of the meeting missing",
        now=NOW,
    )

    assert db.session.get(Petition, filed.id).status is S.REFUSED
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "petition.status_changed")
    )
    assert entry.actor_id == officer.id
    assert entry.details["reason"] == "documents_incomplete: Minutes of the meeting missing"
    assert entry.details["reason_code"] == "documents_incomplete"
    assert entry.details["before"]["status"] == "filed"
    assert entry.details["after"]["status"] == "refused"
    assert dispatch_pending(NOW) == 1  # the REFUSED event's notice, reason from the audit entry
    [message] = db.session.scalars(sa.select(OutboxMessage)).all()
    assert "not registered" in message.subject
    assert "Reason: The documents are incomplete or wrongly filled in." in message.body_text
    assert "comment: Minutes of the meeting missing" in message.body_text
    assert "documents_incomplete" not in message.body_text


def test_a_reason_outside_the_list_or_a_petition_not_filed_is_refused(filed):
    officer = officer_of(filed)

    with pytest.raises(PetitionError, match="reason from the list"):
        refuse_petition(filed.id, officer.id, reason="dislike", comment="", now=NOW)
    register_petition(filed.id, officer.id, now=NOW)
    with pytest.raises(PetitionError, match="not waiting for a registration decision"):
        register_petition(filed.id, officer.id, now=NOW)


def test_the_officer_registers_from_the_petition_page(client, filed, auth):
    auth.sign_in_new(Role.COMMISSION, petition=filed)
    page = client.get(f"/commission/petitions/{filed.id}").get_data(as_text=True)
    assert "Registration decision" in page

    asked = pages.post(client, f"/commission/petitions/{filed.id}/register")
    assert asked.one("h1").get_text(strip=True) == f"Register petition № {filed.id}?"
    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.FILED

    response = client.post(f"/commission/petitions/{filed.id}/register", data={"confirmed": "yes"})

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.COLLECTING


def test_register_and_refuse_look_different_and_no_reason_is_chosen_in_advance(client, filed, auth):
    auth.sign_in_new(Role.COMMISSION, petition=filed)

    page = pages.get(client, f"/commission/petitions/{filed.id}")

    register = page.one(f'form[action="/commission/petitions/{filed.id}/register"] button')
    refuse = page.one(f'form[action="/commission/petitions/{filed.id}/refuse"] button')
    assert register["class"] != refuse["class"] and "button--danger" in refuse["class"]
    options = page.select("select[name=reason] option")
    assert options[0]["value"] == ""  # what the browser shows when nothing is selected
    assert not [option for option in options if option.has_attr("selected") and option["value"]]


def test_a_refusal_is_confirmed_with_its_reason_before_it_ends_the_petition(client, filed, auth):
    auth.sign_in_new(Role.COMMISSION, petition=filed)
    url = f"/commission/petitions/{filed.id}/refuse"
    data = {"reason": "other", "comment": "Signatures of the group are forged"}

    asked = pages.post(client, url, data=data)

    kept = {i["name"]: i["value"] for i in asked.select("form#confirm-form input[type=hidden]")}
    assert kept["reason"] == "other" and kept["comment"] == data["comment"]
    assert "button--danger" in asked.one("form#confirm-form button")["class"]
    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.FILED

    client.post(url, data=kept)
    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.REFUSED


def test_a_citizen_cannot_register_a_petition(client, filed, auth):
    auth.sign_in_new(Role.CITIZEN)

    assert client.post(f"/commission/petitions/{filed.id}/register").status_code == 403
    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.FILED


def test_a_refusal_without_a_reason_changes_nothing(client, filed, auth):
    auth.sign_in_new(Role.COMMISSION, petition=filed)

    client.post(f"/commission/petitions/{filed.id}/refuse", data={"reason": "", "comment": "x"})

    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.FILED


def test_the_audit_entry_of_a_registration_shows_the_state_before_and_after(filed):
    officer = officer_of(filed)

    register_petition(filed.id, officer.id, now=NOW)

    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "petition.status_changed")
    )
    before, after = entry.details["before"], entry.details["after"]
    assert (before["status"], before["closes_at"], before["signatures_required"]) == (
        "filed",
        None,
        None,
    )
    assert after["status"] == "collecting" and after["signatures_required"] == 200
    assert after["closes_at"].startswith("2027-01-08")
    assert entry.details["reason"] == "registered" and entry.actor_id == officer.id


def test_an_officer_of_another_body_cannot_decide_and_nothing_changes(filed):
    outsider = make_officer(bodies=[make_body()])
    citizen = make_user(role=Role.CITIZEN)
    db.session.commit()

    with pytest.raises(PetitionError, match="outside your assignments"):
        register_petition(filed.id, outsider.id, now=NOW)
    with pytest.raises(PetitionError, match="outside your assignments"):
        refuse_petition(filed.id, outsider.id, reason="other", comment="", now=NOW)
    with pytest.raises(PetitionError, match="Only commission staff"):
        register_petition(filed.id, citizen.id, now=NOW)

    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.FILED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_an_officer_assigned_to_the_region_and_an_admin_may_decide(filed):
    regional = make_officer(regions=[filed.constituency.body.region])
    admin = make_user(role=Role.ADMIN)
    other = make_petition(status=S.FILED, filed_at=NOW - timedelta(days=1))
    make_snapshot(counts={other.constituency: 500}, active=False)
    db.session.commit()

    refuse_petition(filed.id, regional.id, reason="other", comment="", now=NOW)
    refuse_petition(other.id, admin.id, reason="other", comment="", now=NOW)

    db.session.expire_all()
    assert db.session.get(Petition, filed.id).status is S.REFUSED
    assert db.session.get(Petition, other.id).status is S.REFUSED
