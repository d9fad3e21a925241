"""One count everywhere: a petition with signatures in every state shows the same valid count
(``data-valid-count``) on the home page, the list, its page, the deputy portal and the API,
and the mail's milestone comes from the same figure."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import PetitionEvent
from app.models import SignatureStatus as Sig
from app.rules.lifecycle import PetitionStatus as S
from app.services.clock import TickReport, record_milestones
from tests.factories import make_petition, make_signature
from tests.support import pages
from tests.support.deputy import make_deputy_account

#: 75 valid of 60 required: 125 %.
STATES = {Sig.VALID: 75, Sig.PENDING: 4, Sig.INVALID: 3, Sig.WITHDRAWN: 2}


@pytest.fixture
def petition(app):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    now = datetime.now(UTC)
    petition = make_petition(
        status=S.COLLECTING,
        opened_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=20),
        electorate=600,
        signatures_required=60,
    )
    for status, number in STATES.items():
        for _n in range(number):
            make_signature(petition, status=status, signed_at=now - timedelta(days=2))
    db.session.commit()
    return petition


def shown_counts(page: pages.Page) -> set[str]:
    return {element["data-valid-count"] for element in page.select("[data-valid-count]")}


def test_the_list_the_page_the_deputy_portal_and_the_api_show_the_same_valid_count(
    client, petition, auth
):
    home = pages.get(client, "/")
    listed = pages.get(client, "/petitions")
    public = pages.get(client, f"/petitions/{petition.id}")
    api_list = client.get("/api/v1/petitions").get_json()
    api_one = client.get(f"/api/v1/petitions/{petition.id}").get_json()
    auth.sign_in(make_deputy_account(petition))
    portal = pages.get(client, "/deputy/")
    portal_page = pages.get(client, f"/deputy/petitions/{petition.id}")

    for page in (home, listed, public, portal, portal_page):
        assert shown_counts(page) == {"75"}
    assert api_list[0]["signatures"]["toward_threshold"] == 75
    assert api_one["signatures"] == {
        "valid": 75,
        "pending": 4,
        "invalid": 3,
        "withdrawn": 2,
        "toward_threshold": 75,
        "percent": 125,
    }


def test_progress_past_the_required_number_is_shown_as_it_is(client, petition):
    listed = pages.get(client, "/petitions")
    public = pages.get(client, f"/petitions/{petition.id}")

    assert listed.one("[data-valid-count]").get_text(strip=True) == "75 of 60 — 125%"
    assert "75 of 60 valid signatures" in public.one("#progress-text").get_text()
    assert "125% of the required number" in public.one("#progress-percent").get_text()
    assert public.one("progress")["value"] == "100"


def test_the_milestone_mail_counts_the_same_valid_signatures(app, petition):
    record_milestones(datetime.now(UTC), TickReport(datetime.now(UTC)))

    said = db.session.scalars(
        sa.select(PetitionEvent.detail).where(
            PetitionEvent.petition_id == petition.id, PetitionEvent.dispatched_at.is_(None)
        )
    ).all()
    # 75 of 60 is past 100 %: the highest milestone is announced, the others recorded as said.
    assert said == ["100"]


def test_pending_signatures_do_not_count_anywhere_until_an_officer_accepts_them(client, app):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    petition = make_petition(status=S.COLLECTING, electorate=100, signatures_required=10)
    for status in (Sig.PENDING, Sig.PENDING, Sig.VALID):
        make_signature(petition, status=status)
    db.session.commit()

    assert shown_counts(pages.get(client, "/petitions")) == {"1"}
    assert shown_counts(pages.get(client, f"/petitions/{petition.id}")) == {"1"}
    api = client.get(f"/api/v1/petitions/{petition.id}").get_json()
    assert (api["signatures"]["toward_threshold"], api["signatures"]["pending"]) == (1, 2)
