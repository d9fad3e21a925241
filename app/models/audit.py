"""The append-only audit log of administrative changes.

Rows are only ever inserted: database triggers (created by migration 0001) refuse UPDATE and
DELETE, and the ORM refuses them too so that a bug fails loudly before it reaches the database.
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

    __table_args__ = (sa.Index("ix_audit_log_object", "object_type", "object_id"),)


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")
