from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.models import Signature, SignatureStatus
from app.rules.checks import Check
from app.services.law import get_rule_set
from app.services.review.checks import apply_checks, collection_period, settle_status
from tests.factories import make_collecting_petition, make_constituency, make_officer, make_voter
from tests.support.review import sign_as

NOW = datetime(2026, 12, 20, 6, tzinfo=UTC)
SIGNED = datetime(2026, 12, 15, 8, tzinfo=UTC)


@pytest.fixture
def petition(app):
    return make_collecting_petition()


def test_the_collection_period_runs_in_local_days_to_the_day_before_a_midnight_deadline(
    petition,
):
    first, last = collection_period(petition, get_rule_set(petition.rule_set_code))
    assert first == date(2026, 12, 10) and last == date(2027, 1, 8)


def test_a_clean_signature_is_valid_and_records_what_it_was_checked_against(petition):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED, status=SignatureStatus.PENDING)

    failed = apply_checks(signature, petition, voter=voter, snapshot_id=voter.snapshot_id, now=NOW)

    assert failed == Check(0) and signature.status is SignatureStatus.VALID
    assert (signature.checked_at, signature.checked_snapshot_id) == (NOW, voter.snapshot_id)


def test_a_signer_not_on_the_register_waits_for_review_with_the_checks_named(petition):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED)

    apply_checks(signature, petition, voter=None, snapshot_id=None, now=NOW)

    assert signature.status is SignatureStatus.PENDING
    assert signature.failed_checks == Check.ON_REGISTER | Check.IN_CONSTITUENCY | Check.OF_AGE


def test_a_paper_date_replaces_the_signing_time(petition):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED)

    failed = apply_checks(
        signature, petition, voter=voter, snapshot_id=None, now=NOW, signed_on=date(2027, 2, 1)
    )

    assert failed == Check.IN_PERIOD


def test_an_officers_decision_stands_until_a_new_check_fails(petition):
    officer = make_officer()
    voter = make_voter(constituency=make_constituency())
    signature = sign_as(
        petition,
        voter,
        signed_at=SIGNED,
        failed_checks=int(Check.IN_CONSTITUENCY),
        reviewed_by_id=officer.id,
        reviewed_at=SIGNED,
    )

    apply_checks(signature, petition, voter=voter, snapshot_id=None, now=NOW)
    assert signature.status is SignatureStatus.VALID and signature.reviewed_by_id == officer.id

    apply_checks(signature, petition, voter=None, snapshot_id=None, now=NOW)
    assert signature.status is SignatureStatus.PENDING and signature.reviewed_by_id is None
    db.session.flush()  # the stored row satisfies the review constraint


def test_a_duplicate_is_invalid_and_a_withdrawn_signature_keeps_its_status(petition):
    voter = make_voter(constituency=petition.constituency)
    first = sign_as(petition, voter, status=SignatureStatus.WITHDRAWN)
    second = Signature(duplicate_of_id=first.id, status=SignatureStatus.PENDING, failed_checks=0)

    settle_status(first)
    settle_status(second)

    assert first.status is SignatureStatus.WITHDRAWN
    assert (second.status, second.invalid_reason) == (SignatureStatus.INVALID, "duplicate")
