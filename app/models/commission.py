"""Which bodies and regions a commission officer works for."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.geography import Body, Region
from app.models.user import User


class OfficerAssignment(Base):
    """An officer works on the petitions of one body, or of every body in one region."""

    __tablename__ = "officer_assignments"
    __table_args__ = (
        sa.CheckConstraint("(body_id IS NULL) <> (region_id IS NULL)", "body_or_region"),
        sa.UniqueConstraint("user_id", "body_id"),
        sa.UniqueConstraint("user_id", "region_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    body_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bodies.id"))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    body: Mapped[Body | None] = relationship()
    region: Mapped[Region | None] = relationship()
