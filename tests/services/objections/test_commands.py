"""Objections to invalidations: filed by the signer or an initiator within the rule set's
objection period, decided by an officer in scope; certification waits for open ones."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditEntry,
    Objection,
    ObjectionStatus,
    OutboxMessage,
    PetitionEvent,
    Signature,
    SignatureStatus,
)
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification.commands import CertificationError, propose
from app.services.notifications import dispatch_pending
from app.services.objections.commands import (
    ObjectionError,
    decide_objection,
    object_as_initiator,
    object_by_receipt,
)
from tests.factories import make_member, make_officer, make_user
from tests.support.certification import (
    INVALIDATED,
    NOW,
    add_signatures,
    make_closed_petition,
)


def actions():
    return db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()


def test_a_signer_objects_by_receipt_code_without_signing_in(case):
    petition, signature, _officer = case

    objection = object_by_receipt(
        signature.receipt_code.lower(), "I live at this address.", user_id=None, now=NOW
    )

    assert (objection.signature_id, objection.status) == (signature.id, ObjectionStatus.OPEN)
    assert actions()[-1] == "objection.filed"


def test_the_objection_period_is_the_rule_sets(case):
    _petition, signature, _officer = case
    late = INVALIDATED + timedelta(days=6)  # 5 calendar days (provisional), then 18:00

    with pytest.raises(ObjectionError, match="period for objecting"):
        object_by_receipt(signature.receipt_code, "Too late now.", user_id=None, now=late)
    assert db.session.scalar(sa.select(sa.func.count(Objection.id))) == 0


def test_only_an_invalidated_signature_can_be_objected_to_and_only_once_at_a_time(case):
    petition, signature, _officer = case
    valid = db.session.scalars(
        sa.select(Signature).where(Signature.status == SignatureStatus.VALID)
    ).first()
    with pytest.raises(ObjectionError, match="Only an invalidated"):
        object_by_receipt(valid.receipt_code, "It is fine.", user_id=None, now=NOW)
    object_by_receipt(signature.receipt_code, "First objection.", user_id=None, now=NOW)
    with pytest.raises(ObjectionError, match="already open"):
        object_by_receipt(signature.receipt_code, "Second objection.", user_id=None, now=NOW)
    with pytest.raises(ObjectionError, match="receipt code"):
        object_by_receipt("NOPE-1", "Unknown code.", user_id=None, now=NOW)


def test_an_initiator_objects_but_another_user_may_not(case):
    petition, signature, _officer = case
    initiator, stranger = make_user(), make_user()
    make_member(petition=petition, user=initiator, role="initiator", member_hash=b"i" * 32)
    db.session.commit()

    with pytest.raises(ObjectionError, match="initiative group"):
        object_as_initiator(petition.id, signature.id, stranger.id, "Let it count.", now=NOW)
    objection = object_as_initiator(
        petition.id, signature.id, initiator.id, "The register was late.", now=NOW
    )
    assert objection.user_id == initiator.id


def test_upholding_makes_the_signature_count_again_audited_and_notified(case):
    petition, signature, officer = case
    objection = object_by_receipt(
        signature.receipt_code, "I am on the register.", user_id=None, now=NOW
    )

    decide_objection(objection.id, officer.id, uphold=True, reason="Found on page 2", now=NOW)

    signature = db.session.get(Signature, signature.id)
    assert signature.status is SignatureStatus.VALID and signature.invalid_reason is None
    assert db.session.get(Objection, objection.id).status is ObjectionStatus.UPHELD
    assert actions()[-1] == "objection.upheld"
    kinds = db.session.scalars(sa.select(PetitionEvent.kind)).all()
    assert "objection_decided" in kinds


def test_dismissing_keeps_the_invalidation_and_needs_a_reason(case):
    petition, signature, officer = case
    objection = object_by_receipt(signature.receipt_code, "Please count it.", user_id=None, now=NOW)

    with pytest.raises(ObjectionError, match="reason"):
        decide_objection(objection.id, officer.id, uphold=False, reason=" ", now=NOW)
    decide_objection(objection.id, officer.id, uphold=False, reason="Not on the register", now=NOW)

    assert db.session.get(Signature, signature.id).status is SignatureStatus.INVALID
    assert actions()[-1] == "objection.dismissed"


def test_an_officer_outside_the_scope_cannot_decide(case):
    petition, signature, _officer = case
    outsider = make_officer()
    db.session.commit()
    objection = object_by_receipt(signature.receipt_code, "Please count it.", user_id=None, now=NOW)

    with pytest.raises(ObjectionError, match="outside your assignments"):
        decide_objection(objection.id, outsider.id, uphold=True, reason="Yes", now=NOW)


def test_certification_waits_for_open_objections(case):
    petition, signature, officer = case
    objection = object_by_receipt(signature.receipt_code, "Please count it.", user_id=None, now=NOW)

    with pytest.raises(CertificationError, match="Objections"):
        propose(petition.id, officer.id, result="insufficient", comment="", now=NOW)

    decide_objection(objection.id, officer.id, uphold=True, reason="On the register", now=NOW)
    proposal = propose(petition.id, officer.id, result="sufficient", comment="", now=NOW)
    assert proposal.valid_signatures == 3


def test_a_rule_set_without_an_objection_period_has_no_objections(app):
    petition = make_closed_petition(rule_set_code="uk-2015", required=3)
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    db.session.get(Signature, signature_id).checked_at = INVALIDATED
    db.session.commit()
    code = db.session.get(Signature, signature_id).receipt_code

    with pytest.raises(ObjectionError, match="period for objecting"):
        object_by_receipt(code, "Please count it.", user_id=None, now=datetime.now(UTC))


def test_the_online_signer_is_told_of_the_decision_with_its_reason(case):
    petition, signature, officer = case
    signer = make_user()
    signature.user_id = signer.id
    db.session.commit()
    objection = object_by_receipt(
        signature.receipt_code, "I am on the register.", user_id=signer.id, now=NOW
    )
    decide_objection(objection.id, officer.id, uphold=True, reason="Found on page 2", now=NOW)

    dispatch_pending(NOW)

    message = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.to_address == signer.email)
    ).one()
    assert "upheld the objection" in message.body_text
    assert signature.receipt_code in message.body_text and "Found on page 2" in message.body_text


@pytest.mark.parametrize("status", [S.RECALLED, S.RETAINED, S.LAPSED])
def test_once_the_recall_vote_is_held_no_objection_is_taken_even_within_its_period(app, status):
    petition = make_closed_petition(status=status, required=3)
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.checked_at = INVALIDATED
    db.session.commit()

    with pytest.raises(ObjectionError, match="until the recall vote is held"):
        object_by_receipt(signature.receipt_code, "Please count it.", user_id=None, now=NOW)
    assert db.session.scalar(sa.select(sa.func.count(Objection.id))) == 0


def test_the_initiators_are_told_the_signatures_number_never_its_receipt_code(case):
    petition, signature, officer = case
    initiator = make_user()
    make_member(petition=petition, user=initiator, role="initiator", member_hash=b"n" * 32)
    db.session.commit()
    objection = object_as_initiator(
        petition.id, signature.id, initiator.id, "The register was late.", now=NOW
    )
    decide_objection(objection.id, officer.id, uphold=False, reason="Not on page 2", now=NOW)

    dispatch_pending(NOW)

    message = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.to_address == initiator.email)
    ).one()
    assert "dismissed the objection" in message.body_text
    assert f"№ {signature.id}" in message.body_text
    assert signature.receipt_code not in message.body_text
    assert f"/petitions/{petition.id}/objections" in message.body_text
