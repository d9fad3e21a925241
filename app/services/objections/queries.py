"""Objections of a petition, and whether any is still open (certification waits for them)."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Objection, ObjectionStatus


def open_objections(petition_id: int) -> int:
    """How many objections of the petition wait for a decision."""
    return db.session.scalar(
        sa.select(sa.func.count(Objection.id)).where(
            Objection.petition_id == petition_id, Objection.status == ObjectionStatus.OPEN
        )
    )


def objections_of(petition_id: int) -> list[Objection]:
    """Every objection of the petition, open ones first, then newest first."""
    return list(
        db.session.scalars(
            sa.select(Objection)
            .where(Objection.petition_id == petition_id)
            .order_by((Objection.status == ObjectionStatus.OPEN).desc(), Objection.id.desc())
        )
    )
