"""Published outcomes and paused signing on the public petition page and in the API."""

from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.models import (
    Certification,
    CertifiedResult,
    ProposalStatus,
    RecallVote,
    Role,
    VoteResult,
)
from app.rules.lifecycle import PetitionStatus as S
from app.services.pauses.commands import start_pause
from tests.factories import make_officer, make_petition, make_signature, make_user
from tests.support import pages

CERTIFIED = datetime(2026, 10, 1, 6, tzinfo=UTC)


def voted(result: VoteResult, *, electorate=2_000, turnout=900, yes=600, no=280):
    petition = make_petition(
        status=S(result.value),
        opened_at=CERTIFIED - timedelta(days=40),
        closes_at=CERTIFIED - timedelta(days=10),
        closed_at=CERTIFIED - timedelta(days=10),
        certified_at=CERTIFIED,
        electorate=electorate,
        signatures_required=200,
    )
    officer = make_officer()
    db.session.add(
        RecallVote(
            petition_id=petition.id,
            voting_day=date(2026, 11, 15),
            scheduled_by_id=officer.id,
            electorate=electorate,
            turnout=turnout,
            yes_votes=yes,
            no_votes=no,
            result=result,
            recorded_by_id=officer.id,
            recorded_at=datetime(2026, 11, 16, 5, tzinfo=UTC),
        )
    )
    db.session.commit()
    return petition


def test_a_recorded_vote_result_is_published_on_the_page_and_in_the_api(client):
    petition = voted(VoteResult.RECALLED)

    page = pages.get(client, f"/petitions/{petition.id}")
    api = client.get(f"/api/v1/petitions/{petition.id}").get_json()

    result = page.one("#petition-result")
    assert result["data-outcome"] == "recalled" and "The deputy is recalled." in result.text
    figures = {dd["data-figure"]: dd.get_text(strip=True) for dd in result.select("[data-figure]")}
    assert figures == {"electorate": "2,000", "turnout": "900 (45%)", "yes": "600", "no": "280"}
    assert api["result"] == {
        "kind": "vote",
        "voting_day": "2026-11-15",
        "electorate": 2000,
        "turnout": 900,
        "yes": 600,
        "no": 280,
        "valid": True,
        "outcome": "recalled",
        "recorded_at": "2026-11-16T10:00:00+05:00",
    }


def test_a_vote_without_quorum_is_published_as_not_valid_and_the_deputy_retained(client):
    petition = voted(VoteResult.RETAINED, turnout=500, yes=400, no=90)

    page = pages.get(client, f"/petitions/{petition.id}")
    api = client.get(f"/api/v1/petitions/{petition.id}").get_json()

    assert (api["result"]["valid"], api["result"]["outcome"]) == (False, "retained")
    assert "The vote was not valid" in page.one("#petition-result").text


def test_the_calendar_shows_the_day_the_vote_was_held_and_no_sign_box_is_offered(client):
    petition = voted(VoteResult.RECALLED)

    page = pages.get(client, f"/petitions/{petition.id}")

    assert page.one("#vote-day")["datetime"] == "2026-11-15"
    assert "15 November 2026" in page.one("#vote-day").text
    assert not page.select(".sign-box")


def test_a_petition_vacating_the_seat_without_a_vote_publishes_that_outcome(client):
    petition = make_petition(
        status=S.SEAT_VACATED,
        rule_set_code="uk-2015",
        certified_at=CERTIFIED,
        electorate=600,
        signatures_required=60,
    )
    proposer, confirmer = make_officer(), make_officer()
    db.session.add(
        Certification(
            petition_id=petition.id,
            result=CertifiedResult.SUFFICIENT,
            status=ProposalStatus.CONFIRMED,
            valid_signatures=75,
            signatures_required=60,
            method="full_count",
            proposed_by_id=proposer.id,
            decided_by_id=confirmer.id,
            decided_at=CERTIFIED,
        )
    )
    db.session.commit()

    page = pages.get(client, f"/petitions/{petition.id}")
    api = client.get(f"/api/v1/petitions/{petition.id}").get_json()

    assert api["result"] == {
        "kind": "petition",
        "outcome": "seat_vacated",
        "valid_signatures": 75,
        "signatures_required": 60,
        "certified_at": "2026-10-01T07:00:00+01:00",
    }
    assert page.one("#petition-result")["data-outcome"] == "seat_vacated"


def test_a_petition_still_collecting_has_no_result(client):
    petition = make_petition(status=S.FILED)
    db.session.commit()

    assert client.get(f"/api/v1/petitions/{petition.id}").get_json()["result"] is None
    assert not pages.get(client, f"/petitions/{petition.id}").select("#petition-result")


def test_a_paused_petition_says_why_and_since_when_and_offers_no_signing(client):
    now = datetime.now(UTC)
    petition = make_petition(
        status=S.COLLECTING,
        opened_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=20),
        electorate=600,
        signatures_required=60,
    )
    make_signature(petition)
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    start_pause(admin.id, "Register link outage", now=now - timedelta(hours=1))

    page = pages.get(client, f"/petitions/{petition.id}")

    notice = page.one("#pause-notice").text
    assert "Signing is paused" in notice and "Register link outage" in notice
    assert page.one("#pause-notice time")["datetime"]
    assert not page.select(".sign-box") and not page.select("form[action$='/sign']")
    assert "can sign online" not in page
    assert not page.select("[data-countdown-for]")
    countdown = page.one("#countdown-paused").text
    assert "the deadline moves later by the length of the pause" in countdown


def test_the_site_icon_is_served_where_browsers_look_for_it(client):
    answer = client.get("/favicon.ico")

    assert answer.status_code == 200 and answer.mimetype == "image/vnd.microsoft.icon"
    assert answer.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").get_data(as_text=True)
