"""The certification page: verification, two officers for the result, and the recall vote."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Certification, DeputyStatus, Petition, RecallVote, Role
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_officer
from tests.support import pages
from tests.support.certification import add_signatures, make_closed_petition


@pytest.fixture
def verifying(app):
    petition = make_closed_petition(required=2)
    add_signatures(petition, 3)
    db.session.commit()
    return petition


def page_of(client, petition):
    return pages.get(client, f"/commission/petitions/{petition.id}/certification")


def test_verification_starts_from_the_page(client, auth):
    petition = make_closed_petition(status=S.COLLECTION_CLOSED)
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    assert "Start verification" in page_of(client, petition)

    client.post(f"/commission/petitions/{petition.id}/certification/start")

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.VERIFICATION


def test_one_officer_proposes_and_another_confirms(client, verifying, auth):
    body = verifying.constituency.body
    first, second = make_officer(bodies=[body]), make_officer(bodies=[body])
    db.session.commit()
    base = f"/commission/petitions/{verifying.id}/certification"

    auth.sign_in(first)
    client.post(f"{base}/propose", data={"result": "sufficient", "comment": "3 of 2"})
    proposal = db.session.scalar(sa.select(Certification))
    client.post(f"{base}/{proposal.id}/confirm")
    page = page_of(client, verifying)
    assert "a different officer must confirm" in page
    db.session.expire_all()
    assert db.session.get(Petition, verifying.id).status is S.VERIFICATION

    auth.sign_in(second)
    client.post(f"{base}/{proposal.id}/confirm")

    db.session.expire_all()
    assert db.session.get(Petition, verifying.id).status is S.SUFFICIENT
    assert "Schedule the recall vote" in page_of(client, verifying)


def test_a_rejection_without_a_reason_is_explained(client, verifying, auth):
    body = verifying.constituency.body
    first, second = make_officer(bodies=[body]), make_officer(bodies=[body])
    db.session.commit()
    base = f"/commission/petitions/{verifying.id}/certification"
    auth.sign_in(first)
    client.post(f"{base}/propose", data={"result": "sufficient"})
    proposal = db.session.scalar(sa.select(Certification))

    auth.sign_in(second)
    client.post(f"{base}/{proposal.id}/reject", data={"reason": ""})

    assert "Why the proposal is rejected" in page_of(client, verifying)
    db.session.expire_all()
    assert db.session.get(Certification, proposal.id).status.value == "proposed"


def test_a_proposal_of_another_petition_is_not_found(client, verifying, auth):
    other = make_closed_petition(required=1)
    add_signatures(other, 1)
    officer = make_officer(bodies=[verifying.constituency.body, other.constituency.body])
    db.session.commit()
    auth.sign_in(officer)
    client.post(
        f"/commission/petitions/{other.id}/certification/propose", data={"result": "sufficient"}
    )
    foreign = db.session.scalar(sa.select(Certification))

    response = client.post(
        f"/commission/petitions/{verifying.id}/certification/{foreign.id}/confirm"
    )

    assert response.status_code == 404


@pytest.fixture
def sufficient(app):
    petition = make_closed_petition(status=S.SUFFICIENT, required=2)
    petition.certified_at = datetime.now(UTC) - timedelta(days=1)
    db.session.commit()
    return petition


def test_the_vote_is_scheduled_and_its_result_recorded(client, sufficient, auth):
    auth.sign_in_new(Role.COMMISSION, petition=sufficient)
    day = date.today() + timedelta(days=10)
    client.post(
        f"/commission/petitions/{sufficient.id}/vote/schedule", data={"voting_day": day.isoformat()}
    )
    db.session.expire_all()
    assert db.session.get(Petition, sufficient.id).status is S.VOTE_SCHEDULED
    vote = db.session.scalar(sa.select(RecallVote))
    vote.voting_day = date.today() - timedelta(days=1)  # the day has come
    db.session.commit()

    client.post(
        f"/commission/petitions/{sufficient.id}/vote/result",
        data={"electorate": "3000", "turnout": "1200", "yes": "700", "no": "480"},
    )

    db.session.expire_all()
    petition = db.session.get(Petition, sufficient.id)
    assert petition.status is S.RECALLED
    assert petition.deputy.status is DeputyStatus.RECALLED
    assert "Deputy recalled" in page_of(client, petition)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"electorate": "3000", "turnout": "-5", "yes": "0", "no": "0"}, "between 0 and"),
        ({"electorate": "lots", "turnout": "5", "yes": "0", "no": "0"}, "Not a valid integer"),
        ({"electorate": "3000", "turnout": "", "yes": "0", "no": "0"}, "Voters who took part"),
        ({"electorate": "100", "turnout": "200", "yes": "0", "no": "0"}, "cannot exceed"),
        # Beyond the integer column: was a 500 (overflow) instead of an explanation.
        ({"electorate": str(2**31), "turnout": "0", "yes": "0", "no": "0"}, "between 0 and"),
        ({"electorate": "9" * 20, "turnout": "0", "yes": "0", "no": "0"}, "between 0 and"),
    ],
)
def test_bad_vote_figures_are_explained_and_change_nothing(client, sufficient, data, message, auth):
    officer = auth.sign_in_new(Role.COMMISSION, petition=sufficient)
    yesterday = date.today() - timedelta(days=1)
    db.session.add(
        RecallVote(petition_id=sufficient.id, voting_day=yesterday, scheduled_by_id=officer.id)
    )
    sufficient.status = S.VOTE_SCHEDULED
    db.session.commit()

    response = client.post(f"/commission/petitions/{sufficient.id}/vote/result", data=data)

    assert response.status_code == 302
    assert message in page_of(client, sufficient)
    db.session.expire_all()
    assert db.session.get(Petition, sufficient.id).status is S.VOTE_SCHEDULED
    assert db.session.scalar(sa.select(RecallVote.result)) is None


def test_a_bad_voting_day_is_explained(client, sufficient, auth):
    auth.sign_in_new(Role.COMMISSION, petition=sufficient)

    client.post(f"/commission/petitions/{sufficient.id}/vote/schedule", data={"voting_day": "soon"})

    assert "Voting day" in page_of(client, sufficient)
    db.session.expire_all()
    assert db.session.get(Petition, sufficient.id).status is S.SUFFICIENT
