"""The certified result of a petition (two officers) and the recall vote that may follow."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeString, UTCDateTime, enum_column, utcnow
from app.models.petition import Petition
from app.models.user import User


class CertifiedResult(enum.StrEnum):
    SUFFICIENT = "sufficient"
    INSUFFICIENT = "insufficient"


class ProposalStatus(enum.StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


_OPEN_SQL = "status IN ('proposed', 'confirmed')"


class Certification(Base):
    """One officer proposes the result; a different officer confirms or rejects it."""

    __tablename__ = "certifications"
    __table_args__ = (
        sa.Index(
            "uq_certifications_open_petition",
            "petition_id",
            unique=True,
            sqlite_where=sa.text(_OPEN_SQL),
            postgresql_where=sa.text(_OPEN_SQL),
        ),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> proposed_by_id", "two_officers"
        ),
        sa.CheckConstraint(
            "(status = 'proposed') = (decided_by_id IS NULL)", "decision_has_officer"
        ),
        sa.CheckConstraint("valid_signatures >= 0", "valid_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), index=True)
    result: Mapped[CertifiedResult] = mapped_column(
        enum_column(CertifiedResult, "certified_result")
    )
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus, "proposal_status"), default=ProposalStatus.PROPOSED
    )
    #: The figures the proposal rests on, frozen when it is made.
    valid_signatures: Mapped[int]
    signatures_required: Mapped[int]
    method: Mapped[str] = mapped_column(sa.String(32))  #: full_count or sampling
    comment: Mapped[str] = mapped_column(FreeString(2000), default="")
    proposed_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    petition: Mapped[Petition] = relationship()
    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_open(self) -> bool:
        """Proposed and not yet confirmed or rejected."""
        return self.status is ProposalStatus.PROPOSED

    @property
    def is_confirmed(self) -> bool:
        return self.status is ProposalStatus.CONFIRMED

    @property
    def is_rejected(self) -> bool:
        return self.status is ProposalStatus.REJECTED

    def can_confirm(self, user_id: int) -> bool:
        """Whether ``user_id`` may confirm (or reject) it: the two-officer rule wants an officer
        other than the one who proposed it."""
        return self.is_open and user_id != self.proposed_by_id


class VoteResult(enum.StrEnum):
    RECALLED = "recalled"
    RETAINED = "retained"


class RecallVote(Base):
    __tablename__ = "recall_votes"
    __table_args__ = (
        sa.CheckConstraint(
            "result IS NULL OR (electorate > 0 AND turnout <= electorate"
            " AND yes_votes >= 0 AND no_votes >= 0 AND yes_votes + no_votes <= turnout)",
            "figures_consistent",
        ),
        sa.CheckConstraint("(result IS NULL) = (recorded_by_id IS NULL)", "result_has_officer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), unique=True)
    voting_day: Mapped[date]
    scheduled_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    electorate: Mapped[int | None]
    turnout: Mapped[int | None]
    yes_votes: Mapped[int | None]
    no_votes: Mapped[int | None]
    result: Mapped[VoteResult | None] = mapped_column(enum_column(VoteResult, "vote_result"))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    petition: Mapped[Petition] = relationship()

    @property
    def recalled(self) -> bool:
        return self.result is VoteResult.RECALLED

    @property
    def retained(self) -> bool:
        return self.result is VoteResult.RETAINED
