"""Paper signature sheets, keyed twice by different officers before they count."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeString, UTCDateTime, enum_column, utcnow
from app.models.petition import Petition
from app.models.user import User


class PaperBatch(Base):
    """Sheets handed in together by one collector."""

    __tablename__ = "paper_batches"
    __table_args__ = (sa.CheckConstraint("first_sheet <= last_sheet", "sheet_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), index=True)
    collector: Mapped[str] = mapped_column(FreeString(200))
    received_on: Mapped[date]
    first_sheet: Mapped[int]
    last_sheet: Mapped[int]
    registered_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    petition: Mapped[Petition] = relationship()
    registered_by: Mapped[User] = relationship()


class SheetStatus(enum.StrEnum):
    REGISTERED = "registered"  #: received, nobody has keyed it yet
    KEYED_ONCE = "keyed_once"  #: waiting for the blind second keying
    MISMATCHED = "mismatched"  #: both keyings differ somewhere; an officer resolves each line
    ACCEPTED = "accepted"  #: its signatures are recorded and count


class PaperSheet(Base):
    __tablename__ = "paper_sheets"
    __table_args__ = (
        # A sheet number is unique within a petition, across batches.
        sa.UniqueConstraint("petition_id", "number"),
        sa.CheckConstraint("number > 0", "number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("paper_batches.id"), index=True)
    number: Mapped[int]
    status: Mapped[SheetStatus] = mapped_column(
        enum_column(SheetStatus, "sheet_status"), default=SheetStatus.REGISTERED
    )
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    batch: Mapped[PaperBatch] = relationship()

    @property
    def is_accepted(self) -> bool:
        """Both keyings agreed (or were resolved): its signatures are recorded."""
        return self.status is SheetStatus.ACCEPTED


class KeyingRound(enum.IntEnum):
    FIRST = 1
    SECOND = 2
    #: The values an officer settled on for the lines where the two keyings differ.
    RESOLUTION = 3


class PaperKeying(Base):
    """One officer's entry of a whole sheet."""

    __tablename__ = "paper_keyings"
    __table_args__ = (
        sa.UniqueConstraint("sheet_id", "round"),
        sa.CheckConstraint("round IN (1, 2, 3)", "round_known"),
        # The two blind keyings of a sheet come from two different officers (the resolution
        # may come from either of them or a third).
        sa.Index(
            "uq_paper_keyings_officer",
            "sheet_id",
            "officer_id",
            unique=True,
            sqlite_where=sa.text("round IN (1, 2)"),
            postgresql_where=sa.text("round IN (1, 2)"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(sa.ForeignKey("paper_sheets.id"))
    round: Mapped[int]
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    keyed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sheet: Mapped[PaperSheet] = relationship()
    officer: Mapped[User] = relationship()


class PaperLine(Base):
    """One line of a sheet as one keying read it; blank fields stay null (incomplete)."""

    __tablename__ = "paper_lines"
    __table_args__ = (
        sa.UniqueConstraint("keying_id", "line_number"),
        sa.CheckConstraint("line_number > 0", "line_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    keying_id: Mapped[int] = mapped_column(sa.ForeignKey("paper_keyings.id"))
    line_number: Mapped[int]
    iin_hash: Mapped[bytes | None] = mapped_column(sa.LargeBinary(32))
    iin_encrypted: Mapped[bytes | None] = mapped_column(sa.LargeBinary(64))
    last_name: Mapped[str | None] = mapped_column(sa.String(100))
    first_name: Mapped[str | None] = mapped_column(sa.String(100))
    birth_date: Mapped[date | None]
    signed_on: Mapped[date | None]

    keying: Mapped[PaperKeying] = relationship()
