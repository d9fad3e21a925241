from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Channel, OutboxMessage, Signature, SignatureStatus
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from app.services.signing.commands import (
    AlreadySigned,
    Refusal,
    SigningRefused,
    sign_petition,
    withdraw_signature,
)
from tests.factories import (
    make_constituency,
    make_deputy,
    make_petition,
    make_signature,
    make_snapshot,
    make_verified_citizen,
    make_voter,
)

OPENED = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)  # 10:00 in Almaty
NOW = OPENED + timedelta(days=2)


@pytest.fixture
def petition(app):
    petition = make_petition(status=S.FILED)
    make_snapshot(counts={petition.constituency: 1_000})
    db.session.commit()
    return change_status(petition.id, S.COLLECTING, now=OPENED, reason="registered")


def citizen_of(constituency, **voter_fields):
    user = make_verified_citizen(make_voter(constituency=constituency, **voter_fields))
    db.session.commit()
    return user


def count(status=None):
    query = sa.select(sa.func.count()).select_from(Signature)
    if status is not None:
        query = query.where(Signature.status == status)
    return db.session.scalar(query)


def test_a_verified_voter_of_the_constituency_signs_and_gets_a_receipt(petition):
    user = citizen_of(petition.constituency)

    signature = sign_petition(petition.id, user.id, now=NOW)

    assert signature.status is SignatureStatus.VALID and len(signature.receipt_code) == 11
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.to_address == user.email and signature.receipt_code in message.body_text


def test_signing_twice_answers_with_the_first_signature(petition):
    user = citizen_of(petition.constituency)
    first = sign_petition(petition.id, user.id, now=NOW)

    with pytest.raises(AlreadySigned) as again:
        sign_petition(petition.id, user.id, now=NOW + timedelta(hours=1))

    assert again.value.signature.receipt_code == first.receipt_code and count() == 1


def test_a_voter_of_another_constituency_is_told_which_is_theirs(petition):
    elsewhere = make_constituency()
    make_deputy(constituency=elsewhere, full_name="Their Own Deputy")
    user = citizen_of(elsewhere)

    with pytest.raises(SigningRefused) as refused:
        sign_petition(petition.id, user.id, now=NOW)

    assert refused.value.reason is Refusal.OTHER_CONSTITUENCY
    assert refused.value.voter.constituency_id == elsewhere.id
    assert refused.value.deputy.full_name == "Their Own Deputy"
    assert elsewhere.name in refused.value.message and count() == 0


def test_signing_is_refused_outside_the_collection_window(petition):
    user = citizen_of(petition.constituency)

    with pytest.raises(SigningRefused) as refused:
        sign_petition(petition.id, user.id, now=petition.closes_at)

    assert refused.value.reason is Refusal.NOT_COLLECTING and count() == 0


def test_a_signer_must_be_18_on_the_day_of_signing(petition):
    # Signing day in Almaty is 12 December 2026: born 13 December 2008 is still 17.
    user = citizen_of(petition.constituency, birth_date=date(2008, 12, 13))

    with pytest.raises(SigningRefused) as refused:
        sign_petition(petition.id, user.id, now=NOW)

    assert refused.value.reason is Refusal.UNDER_AGE


def test_an_unverified_or_unconfirmed_account_cannot_sign(petition):
    user = citizen_of(petition.constituency)
    user.voter_hash = None
    db.session.commit()
    with pytest.raises(SigningRefused) as refused:
        sign_petition(petition.id, user.id, now=NOW)
    assert refused.value.reason is Refusal.NOT_VERIFIED

    other = citizen_of(petition.constituency)
    other.email_confirmed_at = None
    db.session.commit()
    with pytest.raises(SigningRefused) as refused:
        sign_petition(petition.id, other.id, now=NOW)
    assert refused.value.reason is Refusal.EMAIL_UNCONFIRMED


def test_withdrawing_takes_the_signature_out_of_the_count_and_it_can_be_given_again(petition):
    user = citizen_of(petition.constituency)
    signature = sign_petition(petition.id, user.id, now=NOW)

    withdrawn = withdraw_signature(signature.id, user.id, now=NOW + timedelta(hours=1))
    assert count(SignatureStatus.VALID) == 0 and count(SignatureStatus.WITHDRAWN) == 1
    assert withdrawn.failed_checks == Check.NOT_WITHDRAWN

    again = sign_petition(petition.id, user.id, now=NOW + timedelta(hours=2))
    assert again.id == signature.id and again.status is SignatureStatus.VALID and count() == 1
    assert again.failed_checks == 0


def test_withdrawal_is_refused_after_collection_and_for_someone_elses_signature(petition):
    user = citizen_of(petition.constituency)
    stranger = citizen_of(petition.constituency)
    signature = sign_petition(petition.id, user.id, now=NOW)

    with pytest.raises(SigningRefused) as refused:
        withdraw_signature(signature.id, stranger.id, now=NOW)
    assert refused.value.reason is Refusal.NOT_YOURS

    with pytest.raises(SigningRefused) as refused:
        withdraw_signature(signature.id, user.id, now=petition.closes_at)
    assert refused.value.reason is Refusal.WITHDRAWAL_CLOSED
    assert count(SignatureStatus.VALID) == 1


def test_signing_again_after_withdrawal_ignores_a_duplicate_paper_record(petition):
    """The person's paper line, a duplicate of their online signature, is not "the signature":
    after withdrawing online they may sign again (and are not told they already signed)."""
    user = citizen_of(petition.constituency)
    signature = sign_petition(petition.id, user.id, now=NOW)
    make_signature(
        petition,
        signer_hash=user.voter_hash,
        channel=Channel.PAPER,
        status=SignatureStatus.INVALID,
        invalid_reason="duplicate",
        duplicate_of_id=signature.id,
    )
    db.session.commit()
    withdraw_signature(signature.id, user.id, now=NOW + timedelta(hours=1))

    again = sign_petition(petition.id, user.id, now=NOW + timedelta(hours=2))

    assert again.id == signature.id and again.status is SignatureStatus.VALID
    assert again.channel is Channel.ONLINE
