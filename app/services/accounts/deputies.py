"""Deputy accounts made by an admin: an account that speaks for one serving deputy.

Nobody signs up as a deputy. An admin (or an operator with ``flask users create --role deputy``)
links an account to a deputy record; the account then sees the deputy's portal and may publish
the formal reply. One account per deputy (``users.deputy_id`` is unique).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Constituency, Deputy, DeputyStatus, Role, User
from app.services.accounts.officers import OfficerError, create_staff_account


def deputies_without_account() -> list[Deputy]:
    """Serving deputies no account speaks for yet, by name (the admin's choice list)."""
    linked = sa.select(User.deputy_id).where(User.deputy_id.is_not(None))
    return list(
        db.session.scalars(
            sa.select(Deputy)
            .where(Deputy.status == DeputyStatus.SERVING, Deputy.id.not_in(linked))
            .options(joinedload(Deputy.constituency).joinedload(Constituency.body))
            .order_by(Deputy.full_name, Deputy.id)
        )
    )


@dataclass(frozen=True)
class DeputyAccount:
    account: User
    deputy: Deputy


def deputy_accounts() -> list[DeputyAccount]:
    """Every deputy account with the deputy it speaks for, by the deputy's name."""
    rows = db.session.execute(
        sa.select(User, Deputy)
        .join(Deputy, Deputy.id == User.deputy_id)
        .where(User.role == Role.DEPUTY)
        .options(joinedload(Deputy.constituency))
        .order_by(Deputy.full_name, User.id)
    ).all()
    return [DeputyAccount(account, deputy) for account, deputy in rows]


def create_deputy_account(
    *,
    deputy_id: int,
    email: str,
    display_name: str,
    password: str,
    actor: User,
    reason: str = "",
) -> User:
    """An account for the serving deputy ``deputy_id`` (the name defaults to the deputy's).

    Raises ``OfficerError`` for a deputy who is not serving, already has an account, or bad
    account details; nothing is created then.
    """
    deputy = db.session.get(Deputy, deputy_id)
    if deputy is None or deputy.status is not DeputyStatus.SERVING:
        raise OfficerError(_("Choose a serving deputy from the list."))
    return create_staff_account(
        email=email,
        display_name=(display_name or "").strip() or deputy.full_name,
        password=password,
        role=Role.DEPUTY,
        deputy_id=deputy.id,
        actor=actor,
        reason=reason or "deputy account created",
    )
