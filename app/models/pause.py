"""Pauses of signing (site-wide or one petition) and the deadline extensions they caused.

Both are public: every pause and extension is listed with its reason, so that a changed deadline
can be justified later.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeString, UTCDateTime, utcnow
from app.models.petition import Petition
from app.models.user import User

SITE_SCOPE = "site"


def petition_scope(petition_id: int) -> str:
    return f"petition:{petition_id}"


class Pause(Base):
    __tablename__ = "pauses"
    __table_args__ = (
        # At most one open pause per scope (the whole site, or one petition).
        sa.Index(
            "uq_pauses_open_scope",
            "scope_key",
            unique=True,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        ),
        sa.CheckConstraint("ended_at IS NULL OR ended_at >= started_at", "end_after_start"),
        sa.CheckConstraint(
            "(petition_id IS NULL) = (scope_key = 'site')", "scope_matches_petition"
        ),
        sa.CheckConstraint("(ended_at IS NULL) = (ended_by_id IS NULL)", "end_has_officer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Null: every petition (site-wide).
    petition_id: Mapped[int | None] = mapped_column(sa.ForeignKey("petitions.id"), index=True)
    #: ``site`` or ``petition:<id>`` (see ``petition_scope``), for the one-open-pause index.
    scope_key: Mapped[str] = mapped_column(sa.String(32))
    reason: Mapped[str] = mapped_column(FreeString(1000))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    petition: Mapped[Petition | None] = relationship()
    started_by: Mapped[User] = relationship(foreign_keys=[started_by_id])
    ended_by: Mapped[User | None] = relationship(foreign_keys=[ended_by_id])

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class DeadlineExtension(Base):
    __tablename__ = "deadline_extensions"
    __table_args__ = (
        # A pause extends a petition's deadline once.
        sa.UniqueConstraint("petition_id", "pause_id"),
        sa.CheckConstraint("new_closes_at > previous_closes_at", "extends"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    pause_id: Mapped[int] = mapped_column(sa.ForeignKey("pauses.id"))
    previous_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    petition: Mapped[Petition] = relationship()
    pause: Mapped[Pause] = relationship()
