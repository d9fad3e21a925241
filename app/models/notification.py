"""What happened to a petition, and who wants to hear about it.

A ``PetitionEvent`` is written in the transaction of the change it reports (or by the deadline
clock); the notification dispatcher later turns each event into outbox messages for its
audiences. The unique key (petition, kind, detail) makes recording an event idempotent: the clock
can look for "50 % reached" every minute and the event, and its mail, exist once.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.petition import Petition
from app.models.user import User


class PetitionEvent(Base):
    __tablename__ = "petition_events"
    __table_args__ = (
        sa.UniqueConstraint("petition_id", "kind", "detail"),
        sa.Index("ix_petition_events_undispatched", "dispatched_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    #: An ``app.services.events.EventKind`` value.
    kind: Mapped[str] = mapped_column(sa.String(32))
    #: What makes the event unique within its kind: the milestone ("50"), the calendar step,
    #: the signature or the pause ("" when the kind happens once per petition).
    detail: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    #: The signature the event is about (an invalidation), if any.
    signature_id: Mapped[int | None] = mapped_column(sa.ForeignKey("signatures.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When its messages were queued (null: not yet).
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    petition: Mapped[Petition] = relationship()


class PetitionFollower(Base):
    """A signer who asked for updates about a petition (opt-in)."""

    __tablename__ = "petition_followers"
    __table_args__ = (sa.UniqueConstraint("petition_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class MailOptOut(Base):
    """A category of optional messages the user no longer wants (required ones still go out)."""

    __tablename__ = "mail_opt_outs"
    __table_args__ = (sa.UniqueConstraint("user_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    category: Mapped[str] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
