"""A petition with one person in each audience of the notifications, for the notice tests."""

import os
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    OutboxMessage,
    Petition,
    PetitionEvent,
    PetitionFollower,
    Role,
    SignatureStatus,
    User,
)
from app.services.events import EventKind, record_event
from tests.factories import (
    make_body,
    make_collecting_petition,
    make_member,
    make_officer,
    make_signature,
    make_user,
)

NOW = datetime(2026, 12, 20, 6, 0, tzinfo=UTC)


@dataclass
class World:
    petition: Petition
    initiator: User
    deputy: User
    officer: User
    outsider_officer: User
    signer: User
    withdrawn_signer: User
    follower: User
    signer_follower: User

    def email_of(self, *names: str) -> set[str]:
        return {getattr(self, name).email for name in names}


def citizen(**kw) -> User:
    return make_user(role=Role.CITIZEN, voter_hash=os.urandom(32), **kw)


def follow(petition: Petition, user: User) -> None:
    db.session.add(PetitionFollower(petition_id=petition.id, user_id=user.id))
    db.session.flush()


def make_world() -> World:
    """A collecting petition (its REGISTERED event already dispatched) and its people."""
    petition = make_collecting_petition()
    initiator = citizen(display_name="Initiator")
    make_member(petition=petition, user=initiator, role="initiator")
    deputy = make_user(role=Role.DEPUTY, deputy_id=petition.deputy_id)
    officer = make_officer(bodies=[petition.constituency.body])
    outsider = make_officer(bodies=[make_body()])
    signer = citizen()
    make_signature(petition, user_id=signer.id)
    withdrawn = citizen()
    make_signature(petition, user_id=withdrawn.id, status=SignatureStatus.WITHDRAWN)
    follower = citizen()
    follow(petition, follower)
    signer_follower = citizen()
    make_signature(petition, user_id=signer_follower.id)
    follow(petition, signer_follower)
    db.session.execute(sa.update(PetitionEvent).values(dispatched_at=NOW))
    db.session.commit()
    return World(
        petition,
        initiator,
        deputy,
        officer,
        outsider,
        signer,
        withdrawn,
        follower,
        signer_follower,
    )


def record(petition: Petition, kind: EventKind, **kw) -> int:
    event_id = record_event(petition.id, kind, now=kw.pop("now", NOW), **kw)
    db.session.commit()
    return event_id


def outbox(event_id: int | None = None) -> list[OutboxMessage]:
    """The outbox as stored now (delivery writes through a session of its own)."""
    db.session.expire_all()
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id)
    if event_id is not None:
        query = query.where(OutboxMessage.event_id == event_id)
    return list(db.session.scalars(query))


def addresses(event_id: int) -> list[str]:
    return sorted(message.to_address for message in outbox(event_id))
