"""Petition events become one message per recipient, for exactly the audiences of their kind."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import MailOptOut, PetitionEvent, SignatureStatus
from app.rules.lifecycle import PetitionStatus as S
from app.services.events import EventKind as K
from app.services.notifications import dispatch_pending
from app.services.notifications.dispatch import dispatch_event
from tests.factories import make_signature
from tests.support.notice_world import NOW, addresses, make_world, outbox, record

EXPECTED = {
    K.FILED: ("initiator", "officer"),
    K.REGISTERED: ("initiator", "deputy"),
    K.REFUSED: ("initiator",),
    K.MILESTONE: ("initiator", "deputy", "follower", "signer_follower"),
    K.CLOSING_SOON: ("initiator", "follower", "signer_follower"),
    K.CLOSED: ("initiator", "follower", "signer_follower"),
    K.DEADLINE_EXTENDED: ("initiator", "deputy", "follower", "signer_follower"),
    K.VOTE_SCHEDULED: ("initiator", "deputy", "follower", "signer_follower"),
    K.VOTE_RESULT: ("initiator", "deputy", "signer", "signer_follower"),
    K.REPLY_PUBLISHED: ("initiator", "follower", "signer_follower"),
    K.TASK_DUE_SOON: ("officer",),
    K.TASK_OVERDUE: ("officer",),
}
DETAIL = {
    K.MILESTONE: "50",
    K.TASK_DUE_SOON: "registration_decision",
    K.TASK_OVERDUE: "registration_decision",
    K.DEADLINE_EXTENDED: "pause:1",
    K.REPLY_PUBLISHED: "version:1",
    K.REGISTERED: "again",  # the collecting petition has its REGISTERED event already
}


@pytest.fixture
def world(app):
    return make_world()


@pytest.mark.parametrize("kind", list(EXPECTED), ids=str)
def test_each_event_kind_reaches_exactly_its_audiences_once(world, kind):
    event_id = record(world.petition, kind, detail=DETAIL.get(kind, ""))

    assert dispatch_pending(NOW) == 1

    assert addresses(event_id) == sorted(world.email_of(*EXPECTED[kind]))


def test_a_final_certification_also_reaches_every_signer_who_did_not_withdraw(world):
    world.petition.status = S.INSUFFICIENT
    event_id = record(world.petition, K.CERTIFIED)

    dispatch_pending(NOW)

    assert addresses(event_id) == sorted(
        world.email_of("initiator", "deputy", "follower", "signer", "signer_follower")
    )


def test_a_sufficient_certification_before_a_vote_does_not_mail_the_signers(world):
    world.petition.status = S.SUFFICIENT
    event_id = record(world.petition, K.CERTIFIED)

    dispatch_pending(NOW)

    assert world.signer.email not in addresses(event_id)
    assert world.deputy.email in addresses(event_id)


def test_an_invalidated_signature_is_told_to_its_signer_only_with_reason_and_how_to_object(world):
    signature = make_signature(
        world.petition, user_id=world.signer.id, status=SignatureStatus.INVALID
    )
    signature.invalid_reason = "not_on_register"
    event_id = record(
        world.petition,
        K.SIGNATURE_INVALIDATED,
        detail=f"signature:{signature.id}",
        signature_id=signature.id,
    )

    dispatch_pending(NOW)

    (message,) = outbox(event_id)
    assert message.to_address == world.signer.email
    assert signature.receipt_code in message.body_text
    assert "How to object" in message.body_text and "Object to an invalidation" in message.body_text
    assert f"/petitions/{world.petition.id}/receipt" in message.body_text
    assert message.unsubscribe_url is None


def test_a_user_in_several_audiences_gets_one_message_as_the_first_of_them(world):
    from tests.support.notice_world import follow

    follow(world.petition, world.initiator)
    event_id = record(world.petition, K.CLOSED)

    dispatch_pending(NOW)

    mine = [m for m in outbox(event_id) if m.to_address == world.initiator.email]
    assert len(mine) == 1
    assert mine[0].unsubscribe_url is None  # as initiator: required, not a follower's update


def test_optional_messages_carry_an_unsubscribe_link_and_required_ones_do_not(world):
    event_id = record(world.petition, K.MILESTONE, detail="25")

    dispatch_pending(NOW)

    for message in outbox(event_id):
        assert message.unsubscribe_url and "/auth/unsubscribe/" in message.unsubscribe_url
        assert message.unsubscribe_url in message.body_text
    required = record(world.petition, K.REGISTERED, detail="again")
    dispatch_pending(NOW)
    assert all(m.unsubscribe_url is None for m in outbox(required))


def test_opted_out_users_are_skipped_for_that_category_but_still_get_required_messages(world):
    for user in (world.initiator, world.deputy):
        db.session.add(MailOptOut(user_id=user.id, category="progress"))
    db.session.add(MailOptOut(user_id=world.follower.id, category="updates"))
    db.session.commit()
    milestone = record(world.petition, K.MILESTONE, detail="75")
    closed = record(world.petition, K.CLOSED)

    dispatch_pending(NOW)

    assert addresses(milestone) == sorted(world.email_of("signer_follower"))
    assert world.initiator.email in addresses(closed)
    assert world.follower.email not in addresses(closed)


def test_every_message_links_to_the_page_it_is_about(world):
    filed = record(world.petition, K.FILED)
    registered = record(world.petition, K.REGISTERED, detail="x")

    dispatch_pending(NOW)

    by_address = {m.to_address: m for m in outbox(filed) + outbox(registered)}
    officer_body = by_address[world.officer.email].body_text
    assert f"/commission/petitions/{world.petition.id}" in officer_body
    assert f"/petitions/{world.petition.id}" in by_address[world.initiator.email].body_text
    deputy_body = by_address[world.deputy.email].body_text
    assert f"/deputy/petitions/{world.petition.id}" in deputy_body


def test_dispatching_twice_queues_nothing_new(world):
    record(world.petition, K.CLOSED)

    assert dispatch_pending(NOW) == 1
    count = len(outbox())
    assert dispatch_pending(NOW + timedelta(minutes=1)) == 0

    assert len(outbox()) == count


def test_a_second_dispatcher_cannot_claim_an_event_already_claimed(world):
    event_id = record(world.petition, K.CLOSED)

    assert dispatch_event(event_id, NOW) is True
    assert dispatch_event(event_id, NOW) is False

    assert len(outbox(event_id)) == 3


def test_a_reset_event_skips_addresses_that_already_have_its_message(world):
    event_id = record(world.petition, K.CLOSED)
    dispatch_pending(NOW)
    db.session.execute(
        sa.update(PetitionEvent).where(PetitionEvent.id == event_id).values(dispatched_at=None)
    )
    db.session.commit()

    assert dispatch_pending(NOW) == 1

    assert len(outbox(event_id)) == 3


def test_the_refusal_notice_names_the_reason_and_the_comment(app):
    from tests.factories import make_member, make_petition, make_snapshot
    from tests.support.commission import officer_of
    from tests.support.notice_world import citizen

    petition = make_petition(status=S.FILED, filed_at=NOW - timedelta(days=2))
    make_snapshot(counts={petition.constituency: 2_000})
    initiator = citizen()
    make_member(petition=petition, user=initiator, role="initiator")
    db.session.commit()
    from app.services.registration.commands import refuse_petition

    refuse_petition(
        petition.id, officer_of(petition).id, reason="group_too_small", comment="Only 5", now=NOW
    )
    dispatch_pending(NOW)

    (message,) = [m for m in outbox() if m.to_address == initiator.email]
    assert "was not registered" in message.subject
    assert "Reason: The initiative group is smaller than the law requires." in message.body_text
    assert "Only 5" in message.body_text


def test_the_milestone_notice_counts_valid_signatures_as_the_clock_does(world):
    event_id = record(world.petition, K.MILESTONE, detail="50")

    dispatch_pending(NOW)

    (message, *_) = outbox(event_id)
    required = world.petition.signatures_required
    assert f"has reached 50% of the {required} valid signatures needed." in message.body_text
