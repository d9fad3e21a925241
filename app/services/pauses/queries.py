"""What the pause pages show: every pause and extension, the site-wide pause open now, and the
petitions an admin may pause."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import DeadlineExtension, Pause, Petition
from app.models.pause import SITE_SCOPE
from app.rules.lifecycle import PetitionStatus


def open_site_pause(now: datetime) -> Pause | None:
    """The site-wide pause open at ``now``, if any (for the banner on every page)."""
    return db.session.scalar(
        sa.select(Pause).where(
            Pause.scope_key == SITE_SCOPE, Pause.started_at <= now, Pause.ended_at.is_(None)
        )
    )


def fetch_pauses() -> list[Pause]:
    """Every pause, open ones first, then newest first (the public log and the admin page)."""
    return list(
        db.session.scalars(
            sa.select(Pause)
            .options(joinedload(Pause.started_by), joinedload(Pause.ended_by))
            .order_by(Pause.ended_at.is_not(None), Pause.started_at.desc(), Pause.id.desc())
        )
    )


def fetch_extensions() -> list[DeadlineExtension]:
    """Every deadline extension, newest first."""
    return list(
        db.session.scalars(
            sa.select(DeadlineExtension)
            .options(joinedload(DeadlineExtension.pause))
            .order_by(DeadlineExtension.created_at.desc(), DeadlineExtension.id.desc())
        )
    )


def collecting_petitions(now: datetime) -> list[Petition]:
    """Petitions that may be paused now (collecting and before their deadline)."""
    return list(
        db.session.scalars(
            sa.select(Petition)
            .where(Petition.status == PetitionStatus.COLLECTING, Petition.closes_at > now)
            .options(joinedload(Petition.deputy))
            .order_by(Petition.id)
        )
    )
