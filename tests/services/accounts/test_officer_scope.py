"""Every commission use case that takes an officer id refuses an officer outside their scope,
and a user who is not commission staff, by itself (not only through the view's guard)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Certification, PaperSheet, Petition, Role, SampleItem
from app.rules.lifecycle import PetitionStatus as S
from app.services.accounts.officers import staff_in_scope
from app.services.certification import commands as certification
from app.services.certification import vote as recall_vote
from app.services.paper import batches as paper
from app.services.paper import keying as paper_keying
from app.services.review import bulk as review_bulk
from app.services.review import commands as review
from app.services.sampling import commands as sampling
from tests.factories import make_officer, make_petition, make_user
from tests.support.certification import (
    NOW,
    VOTING_DAY,
    add_signatures,
    certified,
    make_closed_petition,
)
from tests.support.paper import NOW as PAPER_NOW
from tests.support.paper import batch_of, line_of, paper_petition, signer

OUTSIDE = "outside your assignments"


def outsiders():
    """An officer of another body, and a citizen: neither may act on the petition."""
    elsewhere = make_petition()
    outsider = make_officer(bodies=[elsewhere.constituency.body])
    citizen = make_user(role=Role.CITIZEN)
    db.session.commit()
    return outsider, citizen


def audit_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))


def refused(call, error):
    before = audit_count()
    for officer in outsiders():
        with pytest.raises(error, match=OUTSIDE):
            call(officer.id)
        db.session.rollback()
    assert audit_count() == before


def test_staff_in_scope_admits_assigned_officers_and_admins_only(app):
    petition = make_petition()
    mine = make_officer(bodies=[petition.constituency.body])
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    assert staff_in_scope(mine.id, petition.id) == mine
    assert staff_in_scope(admin.id, petition.id) == admin
    outsider, citizen = outsiders()
    assert staff_in_scope(outsider.id, petition.id) is None
    assert staff_in_scope(citizen.id, petition.id) is None
    assert staff_in_scope(None, petition.id) is None


def test_review_decisions_refuse_an_officer_outside_the_scope(app):
    petition = make_closed_petition()
    [signature_id] = add_signatures(petition, 1)
    db.session.commit()
    decision = review.Decision(valid=False, reason="identity_disputed")

    refused(
        lambda officer: review.decide(petition.id, signature_id, officer, decision, now=NOW),
        review.ReviewError,
    )
    refused(
        lambda officer: review_bulk.decide_bulk(
            petition.id,
            review.ReviewFilter(everything=True),
            officer,
            decision,
            expected=1,
            now=NOW,
        ),
        review.ReviewError,
    )


def test_paper_use_cases_refuse_an_officer_outside_the_scope(app):
    petition, first, _ = paper_petition()
    batch_of(petition, first)
    sheet = db.session.scalar(sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id))
    voter = signer(petition)

    refused(
        lambda officer: paper.register_batch(
            petition.id,
            officer,
            collector="Someone",
            received_on=(petition.opened_at + timedelta(days=1)).date(),
            first_sheet=50,
            last_sheet=51,
            now=PAPER_NOW,
        ),
        paper.PaperError,
    )
    refused(
        lambda officer: paper_keying.key_sheet(
            petition.id, sheet.id, officer, [line_of(1, voter)], now=PAPER_NOW
        ),
        paper.PaperError,
    )
    assert db.session.get(PaperSheet, sheet.id).status.value == "registered"


def test_sampling_refuses_an_officer_outside_the_scope(app):
    petition = make_closed_petition(rule_set_code="ca-local", required=2)
    add_signatures(petition, 3)
    mine = make_officer(bodies=[petition.constituency.body])
    db.session.commit()

    refused(
        lambda officer: sampling.publish_seed(petition.id, officer, now=NOW), sampling.SamplingError
    )
    sampling.publish_seed(petition.id, mine.id, now=NOW)
    later = NOW + timedelta(minutes=5)
    refused(lambda officer: sampling.draw(petition.id, officer, now=later), sampling.SamplingError)
    sampling.draw(petition.id, mine.id, now=later)
    item = db.session.scalars(sa.select(SampleItem)).first()
    refused(
        lambda officer: sampling.record_verdict(
            petition.id, item.id, officer, verdict="valid", reason=None, now=later
        ),
        sampling.SamplingError,
    )


def test_certification_refuses_an_officer_outside_the_scope(app):
    closed = make_closed_petition(status=S.COLLECTION_CLOSED)
    petition = make_closed_petition(required=1)
    add_signatures(petition, 1)
    mine = make_officer(bodies=[petition.constituency.body])
    db.session.commit()

    refused(
        lambda officer: certification.start_verification(closed.id, officer, now=NOW),
        certification.CertificationError,
    )
    refused(
        lambda officer: certification.propose(
            petition.id, officer, result="sufficient", comment="", now=NOW
        ),
        certification.CertificationError,
    )
    proposal = certification.propose(petition.id, mine.id, result="sufficient", comment="", now=NOW)
    refused(
        lambda officer: certification.confirm(petition.id, proposal.id, officer, now=NOW),
        certification.CertificationError,
    )
    refused(
        lambda officer: certification.reject(
            petition.id, proposal.id, officer, reason="no", now=NOW
        ),
        certification.CertificationError,
    )
    assert db.session.get(Certification, proposal.id).decided_by_id is None
    assert db.session.get(Petition, closed.id).status is S.COLLECTION_CLOSED


def test_the_recall_vote_refuses_an_officer_outside_the_scope(app):
    petition, mine = certified()

    refused(
        lambda officer: recall_vote.schedule_vote(
            petition.id, officer, voting_day=VOTING_DAY, now=NOW
        ),
        recall_vote.CertificationError,
    )
    recall_vote.schedule_vote(petition.id, mine.id, voting_day=VOTING_DAY, now=NOW)
    refused(
        lambda officer: recall_vote.record_result(
            petition.id,
            officer,
            electorate=30,
            turnout=20,
            yes=15,
            no=5,
            now=NOW.replace(year=2027, month=3, day=15),
        ),
        recall_vote.CertificationError,
    )
    assert db.session.get(Petition, petition.id).status is S.VOTE_SCHEDULED
