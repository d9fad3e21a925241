"""The recall vote: scheduled within the rule set's period, decided by quorum and majority."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Deputy, DeputyStatus, Petition, RecallVote, VoteResult
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification.queries import vote_deadline
from app.services.certification.vote import VoteError, record_result, schedule_vote
from tests.support.certification import (
    NOW,
    VOTING_DAY,
    certified,
    make_closed_petition,
    two_officers,
)

AFTER_VOTE = datetime(2027, 3, 15, 6, tzinfo=UTC)


@pytest.fixture
def scheduled(app):
    petition, officer = certified()
    schedule_vote(petition.id, officer.id, voting_day=VOTING_DAY, now=NOW)
    return petition, officer


def test_the_vote_is_scheduled_within_the_rule_sets_period(app):
    petition, officer = certified()
    # kz-maslikhat-2023: 60 calendar days from certification (1 February 2027).
    assert vote_deadline(petition) == date(2027, 4, 2)

    with pytest.raises(VoteError, match="by 2027-04-02"):
        schedule_vote(petition.id, officer.id, voting_day=date(2027, 4, 3), now=NOW)
    with pytest.raises(VoteError, match="after today"):
        schedule_vote(petition.id, officer.id, voting_day=date(2027, 2, 1), now=NOW)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecallVote)) == 0

    schedule_vote(petition.id, officer.id, voting_day=date(2027, 4, 2), now=NOW)

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.VOTE_SCHEDULED
    with pytest.raises(VoteError, match="certified sufficient"):
        schedule_vote(petition.id, officer.id, voting_day=date(2027, 4, 1), now=NOW)


@pytest.mark.parametrize(
    ("electorate", "turnout", "yes", "no", "result"),
    [
        (3_000, 1_000, 501, 499, VoteResult.RECALLED),  # a third took part, more than half yes
        (3_000, 1_000, 500, 500, VoteResult.RETAINED),  # exactly half is not more than half
        (3_000, 999, 999, 0, VoteResult.RETAINED),  # below a third: the vote is not valid
    ],
)
def test_the_kazakh_quorum_and_majority_decide(scheduled, electorate, turnout, yes, no, result):
    petition, officer = scheduled

    vote = record_result(
        petition.id,
        officer.id,
        electorate=electorate,
        turnout=turnout,
        yes=yes,
        no=no,
        now=AFTER_VOTE,
    )

    assert vote.result is result
    db.session.expire_all()
    petition = db.session.get(Petition, petition.id)
    deputy = db.session.get(Deputy, petition.deputy_id)
    if result is VoteResult.RECALLED:
        assert petition.status is S.RECALLED
        assert (deputy.status, deputy.mandate_end) == (DeputyStatus.RECALLED, date(2027, 3, 15))
    else:
        assert petition.status is S.RETAINED and deputy.status is DeputyStatus.SERVING
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "vote.recorded"))
    assert entry.details["after"]["result"] == result.value


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"electorate": 100, "turnout": -1, "yes": 0, "no": 0}, "negative"),
        ({"electorate": 0, "turnout": 0, "yes": 0, "no": 0}, "at least one voter"),
        ({"electorate": 100, "turnout": 101, "yes": 0, "no": 0}, "turnout cannot exceed"),
        ({"electorate": 100, "turnout": 50, "yes": 30, "no": 21}, "together cannot exceed"),
    ],
)
def test_impossible_figures_are_refused_and_change_nothing(scheduled, figures, message):
    petition, officer = scheduled

    with pytest.raises(VoteError, match=message):
        record_result(petition.id, officer.id, now=AFTER_VOTE, **figures)

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.VOTE_SCHEDULED
    assert db.session.scalar(sa.select(RecallVote.result)) is None


def test_the_result_waits_for_the_voting_day_and_is_recorded_once(scheduled):
    petition, officer = scheduled
    figures = {"electorate": 300, "turnout": 200, "yes": 150, "no": 50}

    with pytest.raises(VoteError, match="from the voting day"):
        record_result(petition.id, officer.id, now=NOW, **figures)
    record_result(petition.id, officer.id, now=AFTER_VOTE, **figures)
    with pytest.raises(VoteError, match="No recall vote is waiting"):
        record_result(petition.id, officer.id, now=AFTER_VOTE, **figures)


def test_a_vacating_rule_set_has_no_vote(app):
    petition = make_closed_petition(rule_set_code="uk-2015")
    officer, _ = two_officers(petition)
    db.session.commit()
    with pytest.raises(VoteError, match="vacates the seat"):
        schedule_vote(petition.id, officer.id, voting_day=VOTING_DAY, now=NOW)
