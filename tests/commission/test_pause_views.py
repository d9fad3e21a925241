"""The admin's pause page: start a pause (site-wide or one petition), end it; admins only."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, DeadlineExtension, Pause, Petition, Role
from tests.factories import make_collecting_petition
from tests.support import pages


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def petition(app):
    return make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))


@pytest.fixture
def admin_client(client, petition, auth):
    auth.sign_in_new(Role.ADMIN)
    return client


def test_the_page_offers_the_site_and_each_collecting_petition(admin_client, petition):
    page = pages.get(admin_client, "/commission/admin/pauses")

    assert 'value="site"' in page and f'value="petition-{petition.id}"' in page
    assert "Signing has never been paused." in page


def test_an_admin_pauses_a_petition_and_ends_the_pause(admin_client, petition):
    deadline = petition.closes_at
    response = admin_client.post(
        "/commission/admin/pauses",
        data={"scope": f"petition-{petition.id}", "reason": "Court order No. 12"},
    )
    assert response.status_code == 302
    [pause] = db.session.scalars(sa.select(Pause)).all()
    assert (pause.petition_id, pause.reason, pause.ended_at) == (
        petition.id,
        "Court order No. 12",
        None,
    )
    public = pages.get(admin_client, f"/petitions/{petition.id}")
    assert "Signing is paused." in public and "Court order No. 12" in public

    response = admin_client.post(f"/commission/admin/pauses/{pause.id}/end", follow_redirects=True)

    assert "Pause ended." in pages.read(response)
    db.session.expire_all()
    assert db.session.get(Pause, pause.id).ended_at is not None
    assert db.session.get(Petition, petition.id).closes_at > deadline
    assert count(DeadlineExtension) == 1


def test_a_site_wide_pause_is_started_from_the_page(admin_client):
    admin_client.post("/commission/admin/pauses", data={"scope": "site", "reason": "Outage"})

    [pause] = db.session.scalars(sa.select(Pause)).all()
    assert pause.petition_id is None and pause.scope_key == "site"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"scope": "site"},
        {"scope": "site", "reason": "shrt"},
        {"scope": "site", "reason": "x" * 1001},
        {"scope": "petition-99999", "reason": "Court order"},
        {"scope": "petition-abc", "reason": "Court order"},
        {"scope": "1' OR '1'='1", "reason": "Court order"},
    ],
)
def test_garbage_starts_no_pause(admin_client, data):
    audit_before = count(AuditEntry)

    response = admin_client.post("/commission/admin/pauses", data=data)

    assert response.status_code == 400
    assert count(Pause) == 0 and count(AuditEntry) == audit_before


def test_ending_an_unknown_or_ended_pause_changes_nothing(admin_client):
    admin_client.post("/commission/admin/pauses", data={"scope": "site", "reason": "Outage"})
    [pause] = db.session.scalars(sa.select(Pause)).all()
    admin_client.post(f"/commission/admin/pauses/{pause.id}/end")
    audit_before = count(AuditEntry)

    again = admin_client.post(f"/commission/admin/pauses/{pause.id}/end", follow_redirects=True)
    unknown = admin_client.post("/commission/admin/pauses/99999/end")

    assert "This pause has already ended." in again.get_data(as_text=True)
    assert unknown.status_code == 302
    assert count(AuditEntry) == audit_before


@pytest.mark.parametrize("role", [Role.COMMISSION, Role.CITIZEN, Role.DEPUTY])
def test_only_admins_reach_the_pause_page(client, app, role, auth):
    auth.sign_in_new(role)

    assert client.get("/commission/admin/pauses").status_code == 403
    assert (
        client.post(
            "/commission/admin/pauses", data={"scope": "site", "reason": "Outage"}
        ).status_code
        == 403
    )
    assert count(Pause) == 0
