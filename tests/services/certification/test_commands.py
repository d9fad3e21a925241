"""Certification: one officer proposes the result, a different officer confirms it."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    AuditEntry,
    Certification,
    Deputy,
    DeputyStatus,
    Petition,
    ProposalStatus,
    Signature,
    SignatureStatus,
)
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification.commands import (
    CertificationError,
    confirm,
    propose,
    reject,
    start_verification,
)
from app.services.certification.queries import current_figures
from tests.support.certification import NOW, add_signatures, make_closed_petition, two_officers


def test_starting_verification_needs_a_closed_collection(app):
    petition = make_closed_petition(status=S.COLLECTION_CLOSED)
    officer, _ = two_officers(petition)
    db.session.commit()

    start_verification(petition.id, officer.id, now=NOW)

    assert db.session.get(Petition, petition.id).status is S.VERIFICATION
    with pytest.raises(CertificationError, match="collection is closed"):
        start_verification(petition.id, officer.id, now=NOW)


def test_past_its_deadline_a_collection_is_closed_as_the_clock_would_then_verified(app):
    # The clock has not run: the stored status is still collecting, two weeks after the deadline.
    petition = make_closed_petition(status=S.COLLECTING)
    petition.closed_at = None
    officer, _ = two_officers(petition)
    db.session.commit()

    start_verification(petition.id, officer.id, now=NOW)

    db.session.expire_all()
    found = db.session.get(Petition, petition.id)
    assert found.status is S.VERIFICATION and found.closed_at == found.closes_at
    changes = db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.action == "petition.status_changed")
        .order_by(AuditEntry.seq)
    ).all()
    assert [(e.details["from"], e.details["to"], e.details["reason"]) for e in changes] == [
        ("collecting", "collection_closed", "deadline"),
        ("collection_closed", "verification", "verification started"),
    ]
    assert changes[0].actor_id is None and changes[0].actor_label == "cli"
    assert changes[0].details["at"] == found.closes_at.isoformat()
    assert changes[1].actor_id == officer.id


def test_before_its_deadline_a_collection_cannot_be_verified(app):
    petition = make_closed_petition(status=S.COLLECTING)
    petition.closed_at = None
    officer, _ = two_officers(petition)
    db.session.commit()

    with pytest.raises(CertificationError, match="collection is closed"):
        start_verification(petition.id, officer.id, now=petition.closes_at - timedelta(minutes=1))

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.COLLECTING


def test_two_different_officers_are_needed_to_certify(app):
    petition = make_closed_petition(required=3)
    add_signatures(petition, 4)
    proposer, confirmer = two_officers(petition)
    db.session.commit()

    proposal = propose(petition.id, proposer.id, result="sufficient", comment="4 of 3", now=NOW)
    assert (proposal.valid_signatures, proposal.signatures_required) == (4, 3)
    assert proposal.method == "full_count"

    with pytest.raises(CertificationError, match="different officer"):
        confirm(petition.id, proposal.id, proposer.id, now=NOW)
    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.VERIFICATION
    assert db.session.get(Certification, proposal.id).status is ProposalStatus.PROPOSED

    confirm(petition.id, proposal.id, confirmer.id, now=NOW)

    db.session.expire_all()
    petition = db.session.get(Petition, petition.id)
    assert petition.status is S.SUFFICIENT and petition.certified_at is not None
    certification = db.session.get(Certification, proposal.id)
    assert certification.status is ProposalStatus.CONFIRMED
    assert certification.decided_by_id == confirmer.id
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-3:] == [
        "certification.proposed",
        "certification.confirmed",
        "petition.status_changed",
    ]


def test_the_database_refuses_a_self_confirmed_proposal(app):
    petition = make_closed_petition()
    add_signatures(petition, 3)
    proposer, _ = two_officers(petition)
    db.session.commit()
    proposal = propose(petition.id, proposer.id, result="sufficient", comment="", now=NOW)

    proposal.status, proposal.decided_by_id = ProposalStatus.CONFIRMED, proposer.id
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_rejection_gives_its_reason_and_allows_a_new_proposal(app):
    petition = make_closed_petition(required=3)
    add_signatures(petition, 2)
    first, second = two_officers(petition)
    db.session.commit()
    proposal = propose(petition.id, first.id, result="insufficient", comment="", now=NOW)

    with pytest.raises(CertificationError, match="already proposed"):
        propose(petition.id, second.id, result="insufficient", comment="", now=NOW)
    with pytest.raises(CertificationError, match="Say why"):
        reject(petition.id, proposal.id, second.id, reason="  ", now=NOW)
    reject(petition.id, proposal.id, second.id, reason="Sheet 4 not yet keyed", now=NOW)

    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "certification.rejected")
    )
    assert entry.details["reason"] == "Sheet 4 not yet keyed"
    assert entry.details["before"]["status"] == "proposed"
    again = propose(petition.id, second.id, result="insufficient", comment="", now=NOW)
    confirm(petition.id, again.id, first.id, now=NOW)
    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.INSUFFICIENT


def test_a_proposal_must_agree_with_the_figures_and_waits_for_pending_reviews(app):
    petition = make_closed_petition(required=3)
    add_signatures(petition, 3)
    pending = add_signatures(petition, 1, status=SignatureStatus.PENDING)
    officer, _ = two_officers(petition)
    db.session.commit()

    with pytest.raises(CertificationError, match="1 signatures still wait"):
        propose(petition.id, officer.id, result="sufficient", comment="", now=NOW)
    db.session.get(Signature, pending[0]).status = SignatureStatus.INVALID
    db.session.commit()
    with pytest.raises(CertificationError, match="3 valid of 3 required"):
        propose(petition.id, officer.id, result="insufficient", comment="", now=NOW)
    with pytest.raises(CertificationError, match="sufficient or insufficient"):
        propose(petition.id, officer.id, result="maybe", comment="", now=NOW)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Certification)) == 0
    assert current_figures(db.session.get(Petition, petition.id)).valid == 3


@pytest.mark.parametrize("code", ["uk-2015", "bc-1996"])
def test_a_sufficient_petition_vacates_the_seat_where_the_rules_say_so(app, code):
    petition = make_closed_petition(rule_set_code=code, required=2)
    add_signatures(petition, 2)
    proposer, confirmer = two_officers(petition)
    db.session.commit()

    afternoon = datetime(2027, 2, 1, 18, 0, tzinfo=UTC)  # 1 February in London and Victoria
    proposal = propose(petition.id, proposer.id, result="sufficient", comment="", now=afternoon)
    confirm(petition.id, proposal.id, confirmer.id, now=afternoon)

    db.session.expire_all()
    petition = db.session.get(Petition, petition.id)
    assert petition.status is S.SEAT_VACATED
    deputy = db.session.get(Deputy, petition.deputy_id)
    assert deputy.status is DeputyStatus.RECALLED
    assert deputy.mandate_end == date(2027, 2, 1)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "deputy.recalled"))
    assert entry.details["before"]["status"] == "serving"


def test_an_insufficient_petition_leaves_the_seat_alone(app):
    petition = make_closed_petition(rule_set_code="uk-2015", required=2)
    add_signatures(petition, 1)
    proposer, confirmer = two_officers(petition)
    db.session.commit()

    proposal = propose(petition.id, proposer.id, result="insufficient", comment="", now=NOW)
    confirm(petition.id, proposal.id, confirmer.id, now=NOW + timedelta(hours=1))

    db.session.expire_all()
    petition = db.session.get(Petition, petition.id)
    assert petition.status is S.INSUFFICIENT
    assert db.session.get(Deputy, petition.deputy_id).status is DeputyStatus.SERVING


def test_a_proposal_whose_figures_changed_since_cannot_be_confirmed(app):
    """A review decision after the proposal changes the count: the confirmation is refused, so
    that the certified figures are the real ones; a rejection and a new proposal follow."""
    from app.services.review.commands import Decision, decide

    petition = make_closed_petition(required=3)
    ids = add_signatures(petition, 3)
    proposer, confirmer = two_officers(petition)
    db.session.commit()
    proposal = propose(petition.id, proposer.id, result="sufficient", comment="", now=NOW)
    decide(
        petition.id,
        ids[0],
        proposer.id,
        Decision(valid=False, reason="identity_disputed"),
        now=NOW,
    )

    with pytest.raises(CertificationError, match="figures changed"):
        confirm(petition.id, proposal.id, confirmer.id, now=NOW)

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.VERIFICATION
    assert db.session.get(Certification, proposal.id).status is ProposalStatus.PROPOSED
    reject(petition.id, proposal.id, confirmer.id, reason="count changed", now=NOW)
    again = propose(petition.id, proposer.id, result="insufficient", comment="", now=NOW)
    confirm(petition.id, again.id, confirmer.id, now=NOW)
    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.INSUFFICIENT
