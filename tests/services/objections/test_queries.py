"""The initiative group's page of invalidated signatures it may still object to."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import ObjectionStatus, Signature, SignatureStatus
from app.rules.lifecycle import PetitionStatus as S
from app.rules.objections import objection_deadline
from app.services.initiative.common import NoSuchPetition, NotInitiator
from app.services.law import petition_rules
from app.services.objections.commands import decide_objection, object_as_initiator
from app.services.objections.queries import initiator_objections
from tests.factories import make_member, make_user
from tests.support.certification import INVALIDATED, NOW, add_signatures, make_closed_petition


def initiator_of(petition):
    user = make_user()
    make_member(petition=petition, user=user, role="initiator", member_hash=b"i" * 32)
    db.session.commit()
    return user


def invalidated(petition, at, *, reason=None, failed=0):
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.checked_at, signature.invalid_reason, signature.failed_checks = at, reason, failed
    db.session.commit()
    return signature


def test_the_initiator_sees_invalidations_still_in_time_with_reason_and_deadline(case):
    petition, signature, _officer = case
    user = initiator_of(petition)
    stale = invalidated(petition, NOW - timedelta(days=30), reason="under_age")
    checked = invalidated(petition, NOW - timedelta(hours=2), failed=1)

    page = initiator_objections(petition.id, user.id, now=NOW)

    assert page.open_now and page.has_procedure
    assert [row.id for row in page.rows] == [signature.id, checked.id]
    first, second = page.rows
    assert first.invalid_reason == "not_on_register" and first.objection is None
    assert first.deadline == objection_deadline(petition_rules(petition), INVALIDATED)
    assert second.failed_checks == 1 and second.invalid_reason is None
    assert stale.id not in {row.id for row in page.rows}


def test_an_invalidation_is_listed_until_its_deadline_and_not_a_second_after(case):
    petition, signature, _officer = case
    user = initiator_of(petition)
    deadline = objection_deadline(petition_rules(petition), INVALIDATED)

    at_deadline = initiator_objections(petition.id, user.id, now=deadline)
    after = initiator_objections(petition.id, user.id, now=deadline + timedelta(seconds=1))

    assert [row.id for row in at_deadline.rows] == [signature.id]
    assert after.rows == []


def test_an_open_objection_and_then_its_dismissal_are_shown_on_the_row(case):
    petition, signature, officer = case
    user = initiator_of(petition)
    objection = object_as_initiator(
        petition.id, signature.id, user.id, "The register was late.", now=NOW
    )

    [row] = initiator_objections(petition.id, user.id, now=NOW).rows
    assert row.objection.id == objection.id and row.objection_open

    decide_objection(objection.id, officer.id, uphold=False, reason="Not on it", now=NOW)
    [row] = initiator_objections(petition.id, user.id, now=NOW).rows
    assert row.objection.status is ObjectionStatus.DISMISSED and not row.objection_open


def test_an_upheld_signature_counts_again_and_leaves_the_list(case):
    petition, signature, officer = case
    user = initiator_of(petition)
    objection = object_as_initiator(petition.id, signature.id, user.id, "It is mine.", now=NOW)
    decide_objection(objection.id, officer.id, uphold=True, reason="Found", now=NOW)

    assert initiator_objections(petition.id, user.id, now=NOW).rows == []


def test_only_the_initiator_may_read_the_page(case):
    petition, _signature, _officer = case
    stranger = make_user()
    db.session.commit()

    with pytest.raises(NotInitiator):
        initiator_objections(petition.id, stranger.id, now=NOW)
    with pytest.raises(NoSuchPetition):
        initiator_objections(petition.id + 1000, stranger.id, now=NOW)


def test_after_the_recall_vote_nothing_can_be_objected_to(app):
    petition = make_closed_petition(status=S.RETAINED, required=3)
    invalidated(petition, INVALIDATED, reason="not_on_register")
    user = initiator_of(petition)

    page = initiator_objections(petition.id, user.id, now=NOW)

    assert not page.open_now and page.rows == []


def test_after_certification_an_invalidation_in_time_can_still_be_objected_to(app):
    petition = make_closed_petition(status=S.INSUFFICIENT, required=3)
    signature = invalidated(petition, INVALIDATED, reason="not_on_register")
    user = initiator_of(petition)

    page = initiator_objections(petition.id, user.id, now=NOW)

    assert page.open_now and [row.id for row in page.rows] == [signature.id]


def test_a_rule_set_without_objection_period_offers_no_procedure(app):
    petition = make_closed_petition(rule_set_code="uk-2015", required=3)
    invalidated(petition, INVALIDATED, reason="not_on_register")
    user = initiator_of(petition)

    page = initiator_objections(petition.id, user.id, now=NOW)

    assert not page.has_procedure and page.rows == []
