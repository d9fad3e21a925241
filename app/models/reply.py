"""The deputy's formal reply to a petition: one reply, every edit kept as a new version."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeText, UTCDateTime, utcnow
from app.models.deputy import Deputy
from app.models.petition import Petition
from app.models.user import User

REPLY_MAX_CHARS = 5000


class DeputyReply(Base):
    __tablename__ = "deputy_replies"
    __table_args__ = (
        # Two concurrent edits cannot both become version n: the database refuses the second.
        sa.UniqueConstraint("petition_id", "version"),
        sa.CheckConstraint("version >= 1", "version_positive"),
        sa.CheckConstraint(f"length(body) BETWEEN 1 AND {REPLY_MAX_CHARS}", "body_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    deputy_id: Mapped[int] = mapped_column(sa.ForeignKey("deputies.id"))
    #: 1 for the first publication, then one more per edit; the highest is the current reply.
    version: Mapped[int]
    body: Mapped[str] = mapped_column(FreeText)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    petition: Mapped[Petition] = relationship()
    deputy: Mapped[Deputy] = relationship()
    author: Mapped[User] = relationship()
