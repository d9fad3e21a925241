"""The voter register: immutable snapshots of imported voter lists, one of them active."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.geography import Constituency, PollingStation


class RegisterSnapshot(Base):
    __tablename__ = "register_snapshots"
    __table_args__ = (
        # The database, not the code, guarantees a single register in force.
        sa.Index(
            "uq_register_snapshots_single_active",
            "is_active",
            unique=True,
            sqlite_where=sa.text("is_active"),
            postgresql_where=sa.text("is_active"),
        ),
        sa.CheckConstraint("imported_count + rejected_count = row_count", "counts_add_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_date: Mapped[date]
    #: SHA-256 of the source file; the same file cannot be imported twice.
    source_checksum: Mapped[str] = mapped_column(sa.String(64), unique=True)
    source_name: Mapped[str] = mapped_column(sa.String(255))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_count: Mapped[int]
    imported_count: Mapped[int]
    rejected_count: Mapped[int]
    is_active: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<RegisterSnapshot {self.id} {self.snapshot_date} active={self.is_active}>"


class Voter(Base):
    """One row of a register snapshot. The IIN is never stored readable."""

    __tablename__ = "voters"
    __table_args__ = (
        sa.UniqueConstraint("snapshot_id", "iin_hash"),
        sa.Index("ix_voters_snapshot_constituency", "snapshot_id", "constituency_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(sa.ForeignKey("register_snapshots.id"))
    #: HMAC-SHA256 of the IIN under the data key: finds a person without revealing the IIN.
    iin_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    #: AES-GCM ciphertext of the IIN, for authorised exports only.
    iin_encrypted: Mapped[bytes] = mapped_column(sa.LargeBinary(64))
    last_name: Mapped[str] = mapped_column(sa.String(100))
    first_name: Mapped[str] = mapped_column(sa.String(100))
    middle_name: Mapped[str | None] = mapped_column(sa.String(100))
    birth_date: Mapped[date]
    constituency_id: Mapped[int] = mapped_column(sa.ForeignKey("constituencies.id"))
    polling_station_id: Mapped[int] = mapped_column(sa.ForeignKey("polling_stations.id"))
    address: Mapped[str | None] = mapped_column(sa.String(300))

    snapshot: Mapped[RegisterSnapshot] = relationship()
    constituency: Mapped[Constituency] = relationship()
    polling_station: Mapped[PollingStation] = relationship()


class RegisterCount(Base):
    """Voters per constituency in a snapshot, counted once at import (snapshots never change)."""

    __tablename__ = "register_counts"

    snapshot_id: Mapped[int] = mapped_column(
        sa.ForeignKey("register_snapshots.id"), primary_key=True
    )
    constituency_id: Mapped[int] = mapped_column(
        sa.ForeignKey("constituencies.id"), primary_key=True
    )
    voters: Mapped[int] = mapped_column(sa.CheckConstraint("voters >= 0", "voters_non_negative"))
