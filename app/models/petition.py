"""A recall petition against one deputy, and its lifecycle state."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.iin import mask_iins
from app.models.base import Base, UTCDateTime, enum_column, utcnow
from app.models.deputy import Deputy
from app.models.geography import Constituency
from app.models.user import User
from app.rules.lifecycle import (
    ACTIVE,
    NOT_YET_PUBLIC,
    PAPER_ENTRY,
    REVIEWABLE,
    PetitionStatus,
    may_move,
)
from app.rules.objections import AFTER_CERTIFICATION, BEFORE_CERTIFICATION
from app.rules.ruleset import RuleSet

_ACTIVE_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in sorted(ACTIVE)))

#: The moment each status is reached is kept in its own column (the audit log has the rest).
_TIMESTAMP_OF = {
    PetitionStatus.FILED: "filed_at",
    PetitionStatus.COLLECTING: "opened_at",
    PetitionStatus.COLLECTION_CLOSED: "closed_at",
    PetitionStatus.SUFFICIENT: "certified_at",
    PetitionStatus.INSUFFICIENT: "certified_at",
}


class IllegalTransition(Exception):
    def __init__(self, current: PetitionStatus, wanted: PetitionStatus) -> None:
        super().__init__(f"a petition cannot go from {current} to {wanted}")
        self.current = current
        self.wanted = wanted


class Petition(Base):
    __tablename__ = "petitions"
    __table_args__ = (
        # At most one open petition per deputy; finished ones stay as history.
        sa.Index(
            "uq_petitions_active_deputy",
            "deputy_id",
            unique=True,
            sqlite_where=sa.text(_ACTIVE_SQL),
            postgresql_where=sa.text(_ACTIVE_SQL),
        ),
        sa.CheckConstraint("electorate IS NULL OR electorate > 0", "electorate_positive"),
        sa.CheckConstraint(
            "closes_at IS NULL OR opened_at IS NOT NULL AND closes_at > opened_at", "window_order"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deputy_id: Mapped[int] = mapped_column(sa.ForeignKey("deputies.id"), index=True)
    constituency_id: Mapped[int] = mapped_column(sa.ForeignKey("constituencies.id"), index=True)
    #: The rule set (code and version) the petition runs under, fixed when it is created.
    rule_set_code: Mapped[str] = mapped_column(sa.String(64))
    rule_set_version: Mapped[int]
    status: Mapped[PetitionStatus] = mapped_column(
        enum_column(PetitionStatus, "petition_status"), default=PetitionStatus.DRAFT, index=True
    )
    statement: Mapped[str] = mapped_column(sa.Text, default="")
    #: SHA-256 of the statement, frozen when the petition is filed.
    statement_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Collection opened (the petition was registered).
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Collection deadline, computed from the rule set when collection opens.
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    certified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Voters of the constituency in the active register when collection opened (denominator).
    electorate: Mapped[int | None]
    signatures_required: Mapped[int | None]
    #: SHA-256 of the secret in the initiative group's invitation link (the link itself is
    #: shown to the initiator only).
    invite_token_hash: Mapped[str | None] = mapped_column(sa.String(64))

    deputy: Mapped[Deputy] = relationship()
    constituency: Mapped[Constituency] = relationship()
    created_by: Mapped[User | None] = relationship()

    def move_to(self, status: PetitionStatus, rule_set: RuleSet, at: datetime) -> PetitionStatus:
        """Change status if the rule set's procedure allows it; return the previous status.

        Raises ``IllegalTransition`` otherwise, leaving the petition unchanged.
        """
        if rule_set.code != self.rule_set_code:
            raise ValueError(
                f"petition {self.id} runs under {self.rule_set_code}, not {rule_set.code}"
            )
        allowed = may_move(
            self.status,
            status,
            trigger=rule_set.trigger.value,
            outcome=rule_set.outcome.value.kind,
        )
        if not allowed:
            raise IllegalTransition(self.status, status)
        previous, self.status = self.status, status
        if status is PetitionStatus.FILED:
            self.statement_sha256 = hashlib.sha256(self.statement.encode()).hexdigest()
        if status in _TIMESTAMP_OF:
            setattr(self, _TIMESTAMP_OF[status], at)
        return previous

    @validates("statement")
    def _statement_frozen_once_filed(self, key: str, value: str) -> str:
        # Masked on assignment (not only in the database) so that the SHA-256 taken at filing
        # is the hash of the text stored and shown.
        value = mask_iins(value) if isinstance(value, str) else value
        if self.statement_sha256 is not None and value != self.statement:
            raise ValueError("the statement is frozen once the petition is filed")
        return value

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_public(self) -> bool:
        return self.status not in NOT_YET_PUBLIC

    @property
    def awaiting_registration(self) -> bool:
        return self.status is PetitionStatus.FILED

    @property
    def is_collecting(self) -> bool:
        return self.status is PetitionStatus.COLLECTING

    @property
    def accepts_paper(self) -> bool:
        """Paper sheets may be registered, keyed and accepted now."""
        return self.status in PAPER_ENTRY

    @property
    def is_reviewable(self) -> bool:
        """Officers may decide on its signatures now."""
        return self.status in REVIEWABLE

    @property
    def objections_stage(self) -> bool:
        """In a status where objections to invalidations may be taken: collection, verification,
        and after certification until the outcome (the voting day decides the rest:
        ``app.rules.objections.objections_taken``)."""
        return self.status in BEFORE_CERTIFICATION | AFTER_CERTIFICATION

    @property
    def is_votable(self) -> bool:
        """Certified sufficient or past it on the way to a recall vote: the vote's part of the
        procedure applies (where the rule set holds a vote)."""
        return self.status.in_vote_stage

    def __repr__(self) -> str:
        return f"<Petition {self.id} {self.status}>"
