from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Petition, PollingStation, Signature, SignatureStatus
from app.rules.checks import Check, ReviewReason
from app.services.review.bulk import decide_bulk, preview_bulk
from app.services.review.commands import (
    Decision,
    ReviewError,
    ReviewFilter,
    SignatureNotFound,
    decide,
    review_page,
)
from tests.factories import make_collecting_petition, make_officer, make_petition, make_voter
from tests.support.review import flagged, sign_as

NOW = datetime(2026, 12, 20, 6, tzinfo=UTC)
SIGNED = datetime(2026, 12, 15, 8, tzinfo=UTC)
ELSEWHERE = Decision(valid=False, reason=ReviewReason.OTHER_CONSTITUENCY.value, comment="moved")


@pytest.fixture
def petition(app):
    return make_collecting_petition()


@pytest.fixture
def officer(petition):
    officer = make_officer(bodies=[petition.constituency.body])
    db.session.commit()
    return officer


def voter_of(petition, **kw):
    return make_voter(constituency=petition.constituency, **kw)


def reload(signature) -> Signature:
    return db.session.get(Signature, signature.id, populate_existing=True)


def actions(name):
    return db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == name)).all()


def test_an_officer_marks_a_flagged_signature_invalid_with_a_reason(petition, officer):
    signature = flagged(petition, voter_of(petition), Check.IN_CONSTITUENCY)
    db.session.commit()

    decide(petition.id, signature.id, officer.id, ELSEWHERE, now=NOW)

    signature = reload(signature)
    assert signature.status is SignatureStatus.INVALID
    assert signature.invalid_reason == "other_constituency"
    assert signature.review_comment == "moved"
    assert (signature.reviewed_by_id, signature.reviewed_at) == (officer.id, NOW)
    [entry] = actions("signature.reviewed")
    assert entry.details["before"]["status"] == "pending"
    assert entry.details["after"]["status"] == "invalid"
    assert entry.details["reason"] == "other_constituency"


def test_marking_valid_clears_the_reason(petition, officer):
    signature = flagged(petition, voter_of(petition), Check.OF_AGE)
    db.session.commit()

    decide(petition.id, signature.id, officer.id, Decision(valid=True), now=NOW)

    signature = reload(signature)
    assert signature.status is SignatureStatus.VALID and signature.invalid_reason is None


@pytest.mark.parametrize("reason", [None, "", "because"])
def test_invalid_needs_a_reason_from_the_list(petition, officer, reason):
    signature = flagged(petition, voter_of(petition), Check.OF_AGE)
    db.session.commit()

    with pytest.raises(ReviewError):
        decide(petition.id, signature.id, officer.id, Decision(False, reason), now=NOW)

    assert reload(signature).status is SignatureStatus.PENDING and not actions("signature.reviewed")


def test_a_signature_of_another_petition_is_not_found(petition, officer):
    other = make_petition()
    signature = flagged(other, voter_of(petition), Check.OF_AGE)
    db.session.commit()

    with pytest.raises(SignatureNotFound):
        decide(petition.id, signature.id, officer.id, ELSEWHERE, now=NOW)


def test_withdrawn_and_duplicate_signatures_are_refused(petition, officer):
    voter = voter_of(petition)
    withdrawn = sign_as(petition, voter, status=SignatureStatus.WITHDRAWN)
    duplicate = sign_as(
        petition,
        voter,
        status=SignatureStatus.INVALID,
        duplicate_of_id=withdrawn.id,
        invalid_reason="duplicate",
    )
    db.session.commit()

    with pytest.raises(ReviewError):
        decide(petition.id, withdrawn.id, officer.id, ELSEWHERE, now=NOW)
    with pytest.raises(ReviewError):
        decide(petition.id, duplicate.id, officer.id, Decision(valid=True), now=NOW)


def test_no_review_after_certification(petition, officer):
    signature = flagged(petition, voter_of(petition), Check.OF_AGE)
    db.session.execute(
        sa.update(Petition).where(Petition.id == petition.id).values(status="sufficient")
    )
    db.session.commit()

    with pytest.raises(ReviewError):
        decide(petition.id, signature.id, officer.id, ELSEWHERE, now=NOW)
    with pytest.raises(ReviewError):
        preview_bulk(petition.id, ReviewFilter(), ELSEWHERE)


