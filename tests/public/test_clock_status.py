"""Pages derive the status from the clock: past its deadline a petition reads closed at once,
whether or not ``recall tick`` has run (nothing here runs it)."""

from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import Role
from app.rules.lifecycle import PetitionStatus as S
from app.services.pauses.commands import start_pause
from tests.factories import make_collecting_petition, make_user
from tests.support import pages

MINUTE = timedelta(minutes=1)


def frozen(monkeypatch, module: str, at: datetime) -> None:
    """Make ``datetime.now`` in ``module`` return ``at``."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return at if tz is None else at.astimezone(tz)

    monkeypatch.setattr(f"{module}.datetime", Frozen)


@pytest.fixture
def petition(app):
    return make_collecting_petition()


def test_the_petition_page_reads_collecting_before_the_deadline_and_closed_after(
    client, petition, monkeypatch
):
    frozen(monkeypatch, "app.public.routes", petition.closes_at - MINUTE)
    before = pages.get(client, f"/petitions/{petition.id}")
    frozen(monkeypatch, "app.public.routes", petition.closes_at + MINUTE)
    after = pages.get(client, f"/petitions/{petition.id}")

    assert "Collecting signatures" in before and "1 minute 0 seconds left" in before
    assert "Collecting signatures" not in after and ">Collection has closed.</p>" in after
    db.session.expire_all()
    assert petition.status is S.COLLECTING  # the clock did not run


def test_the_collecting_filter_leaves_out_a_petition_past_its_deadline(
    client, petition, monkeypatch
):
    frozen(monkeypatch, "app.public.routes", petition.closes_at - MINUTE)
    before = pages.get(client, "/petitions?status=collecting")
    frozen(monkeypatch, "app.public.routes", petition.closes_at)
    after = pages.get(client, "/petitions?status=collecting")
    closed = pages.get(client, "/petitions?status=collection_closed")

    link = f"/petitions/{petition.id}"
    assert link in before and link not in after and link in closed


def test_the_api_reports_the_status_of_the_clock(client, petition, monkeypatch):
    frozen(monkeypatch, "app.api.routes", petition.closes_at + MINUTE)

    assert (
        client.get(f"/api/v1/petitions/{petition.id}").get_json()["status"] == "collection_closed"
    )
    [listed] = client.get("/api/v1/petitions").get_json()
    assert listed["status"] == "collection_closed"
    assert client.get("/api/v1/petitions?status=collecting").get_json() == []


def test_an_extending_pause_keeps_the_page_collecting_and_says_why(client, petition, monkeypatch):
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    start_pause(admin.id, "Register link outage", now=petition.closes_at - MINUTE)
    frozen(monkeypatch, "app.public.routes", petition.closes_at + MINUTE)

    page = pages.get(client, f"/petitions/{petition.id}")
    listed = pages.get(client, "/petitions?status=collecting")

    assert "Collecting signatures" in page
    assert "Signing is paused" in page and "Register link outage" in page
    assert f"/petitions/{petition.id}" in listed


def test_the_commission_list_and_page_read_the_clock(client, petition, monkeypatch, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    frozen(monkeypatch, "app.commission.routes", petition.closes_at + MINUTE)

    listing = pages.get(client, "/commission/petitions")
    page = pages.get(client, f"/commission/petitions/{petition.id}")

    assert "Collection closed" in listing and "Collecting signatures" not in listing
    assert "Collection closed" in page


def test_my_signatures_reads_the_clock(client, petition, monkeypatch, auth):
    from app.services.signing.commands import sign_petition
    from tests.support.citizen import citizen_of

    citizen = citizen_of(petition.constituency)
    db.session.commit()
    sign_petition(petition.id, citizen.id, now=petition.opened_at + MINUTE)
    auth.sign_in(citizen)
    frozen(monkeypatch, "app.citizen.signing_views", petition.closes_at + MINUTE)

    page = pages.get(client, "/account/signatures")

    assert "Collection closed" in page and "Collecting signatures" not in page
