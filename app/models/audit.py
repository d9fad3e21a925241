"""The append-only, hash-chained audit log of administrative changes.

Rows are only ever inserted: database triggers (created by migration 0001) refuse UPDATE and
DELETE, and the ORM refuses them too so that a bug fails loudly before it reaches the database.
Each entry also carries the SHA-256 of its content and of the entry before it, so a row changed
behind the triggers' back (by someone with direct database access) breaks the chain visibly.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: The acting account, or null for the command line and the system.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: Who acted, readable even without the account (e.g. ``cli``).
    actor_label: Mapped[str] = mapped_column(sa.String(200))
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(64))
    object_id: Mapped[str | None] = mapped_column(sa.String(64))
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: Position in the chain, 1, 2, 3...; unique, so two writers cannot fork the chain.
    seq: Mapped[int] = mapped_column(unique=True)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    entry_hash: Mapped[str] = mapped_column(sa.String(64))

    __table_args__ = (sa.Index("ix_audit_log_object", "object_type", "object_id"),)


class AuditChainHead(Base):
    """The single row holding the chain's last position; writers lock it to append in turn."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (sa.CheckConstraint("id = 1", "single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(sa.String(64))


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")
