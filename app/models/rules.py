"""Official values entered without code: a new version of a shipped rule set, proposed by one
administrator and confirmed by another (as a certification), in force from a date."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeString, UTCDateTime, enum_column, utcnow
from app.models.certification import ProposalStatus
from app.models.user import User


class RuleSetVersion(Base):
    """Version ``version`` of rule set ``rule_set_code``: ``base_version`` with ``changes``.

    ``changes`` is a list of ``{"name", "value", "confirmed", "law", "article", "url"}``: the
    parameter, its new value as the rule-set file would write it, and its citation. The shipped
    file stays version 1 and the default; a confirmed row governs petitions opening from
    ``valid_from``.
    """

    __tablename__ = "rule_set_versions"
    __table_args__ = (
        sa.UniqueConstraint("rule_set_code", "version"),
        sa.CheckConstraint("version > 1 AND base_version >= 1", "after_shipped"),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> proposed_by_id", "two_admins"
        ),
        sa.CheckConstraint("(status = 'proposed') = (decided_by_id IS NULL)", "decision_has_admin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_set_code: Mapped[str] = mapped_column(sa.String(64), index=True)
    version: Mapped[int]
    base_version: Mapped[int]
    valid_from: Mapped[date]
    changes: Mapped[list] = mapped_column(sa.JSON)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus, "proposal_status"), default=ProposalStatus.PROPOSED
    )
    comment: Mapped[str] = mapped_column(FreeString(2000), default="")
    proposed_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_open(self) -> bool:
        return self.status is ProposalStatus.PROPOSED

    def can_confirm(self, user_id: int) -> bool:
        """Another administrator than the proposer may confirm or reject it."""
        return self.is_open and user_id != self.proposed_by_id
