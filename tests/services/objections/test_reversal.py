"""Objections after certification: taken until the recall vote is held; upholding one reverses
a certified input, so one officer proposes and a different officer confirms; the certified
count (and an insufficient result reaching the threshold) is corrected, audited and notified."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    AuditEntry,
    Certification,
    CertificationCorrection,
    CertifiedResult,
    Objection,
    ObjectionStatus,
    OutboxMessage,
    Petition,
    PetitionEvent,
    Signature,
    SignatureStatus,
)
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification.vote import schedule_vote
from app.services.notifications import dispatch_pending
from app.services.objections.commands import ObjectionError, decide_objection, object_by_receipt
from app.services.objections.reversal import confirm_uphold, reject_uphold
from tests.factories import make_member, make_user
from tests.support.certification import NOW

LATER = NOW + timedelta(hours=2)


def audit_of(action):
    return db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    ).all()


def certification_of(petition):
    return db.session.scalars(
        sa.select(Certification).where(Certification.petition_id == petition.id)
    ).one()


def objected(signature, now=LATER):
    return object_by_receipt(signature.receipt_code, "I am on the register.", user_id=None, now=now)


def test_after_certification_an_objection_is_taken_within_its_period(certified_case):
    petition, signature, _first, _second = certified_case()

    objection = objected(signature)

    assert petition.status is S.INSUFFICIENT
    assert objection.status is ObjectionStatus.OPEN


def test_after_its_period_the_objection_is_refused_though_certified(certified_case):
    _petition, signature, _first, _second = certified_case()

    with pytest.raises(ObjectionError, match="period for objecting"):
        objected(signature, now=NOW + timedelta(days=6))


def test_from_the_voting_day_no_objection_is_taken_though_its_period_runs(certified_case):
    petition, signature, first, _second = certified_case("sufficient")
    schedule_vote(petition.id, first.id, voting_day=date(2027, 2, 2), now=NOW)

    assert objected(signature).status is ObjectionStatus.OPEN  # the day before the vote
    with pytest.raises(ObjectionError, match="until the recall vote is held"):
        objected(signature, now=NOW + timedelta(days=1))
    with pytest.raises(ObjectionError, match="until the recall vote is held"):
        decide_objection(
            db.session.scalar(sa.select(Objection.id)),
            first.id,
            uphold=False,
            reason="No",
            now=NOW + timedelta(days=1),
        )


def test_one_officer_alone_only_proposes_the_uphold_and_nothing_counts_yet(certified_case):
    petition, signature, first, _second = certified_case()
    objection = objected(signature)

    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)

    objection = db.session.get(Objection, objection.id)
    assert objection.status is ObjectionStatus.PROPOSED_UPHOLD
    assert objection.proposed_by_id == first.id and objection.decided_by_id is None
    assert db.session.get(Signature, signature.id).status is SignatureStatus.INVALID
    assert certification_of(petition).valid_signatures == 2
    assert db.session.get(Petition, petition.id).status is S.INSUFFICIENT
    assert audit_of("objection.uphold_proposed")


def test_the_proposer_cannot_confirm_the_uphold_alone(certified_case):
    _petition, signature, first, _second = certified_case()
    objection = objected(signature)
    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)

    with pytest.raises(ObjectionError, match="different officer"):
        confirm_uphold(objection.id, first.id, now=LATER)
    with pytest.raises(ObjectionError, match="different officer"):
        reject_uphold(objection.id, first.id, reason="Changed my mind", now=LATER)
    with pytest.raises(ObjectionError, match="second officer"):
        decide_objection(objection.id, first.id, uphold=False, reason="No", now=LATER)
    assert db.session.get(Objection, objection.id).status is ObjectionStatus.PROPOSED_UPHOLD


def test_the_database_refuses_a_reversal_confirmed_by_its_proposer(certified_case):
    _petition, signature, first, _second = certified_case()
    objection = objected(signature)
    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)

    objection = db.session.get(Objection, objection.id)
    objection.status, objection.decided_by_id, objection.decided_at = (
        ObjectionStatus.UPHELD,
        first.id,
        LATER,
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_two_officers_reverse_an_insufficient_result_that_now_reaches_the_threshold(
    certified_case,
):
    petition, signature, first, second = certified_case()
    objection = objected(signature)
    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)

    confirm_uphold(objection.id, second.id, now=LATER)

    objection = db.session.get(Objection, objection.id)
    assert (objection.status, objection.proposed_by_id, objection.decided_by_id) == (
        ObjectionStatus.UPHELD,
        first.id,
        second.id,
    )
    assert db.session.get(Signature, signature.id).status is SignatureStatus.VALID
    certification = certification_of(petition)
    assert (certification.valid_signatures, certification.result) == (3, CertifiedResult.SUFFICIENT)
    assert db.session.get(Petition, petition.id).status is S.SUFFICIENT
    correction = db.session.scalars(sa.select(CertificationCorrection)).one()
    assert (correction.valid_before, correction.valid_after) == (2, 3)
    [entry] = audit_of("certification.corrected")
    assert entry.details["before"]["valid_signatures"] == 2
    assert entry.details["after"]["valid_signatures"] == 3
    assert entry.details["after"]["result"] == "sufficient"
    moves = [e.details["to"] for e in audit_of("petition.status_changed")]
    assert moves[-1] == "sufficient"
    details = set(db.session.scalars(sa.select(PetitionEvent.detail)))
    assert {f"objection:{objection.id}", f"correction:{objection.id}"} <= details


def test_a_sufficient_result_stays_sufficient_with_its_count_corrected(certified_case):
    petition, signature, first, second = certified_case("sufficient")
    objection = objected(signature)
    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)

    confirm_uphold(objection.id, second.id, now=LATER)

    certification = certification_of(petition)
    assert (certification.valid_signatures, certification.result) == (4, CertifiedResult.SUFFICIENT)
    assert db.session.get(Petition, petition.id).status is S.SUFFICIENT
    kinds = db.session.scalars(sa.select(PetitionEvent.detail)).all()
    assert f"correction:{objection.id}" not in kinds  # the result did not change


def test_the_signer_and_the_initiators_are_told_of_the_reversal(certified_case):
    petition, signature, first, second = certified_case()
    signer, initiator = make_user(), make_user()
    signature.user_id = signer.id
    make_member(petition=petition, user=initiator, role="initiator", member_hash=b"r" * 32)
    db.session.commit()
    objection = object_by_receipt(
        signature.receipt_code, "I am on the register.", user_id=signer.id, now=LATER
    )
    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)
    confirm_uphold(objection.id, second.id, now=LATER)

    dispatch_pending(LATER)

    to_signer = db.session.scalars(
        sa.select(OutboxMessage.body_text).where(OutboxMessage.to_address == signer.email)
    ).all()
    assert any("upheld the objection" in body for body in to_signer)
    to_initiator = db.session.scalars(
        sa.select(OutboxMessage.body_text).where(OutboxMessage.to_address == initiator.email)
    ).all()
    assert any("upheld the objection" in body for body in to_initiator)
    assert any("Valid signatures: 3 of 3 required" in body for body in to_initiator)


def test_a_rejected_proposal_leaves_the_objection_open_to_dismiss(certified_case):
    petition, signature, first, second = certified_case()
    objection = objected(signature)
    decide_objection(objection.id, first.id, uphold=True, reason="Found on page 2", now=LATER)

    with pytest.raises(ObjectionError, match="reason"):
        reject_uphold(objection.id, second.id, reason="  ", now=LATER)
    reject_uphold(objection.id, second.id, reason="Page 2 is another person", now=LATER)
    decide_objection(objection.id, second.id, uphold=False, reason="Not the signer", now=LATER)

    assert db.session.get(Objection, objection.id).status is ObjectionStatus.DISMISSED
    assert db.session.get(Signature, signature.id).status is SignatureStatus.INVALID
    assert certification_of(petition).valid_signatures == 2
    assert audit_of("objection.uphold_rejected") and not audit_of("certification.corrected")


def test_dismissing_after_certification_needs_one_officer(certified_case):
    petition, signature, first, _second = certified_case()
    objection = objected(signature)

    decide_objection(objection.id, first.id, uphold=False, reason="Not the signer", now=LATER)

    assert db.session.get(Objection, objection.id).status is ObjectionStatus.DISMISSED
    assert db.session.get(Petition, petition.id).status is S.INSUFFICIENT


def test_confirming_what_was_never_proposed_is_refused(certified_case):
    _petition, signature, _first, second = certified_case()
    objection = objected(signature)

    with pytest.raises(ObjectionError, match="No uphold is proposed"):
        confirm_uphold(objection.id, second.id, now=LATER)
    with pytest.raises(ObjectionError, match="No uphold is proposed"):
        confirm_uphold(999999, second.id, now=LATER)
