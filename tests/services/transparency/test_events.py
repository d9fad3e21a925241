"""Every signature event and every public status change becomes a leaf, in its own transaction,
and no leaf carries anything that names a person."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import LogEntry, PaperSheet, Signature, SignatureStatus, User
from app.rules.checks import Check, ReviewReason
from app.rules.lifecycle import PetitionStatus as S
from app.services.paper.keying import key_sheet
from app.services.petitions.commands import change_status
from app.services.registration.commands import refuse_petition, register_petition
from app.services.review.bulk import decide_bulk, preview_bulk
from app.services.review.commands import Decision, ReviewFilter, decide
from app.services.review.recheck import recheck_open_petitions
from app.services.signing.commands import SigningRefused, sign_petition, withdraw_signature
from app.services.transparency.record import pseudonym
from tests.factories import (
    make_collecting_petition,
    make_constituency,
    make_officer,
    make_petition,
    make_snapshot,
    make_verified_citizen,
    make_voter,
)
from tests.support.paper import NOW as PAPER_NOW
from tests.support.paper import batch_of, line_of, paper_petition, signer
from tests.support.review import activate_new_snapshot, flagged, sign_as
from tests.support.transparency import TWELVE_DIGITS, events, leaves

OPENED = datetime(2026, 12, 10, 5, tzinfo=UTC)
NOW = OPENED + timedelta(days=2)


@pytest.fixture
def petition(app):
    return make_collecting_petition(opened_at=OPENED)


def citizen_of(petition) -> User:
    user = make_verified_citizen(make_voter(constituency=petition.constituency))
    db.session.commit()
    return user


def entries_of(signature_id: int) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(LogEntry.event)
            .where(LogEntry.signature_id == signature_id)
            .order_by(LogEntry.leaf_index)
        )
    )


def test_registration_is_a_public_status_leaf(petition):
    assert leaves() == [
        {
            "event": "petition.status",
            "petition": petition.id,
            "status": "collecting",
            "time": "2026-12-10T05:00:00Z",
        }
    ]


def test_a_new_signature_is_in_the_log_when_signing_returns(petition):
    signature = sign_petition(petition.id, citizen_of(petition).id, now=NOW)

    [_, leaf] = leaves()
    assert leaf == {
        "event": "signature.signed",
        "petition": petition.id,
        "signature": pseudonym(signature.id),
        "status": "valid",
        "time": "2026-12-12T05:00:00Z",
    }
    assert entries_of(signature.id) == ["signature.signed"]


def test_withdrawing_and_signing_again_are_leaves_of_the_same_pseudonym(petition):
    user = citizen_of(petition)
    signature = sign_petition(petition.id, user.id, now=NOW)
    withdraw_signature(signature.id, user.id, now=NOW + timedelta(hours=1))
    sign_petition(petition.id, user.id, now=NOW + timedelta(hours=2))

    mine = [leaf for leaf in leaves() if leaf.get("signature") == pseudonym(signature.id)]
    assert [(leaf["event"], leaf["status"]) for leaf in mine] == [
        ("signature.signed", "valid"),
        ("signature.withdrawn", "withdrawn"),
        ("signature.signed", "valid"),
    ]


def test_a_refused_signature_leaves_no_leaf(petition):
    outsider = make_verified_citizen(make_voter(constituency=make_constituency()))
    db.session.commit()
    with pytest.raises(SigningRefused):
        sign_petition(petition.id, outsider.id, now=NOW)

    assert events() == ["petition.status"]


def test_an_officers_decisions_one_by_one_and_in_bulk_are_leaves_with_the_reason(petition):
    officer = make_officer(bodies=[petition.constituency.body])
    first, second, third = (
        flagged(petition, make_voter(constituency=petition.constituency), Check.OF_AGE)
        for _ in range(3)
    )
    db.session.commit()
    decide(petition.id, first.id, officer.id, Decision(valid=True), now=NOW)
    invalid = Decision(valid=False, reason=ReviewReason.UNDER_AGE.value)
    expected = preview_bulk(petition.id, ReviewFilter(), invalid)
    decide_bulk(petition.id, ReviewFilter(), officer.id, invalid, expected=expected, now=NOW)

    by_signature = {leaf["signature"]: leaf for leaf in leaves() if "signature" in leaf}
    assert by_signature[pseudonym(first.id)]["event"] == "signature.validated"
    for signature in (second, third):
        leaf = by_signature[pseudonym(signature.id)]
        assert (leaf["event"], leaf["status"], leaf["reason"]) == (
            "signature.invalidated",
            "invalid",
            "under_age",
        )


def test_a_paper_sheet_accepted_makes_one_leaf_per_signature(app):
    petition, first, second = paper_petition()
    batch_of(petition, first)
    sheet = db.session.scalar(sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id))
    lines = [line_of(1, signer(petition)), line_of(2, signer(petition))]
    key_sheet(petition.id, sheet.id, first.id, lines, now=PAPER_NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=PAPER_NOW)

    accepted = [leaf for leaf in leaves() if leaf["event"] == "signature.accepted"]
    ids = db.session.scalars(sa.select(Signature.id).order_by(Signature.id)).all()
    assert [leaf["signature"] for leaf in accepted] == [pseudonym(i) for i in ids]
    assert {leaf["status"] for leaf in accepted} == {"valid"}


def test_a_register_recheck_logs_only_the_signatures_whose_status_it_changed(petition):
    moved = make_voter(constituency=petition.constituency)
    stays = make_voter(constituency=petition.constituency)
    moved_signature = sign_as(petition, moved, signed_at=NOW)
    sign_as(petition, stays, signed_at=NOW)
    new = activate_new_snapshot()
    make_voter(snapshot=new, iin=stays.iin, constituency=petition.constituency,
               birth_date=stays.birth_date)  # fmt: skip
    db.session.commit()

    recheck_open_petitions(new.id, NOW + timedelta(days=1))

    rechecked = [leaf for leaf in leaves() if leaf["event"] == "signature.rechecked"]
    assert rechecked == [
        {
            "event": "signature.rechecked",
            "petition": petition.id,
            "signature": pseudonym(moved_signature.id),
            "status": "pending",
            "time": "2026-12-13T05:00:00Z",
        }
    ]


def test_status_changes_are_logged_from_filing_on_never_before(app):
    make_snapshot()
    draft = make_petition(status=S.DRAFT)
    db.session.commit()
    change_status(draft.id, S.GROUP_FORMING, now=NOW, reason="group")
    change_status(draft.id, S.WITHDRAWN, now=NOW, reason="gave up")
    filed = make_petition(status=S.GROUP_FORMING)
    db.session.commit()
    change_status(filed.id, S.FILED, now=NOW, reason="filed")
    officer = make_officer(bodies=[filed.constituency.body])
    db.session.commit()
    refuse_petition(filed.id, officer.id, reason="other", comment="no", now=NOW)

    assert [(leaf["petition"], leaf["status"]) for leaf in leaves()] == [
        (filed.id, "filed"),
        (filed.id, "refused"),
    ]


def test_registration_by_an_officer_is_logged(app):
    petition = make_petition(status=S.FILED)
    make_snapshot(counts={petition.constituency: 1_000})
    officer = make_officer(bodies=[petition.constituency.body])
    db.session.commit()

    register_petition(petition.id, officer.id, now=NOW)

    assert [leaf["status"] for leaf in leaves()] == ["collecting"]


def test_no_leaf_of_any_kind_holds_personal_data(petition):
    user = citizen_of(petition)
    signature = sign_petition(petition.id, user.id, now=NOW)
    withdraw_signature(signature.id, user.id, now=NOW)
    officer = make_officer(bodies=[petition.constituency.body])
    pending = flagged(petition, make_voter(constituency=petition.constituency), Check.OF_AGE)
    db.session.commit()
    decide(petition.id, pending.id, officer.id, Decision(False, "under_age", "IIN 900101300123"),
           now=NOW)  # fmt: skip
    change_status(petition.id, S.COLLECTION_CLOSED, now=NOW, reason="closed")
    voter = db.session.get(User, user.id).voter_hash

    texts = db.session.scalars(sa.select(LogEntry.leaf_input)).all()
    assert {leaf["event"] for leaf in leaves()} >= {
        "petition.status", "signature.signed", "signature.withdrawn", "signature.invalidated",
    }  # fmt: skip
    for text in texts:
        assert not TWELVE_DIGITS.search(text)
        assert user.email not in text and voter.hex() not in text
        assert "900101300123" not in text and "IIN" not in text
    assert SignatureStatus.INVALID.value in "".join(texts)
