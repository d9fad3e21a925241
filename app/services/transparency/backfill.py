"""Use case: log the signatures that have no leaf yet (``flask log backfill``).

A site that already held signatures before the log existed, or data loaded around the use cases
(the demo's back story), gets one leaf per such signature: ``signature.signed`` for an online
one, ``signature.accepted`` for a paper one, with its status now and its signing time, in
signing order. A signature that has any leaf is left alone, so running it again adds nothing.
"""

from datetime import datetime

import sqlalchemy as sa

from app.database import transaction
from app.extensions import db
from app.models import Channel, LogEntry, Signature
from app.rules.log_leaves import LogEvent
from app.services.audit import chain as audit
from app.services.transparency.record import log_signatures, signature_event


def log_unlogged_signatures(now: datetime, *, actor_label: str = "cli") -> int:
    """Append a leaf for every signature without one; how many were appended."""
    with transaction():
        logged = sa.select(LogEntry.signature_id).where(LogEntry.signature_id.is_not(None))
        rows = db.session.execute(
            sa.select(
                Signature.id,
                Signature.petition_id,
                Signature.channel,
                Signature.status,
                Signature.invalid_reason,
                Signature.signed_at,
            )
            .where(Signature.id.not_in(logged))
            .order_by(Signature.signed_at, Signature.id)
        ).all()
        log_signatures(
            signature_event(
                LogEvent.ACCEPTED if row.channel == Channel.PAPER else LogEvent.SIGNED,
                petition_id=row.petition_id,
                signature_id=row.id,
                status=row.status,
                at=row.signed_at,
                reason=row.invalid_reason,
            )
            for row in rows
        )
        if rows:
            audit.record(
                "log.backfilled",
                "transparency_log",
                None,
                actor_label=actor_label,
                details={"signatures": len(rows), "reason": "signatures without a leaf"},
                at=now,
            )
    return len(rows)
