"""An objection to the invalidation of a signature, and the officer's decision on it."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeString, UTCDateTime, enum_column, utcnow
from app.models.petition import Petition
from app.models.signature import Signature
from app.models.user import User


class ObjectionStatus(enum.StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  #: the signature counts again
    DISMISSED = "dismissed"  #: the invalidation stands


class Objector(enum.StrEnum):
    SIGNER = "signer"  #: by receipt code, signed in or not
    INITIATOR = "initiator"  #: a member of the petition's initiative group


_OPEN_SQL = "status = 'open'"


class Objection(Base):
    """A signer or an initiator objects to an invalidation; an officer in scope decides."""

    __tablename__ = "objections"
    __table_args__ = (
        sa.Index(
            "uq_objections_open_signature",
            "signature_id",
            unique=True,
            sqlite_where=sa.text(_OPEN_SQL),
            postgresql_where=sa.text(_OPEN_SQL),
        ),
        sa.CheckConstraint("(status = 'open') = (decided_by_id IS NULL)", "decision_has_officer"),
        sa.CheckConstraint("objector = 'signer' OR user_id IS NOT NULL", "initiator_signed_in"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), index=True)
    signature_id: Mapped[int] = mapped_column(sa.ForeignKey("signatures.id"), index=True)
    objector: Mapped[Objector] = mapped_column(enum_column(Objector, "objector"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    statement: Mapped[str] = mapped_column(FreeString(2000))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[ObjectionStatus] = mapped_column(
        enum_column(ObjectionStatus, "objection_status"), default=ObjectionStatus.OPEN
    )
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str | None] = mapped_column(FreeString(2000))

    petition: Mapped[Petition] = relationship()
    signature: Mapped[Signature] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_open(self) -> bool:
        return self.status is ObjectionStatus.OPEN
