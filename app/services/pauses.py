"""Pauses of signing, site-wide or for one petition, and the deadline extensions they cause."""

from datetime import datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import Pause
from app.models.pause import SITE_SCOPE, petition_scope


def active_pause(petition_id: int, now: datetime) -> Pause | None:
    """The open pause that stops signing on the petition at ``now`` (its own or site-wide)."""
    return db.session.scalar(
        sa.select(Pause)
        .where(
            Pause.scope_key.in_((SITE_SCOPE, petition_scope(petition_id))),
            Pause.started_at <= now,
            Pause.ended_at.is_(None),
        )
        .order_by(Pause.started_at)
        .limit(1)
    )