def test_the_queue_filters_by_check_station_and_day(petition):
    here = voter_of(petition)
    station = PollingStation(constituency_id=petition.constituency_id, number="77")
    db.session.add(station)
    db.session.flush()
    there = voter_of(petition, polling_station_id=station.id)
    late = datetime(2026, 12, 20, 20, tzinfo=UTC)  # 21 December in Almaty
    a = flagged(petition, here, Check.IN_CONSTITUENCY, signed_at=SIGNED)
    b = flagged(petition, there, Check.OF_AGE, signed_at=late)
    c = sign_as(petition, voter_of(petition), signed_at=SIGNED)
    db.session.commit()

    def ids(**kw):
        return {row.signature.id for row in review_page(petition.id, ReviewFilter(**kw)).rows}

    assert ids() == {a.id, b.id}
    assert ids(everything=True) == {a.id, b.id, c.id}
    assert ids(check=int(Check.OF_AGE)) == {b.id}
    assert ids(station_id=station.id) == {b.id}
    assert ids(signed_from=date(2026, 12, 21)) == {b.id}
    assert ids(signed_to=date(2026, 12, 20)) == {a.id}


def test_the_queue_pages_by_fifty(petition):
    voter = voter_of(petition)
    for n in range(51):
        flagged(petition, voter, Check.OF_AGE, signer_hash=bytes([n]) * 32)
    db.session.commit()

    first = review_page(petition.id, ReviewFilter(), 1)
    second = review_page(petition.id, ReviewFilter(), 2)

    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (51, 2, 50, 1)


@pytest.fixture
def three_flagged(petition):
    moved = [flagged(petition, voter_of(petition), Check.IN_CONSTITUENCY) for _ in range(2)]
    young = flagged(petition, voter_of(petition), Check.OF_AGE)
    db.session.commit()
    return moved, young


def test_a_bulk_decision_previews_then_changes_exactly_that_many(petition, officer, three_flagged):
    moved, young = three_flagged
    over = ReviewFilter(check=int(Check.IN_CONSTITUENCY))

    assert preview_bulk(petition.id, over, ELSEWHERE) == 2
    assert all(reload(s).status is SignatureStatus.PENDING for s in moved)  # preview changed none

    changed = decide_bulk(petition.id, over, officer.id, ELSEWHERE, expected=2, now=NOW)

    assert changed == 2
    assert all(reload(s).status is SignatureStatus.INVALID for s in moved)
    assert all(reload(s).reviewed_by_id == officer.id for s in moved)
    assert reload(young).status is SignatureStatus.PENDING
    [entry] = actions("signatures.bulk_reviewed")
    assert entry.details["count"] == 2
    assert entry.details["signature_ids"] == sorted(s.id for s in moved)
    assert entry.details["filter"]["check"] == int(Check.IN_CONSTITUENCY)
    assert entry.details["reason"] == "other_constituency"


def test_a_bulk_decision_is_refused_if_the_count_changed_since_the_preview(
    petition, officer, three_flagged
):
    moved, _ = three_flagged
    over = ReviewFilter(check=int(Check.IN_CONSTITUENCY))
    previewed = preview_bulk(petition.id, over, ELSEWHERE)
    decide(petition.id, moved[0].id, officer.id, Decision(valid=True), now=NOW)

    with pytest.raises(ReviewError):
        decide_bulk(petition.id, over, officer.id, ELSEWHERE, expected=previewed, now=NOW)

    assert reload(moved[1]).status is SignatureStatus.PENDING
    assert not actions("signatures.bulk_reviewed")


def test_a_bulk_decision_skips_signatures_already_so_decided(petition, officer, three_flagged):
    everything = ReviewFilter(everything=True)
    decide_bulk(petition.id, everything, officer.id, ELSEWHERE, expected=3, now=NOW)

    assert preview_bulk(petition.id, everything, ELSEWHERE) == 0
