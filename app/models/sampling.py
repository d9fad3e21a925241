"""Random-sample verification: a seed published before the draw, and a verdict per item."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, enum_column, utcnow
from app.models.petition import Petition
from app.models.signature import Signature


class SampleDraw(Base):
    __tablename__ = "sample_draws"
    __table_args__ = (
        sa.CheckConstraint("drawn_at IS NULL OR drawn_at >= seed_published_at", "seed_first"),
        sa.CheckConstraint("sample_size IS NULL OR sample_size > 0", "size_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), unique=True)
    #: Hex seed, public from ``seed_published_at``; the draw is a pure function of it.
    seed: Mapped[str] = mapped_column(sa.String(64))
    seed_published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    drawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: Raw signatures the sample was drawn from (duplicates and invalid ones included).
    population: Mapped[int | None]
    sample_size: Mapped[int | None]

    petition: Mapped[Petition] = relationship()


class Verdict(enum.StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    #: Valid, but the same person signed again elsewhere in the petition (CCR §20531).
    DUPLICATE = "duplicate"


class SampleItem(Base):
    __tablename__ = "sample_items"
    __table_args__ = (
        sa.UniqueConstraint("draw_id", "signature_id"),
        sa.UniqueConstraint("draw_id", "position"),
        sa.CheckConstraint("(verdict IS NULL) = (verdict_by_id IS NULL)", "verdict_has_officer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("sample_draws.id"))
    signature_id: Mapped[int] = mapped_column(sa.ForeignKey("signatures.id"))
    position: Mapped[int]
    verdict: Mapped[Verdict | None] = mapped_column(enum_column(Verdict, "sample_verdict"))
    reason: Mapped[str | None] = mapped_column(sa.String(64))
    verdict_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    verdict_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    draw: Mapped[SampleDraw] = relationship()
    signature: Mapped[Signature] = relationship()
