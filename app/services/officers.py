"""Which petitions a commission officer may work on: those of the bodies and regions they are
assigned to. Admins work on every petition."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Body, Constituency, OfficerAssignment, Petition, Role, User


def scope_filter(user: User) -> sa.ColumnElement[bool]:
    """A WHERE clause on ``Petition`` keeping the petitions ``user`` may see."""
    if user.role is Role.ADMIN:
        return sa.true()
    if user.role is not Role.COMMISSION:
        return sa.false()
    bodies = sa.select(OfficerAssignment.body_id).where(
        OfficerAssignment.user_id == user.id, OfficerAssignment.body_id.is_not(None)
    )
    regions = sa.select(OfficerAssignment.region_id).where(
        OfficerAssignment.user_id == user.id, OfficerAssignment.region_id.is_not(None)
    )
    in_scope = (
        sa.select(Constituency.id)
        .join(Body, Body.id == Constituency.body_id)
        .where(
            sa.or_(
                Constituency.body_id.in_(bodies),
                Constituency.region_id.in_(regions),
                Body.region_id.in_(regions),
            )
        )
    )
    return Petition.constituency_id.in_(in_scope)


def may_work_on(user: User, petition_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(Petition.id).where(Petition.id == petition_id, scope_filter(user))
        )
        is not None
    )
