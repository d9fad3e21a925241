"""Every page showing a petition's status shows it as of now: past its deadline a collection reads
closed even before the clock has run (``petitions.status.shown_status``), and the commission can
start verifying it at once."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Petition
from app.rules.lifecycle import PetitionStatus as S
from app.services.initiative.common import token_hash
from tests.factories import (
    make_member,
    make_officer,
    make_petition,
    make_verified_citizen,
    make_voter,
)
from tests.support import pages
from tests.support.citizen import seat

TOKEN = "invitation-secret-of-the-test"
CLOSED = "Collection closed"
OPEN = "Collecting signatures"


@pytest.fixture
def overdue(app) -> Petition:
    """A collection whose deadline passed ten days ago; the clock has not run since."""
    now = datetime.now(UTC)
    petition = make_petition(
        deputy=seat(),
        status=S.COLLECTING,
        signatures_required=100,
        electorate=1_000,
        filed_at=now - timedelta(days=50),
        opened_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        invite_token_hash=token_hash(TOKEN),
    )
    db.session.commit()
    return petition


def status_row(html: str) -> str:
    """The summary's status line (partials/_petition_summary.html)."""
    start = html.index("<dt>Status</dt>")
    return html[start : html.index("</div>", start)]


def test_the_public_deputy_page_lists_the_petition_as_closed(client, overdue):
    html = pages.get(client, f"/deputies/{overdue.deputy_id}")

    assert f"{CLOSED}</span>" in html and OPEN not in html


def test_the_voters_page_and_the_initiators_pages_read_closed(client, overdue, auth):
    user = make_verified_citizen(make_voter(constituency=overdue.constituency))
    make_member(petition=overdue, user=user, role="initiator")
    db.session.commit()
    auth.sign_in(user)

    voter = pages.get(client, "/account/voter")
    group = pages.get(client, f"/petitions/{overdue.id}/group")
    join = pages.get(client, f"/petitions/{overdue.id}/join/{TOKEN}")

    badge = f'<span class="badge badge--status badge--petition-collection_closed">{CLOSED}</span>'
    assert voter.count(badge) == 2  # deputy's, mine
    assert OPEN not in voter
    for html in (group, join):
        assert CLOSED in status_row(html) and OPEN not in html


def test_the_commission_pages_read_closed_and_offer_verification(client, overdue, auth):
    officer = make_officer(bodies=[overdue.constituency.body])
    db.session.commit()
    auth.sign_in(officer)
    base = f"/commission/petitions/{overdue.id}"

    shown = {name: pages.get(client, base + name) for name in ("", "/certification", "/sampling")}

    for html in shown.values():
        assert CLOSED in status_row(html) and OPEN not in html
    assert "Collection is closed: verification can start." in shown[""]
    assert "Start verification" in shown["/certification"]


def test_starting_verification_after_the_deadline_closes_the_collection_first(
    client, overdue, auth
):
    officer = make_officer(bodies=[overdue.constituency.body])
    db.session.commit()
    auth.sign_in(officer)

    client.post(f"/commission/petitions/{overdue.id}/certification/start")

    db.session.expire_all()
    petition = db.session.get(Petition, overdue.id)
    assert petition.status is S.VERIFICATION and petition.closed_at == petition.closes_at
    reasons = db.session.scalars(
        sa.select(AuditEntry.details).where(AuditEntry.action == "petition.status_changed")
    ).all()
    assert [details["reason"] for details in reasons] == ["deadline", "verification started"]
