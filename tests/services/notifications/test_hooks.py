"""The services record the events the notifications report, in their own transaction."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.labels import review_reason_label
from app.models import PetitionEvent
from app.rules.checks import Check, ReviewReason
from app.rules.lifecycle import PetitionStatus as S
from app.services.events import EventKind
from app.services.notifications import dispatch_pending
from app.services.petitions.commands import change_status
from app.services.review.bulk import decide_bulk
from app.services.review.commands import Decision, ReviewFilter, decide
from tests.factories import make_collecting_petition, make_officer, make_user, make_voter
from tests.support.notice_world import outbox
from tests.support.review import flagged

NOW = datetime(2026, 12, 20, 6, tzinfo=UTC)
INVALID = Decision(valid=False, reason=ReviewReason.NOT_ON_REGISTER.value, comment="")


def events(kind: EventKind) -> list[PetitionEvent]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(PetitionEvent).where(PetitionEvent.kind == kind)))


@pytest.fixture
def petition(app):
    return make_collecting_petition()


@pytest.fixture
def officer(petition):
    officer = make_officer(bodies=[petition.constituency.body])
    db.session.commit()
    return officer


def online_flagged(petition, **kw):
    signer = make_user()
    voter = make_voter(constituency=petition.constituency)
    return flagged(petition, voter, Check.ON_REGISTER, user_id=signer.id, **kw), signer


def test_opening_collection_records_the_registration(petition):
    [event] = events(EventKind.REGISTERED)

    assert event.petition_id == petition.id and event.detail == ""


def test_invalidating_an_online_signature_records_it_and_the_signer_hears(petition, officer):
    signature, signer = online_flagged(petition)
    db.session.commit()

    decide(petition.id, signature.id, officer.id, INVALID, now=NOW)

    [event] = events(EventKind.SIGNATURE_INVALIDATED)
    assert (event.detail, event.signature_id) == (f"signature:{signature.id}", signature.id)
    dispatch_pending(NOW)
    [message] = outbox(event.id)
    assert message.to_address == signer.email
    assert f"Reason: {review_reason_label('not_on_register')}." in message.body_text


def test_marking_a_signature_valid_records_nothing(petition, officer):
    signature, _signer = online_flagged(petition)
    db.session.commit()

    decide(petition.id, signature.id, officer.id, Decision(valid=True), now=NOW)

    assert events(EventKind.SIGNATURE_INVALIDATED) == []


def test_a_bulk_invalidation_records_one_event_per_online_signature(petition, officer):
    first, _ = online_flagged(petition)
    second, _ = online_flagged(petition)
    db.session.commit()

    decide_bulk(petition.id, ReviewFilter(), officer.id, INVALID, expected=2, now=NOW)

    assert sorted(e.signature_id for e in events(EventKind.SIGNATURE_INVALIDATED)) == sorted(
        [first.id, second.id]
    )


def test_closing_collection_records_the_closure_once(petition):
    later = petition.closes_at + timedelta(minutes=1)

    change_status(petition.id, S.COLLECTION_CLOSED, now=later, reason="deadline")

    assert len(events(EventKind.CLOSED)) == 1
