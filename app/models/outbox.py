"""Mail waiting to be sent: written in the same transaction as the change it reports."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        sa.Index("ix_outbox_unsent", "sent_at", "next_attempt_at"),
        # An event's message reaches each address once, however often the dispatcher runs.
        sa.UniqueConstraint("event_id", "to_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    #: The recipient's language when the message was written.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    #: The petition event this message reports, if any.
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("petition_events.id"))
    #: One-click unsubscribe link (``List-Unsubscribe``) for optional messages; null if required.
    unsubscribe_url: Mapped[str | None] = mapped_column(sa.String(500))
