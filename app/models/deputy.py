"""Parties and the deputies elected in single-mandate constituencies."""

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column
from app.models.geography import Constituency, LocalizedNameMixin


class Party(LocalizedNameMixin, Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)


class DeputyStatus(enum.StrEnum):
    SERVING = "serving"
    RECALLED = "recalled"
    ENDED = "ended"


class Deputy(Base):
    __tablename__ = "deputies"
    __table_args__ = (
        # One serving deputy per seat; recalled and former deputies stay as history.
        sa.Index(
            "uq_deputies_serving_constituency",
            "constituency_id",
            unique=True,
            sqlite_where=sa.text("status = 'serving'"),
            postgresql_where=sa.text("status = 'serving'"),
        ),
        sa.CheckConstraint("mandate_end IS NULL OR mandate_end > mandate_start", "mandate_order"),
        sa.CheckConstraint("election_date <= mandate_start", "elected_before_mandate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    #: Null means self-nominated.
    party_id: Mapped[int | None] = mapped_column(sa.ForeignKey("parties.id"))
    constituency_id: Mapped[int] = mapped_column(sa.ForeignKey("constituencies.id"))
    election_date: Mapped[date]
    mandate_start: Mapped[date]
    #: The end of the term as scheduled, or the day the mandate actually ended.
    mandate_end: Mapped[date | None]
    status: Mapped[DeputyStatus] = mapped_column(
        enum_column(DeputyStatus, "deputy_status"), default=DeputyStatus.SERVING
    )

    party: Mapped[Party | None] = relationship()
    constituency: Mapped[Constituency] = relationship()

    @property
    def self_nominated(self) -> bool:
        return self.party_id is None

    def __repr__(self) -> str:
        return f"<Deputy {self.id} {self.full_name!r}>"
