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
    #: After certification: one officer proposed to uphold it; a different officer confirms.
    PROPOSED_UPHOLD = "proposed_uphold"
    UPHELD = "upheld"  #: the signature counts again
    DISMISSED = "dismissed"  #: the invalidation stands


class Objector(enum.StrEnum):
    SIGNER = "signer"  #: by receipt code, signed in or not
    INITIATOR = "initiator"  #: a member of the petition's initiative group


#: Waiting for a decision: open, or an uphold proposed and not yet confirmed or rejected.
_PENDING_SQL = "status IN ('open', 'proposed_uphold')"


class Objection(Base):
    """A signer or an initiator objects to an invalidation; an officer in scope decides."""

    __tablename__ = "objections"
    __table_args__ = (
        sa.Index(
            "uq_objections_open_signature",
            "signature_id",
            unique=True,
            sqlite_where=sa.text(_PENDING_SQL),
            postgresql_where=sa.text(_PENDING_SQL),
        ),
        sa.CheckConstraint(f"({_PENDING_SQL}) = (decided_by_id IS NULL)", "decision_has_officer"),
        sa.CheckConstraint(
            "status <> 'proposed_uphold'"
            " OR (proposed_by_id IS NOT NULL AND proposed_at IS NOT NULL)",
            "proposal_has_officer",
        ),
        # The certified result's input is reversed by two people, as it was certified.
        sa.CheckConstraint(
            "proposed_by_id IS NULL OR decided_by_id IS NULL OR decided_by_id <> proposed_by_id",
            "two_officers",
        ),
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
    #: After certification, the officer who proposed to uphold it (the decider confirms).
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    proposed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    petition: Mapped[Petition] = relationship()
    signature: Mapped[Signature] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])

    @property
    def is_open(self) -> bool:
        """Filed, and no officer has acted on it yet."""
        return self.status is ObjectionStatus.OPEN

    @property
    def is_proposed(self) -> bool:
        """An uphold is proposed and waits for a second officer."""
        return self.status is ObjectionStatus.PROPOSED_UPHOLD

    @property
    def is_pending(self) -> bool:
        """Not decided yet (open, or an uphold proposed)."""
        return self.is_open or self.is_proposed

    def can_confirm(self, user_id: int) -> bool:
        """Whether ``user_id`` may confirm (or reject) the proposed uphold: an officer other
        than the one who proposed it."""
        return self.is_proposed and user_id != self.proposed_by_id

    def propose_uphold(self, officer_id: int, reason: str, at: datetime) -> None:
        """The first of the two officers proposes to uphold it (refused unless open)."""
        if not self.is_open:
            raise ValueError(f"objection {self.id} is {self.status}, not open")
        self.status, self.proposed_by_id, self.proposed_at = (
            ObjectionStatus.PROPOSED_UPHOLD,
            officer_id,
            at,
        )
        self.decision_reason = reason

    def withdraw_proposal(self) -> None:
        """The second officer rejected the proposed uphold: the objection is open again."""
        if not self.is_proposed:
            raise ValueError(f"objection {self.id} is {self.status}, no uphold is proposed")
        self.status, self.proposed_by_id, self.proposed_at = ObjectionStatus.OPEN, None, None
        self.decision_reason = None


class CertificationCorrection(Base):
    """The certified count corrected by an objection upheld after certification: the figures
    before and after (the certification itself carries the corrected figures)."""

    __tablename__ = "certification_corrections"
    __table_args__ = (
        sa.CheckConstraint("valid_before >= 0 AND valid_after >= 0", "valid_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(sa.ForeignKey("certifications.id"), index=True)
    #: One correction per upheld objection.
    objection_id: Mapped[int] = mapped_column(sa.ForeignKey("objections.id"), unique=True)
    valid_before: Mapped[int]
    valid_after: Mapped[int]
    signatures_required: Mapped[int]
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    objection: Mapped[Objection] = relationship()
