"""Which petitions a commission officer may work on: those of the bodies and regions they are
assigned to. Admins work on every petition, manage the officers' accounts and assignments and
choose each body's rule set; every such action is audited (before, after, reason)."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.database import get_locked, transaction
from app.extensions import db
from app.models import Body, Constituency, Deputy, OfficerAssignment, Petition, Region, Role, User
from app.models.base import utcnow
from app.services.accounts.commands import (
    MAX_DISPLAY_NAME_LENGTH,
    MAX_EMAIL_LENGTH,
    normalise_email,
    password_problem,
)
from app.services.audit import chain as audit
from app.services.law import rule_sets


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


def petition_ids(user: User) -> sa.Select | None:
    """The ids of the petitions ``user`` may see, as a subquery; None for an admin (all)."""
    if user.role is Role.ADMIN:
        return None
    return sa.select(Petition.id).where(scope_filter(user))


def may_work_on(user: User, petition_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(Petition.id).where(Petition.id == petition_id, scope_filter(user))
        )
        is not None
    )


def staff_in_scope(officer_id: int | None, petition_id: int) -> User | None:
    """The user ``officer_id`` if they are commission staff who may work on ``petition_id``,
    else None. Use cases that take an officer id check it themselves: a view's guard is not
    enough, a use case must not rely on its caller."""
    officer = db.session.get(User, officer_id) if officer_id is not None else None
    if officer is None or officer.role not in (Role.COMMISSION, Role.ADMIN):
        return None
    return officer if may_work_on(officer, petition_id) else None


class OfficerError(Exception):
    """An admin action that cannot be done; the message says why, for the admin."""


@dataclass(frozen=True)
class OfficerRow:
    officer: User
    assignments: list[OfficerAssignment]


def list_officers() -> list[OfficerRow]:
    """Every commission officer with their assignments, by name."""
    officers = db.session.scalars(
        sa.select(User).where(User.role == Role.COMMISSION).order_by(User.display_name, User.id)
    ).all()
    assignments = db.session.scalars(
        sa.select(OfficerAssignment)
        .options(joinedload(OfficerAssignment.body), joinedload(OfficerAssignment.region))
        .order_by(OfficerAssignment.id)
    ).all()
    by_user: dict[int, list[OfficerAssignment]] = {}
    for assignment in assignments:
        by_user.setdefault(assignment.user_id, []).append(assignment)
    return [OfficerRow(officer, by_user.get(officer.id, [])) for officer in officers]


def list_bodies() -> list[Body]:
    return db.session.scalars(
        sa.select(Body).options(joinedload(Body.region)).order_by(Body.name, Body.id)
    ).all()


def list_regions() -> list[Region]:
    return db.session.scalars(sa.select(Region).order_by(Region.name, Region.id)).all()


def create_officer(
    *, email: str, display_name: str, password: str, actor: User, reason: str = ""
) -> User:
    """A new commission officer account; the address counts as confirmed (an admin made it)."""
    return create_staff_account(
        email=email,
        display_name=display_name,
        password=password,
        role=Role.COMMISSION,
        actor=actor,
        reason=reason,
    )


def create_staff_account(
    *,
    email: str,
    display_name: str,
    password: str,
    role: Role,
    actor: User | None,
    reason: str = "",
    deputy_id: int | None = None,
    actor_label: str | None = None,
) -> User:
    """An account made by an admin (page or command line) for a role nobody may sign up for."""
    email = normalise_email(email)
    display_name = display_name.strip()
    if not email or "@" not in email or len(email) > MAX_EMAIL_LENGTH:
        raise OfficerError(_("Give a valid email address."))
    if not display_name or len(display_name) > MAX_DISPLAY_NAME_LENGTH:
        raise OfficerError(_("Give a name of up to 200 characters."))
    if problem := password_problem(password, email):
        raise OfficerError(problem)
    if deputy_id is not None and role is not Role.DEPUTY:
        raise OfficerError(_("Only a deputy account speaks for a deputy."))
    if deputy_id is not None and db.session.get(Deputy, deputy_id) is None:
        raise OfficerError(_("No such deputy."))
    user = User(
        email=email,
        display_name=display_name,
        role=role,
        deputy_id=deputy_id,
        email_confirmed_at=utcnow(),
    )
    user.set_password(password)
    try:
        with transaction():
            db.session.add(user)
            db.session.flush()
            audit.record(
                "user.created",
                "user",
                user.id,
                actor=actor,
                actor_label=actor_label,
                details={
                    "before": None,
                    "after": {"email": email, "role": role.value, "deputy_id": deputy_id},
                    "reason": reason or "staff account created",
                },
            )
    except IntegrityError:
        raise OfficerError(
            _("An account with this email address (or for this deputy) already exists.")
        ) from None
    return user


def assign(
    officer_id: int,
    *,
    actor: User,
    body_id: int | None = None,
    region_id: int | None = None,
    reason: str = "",
) -> OfficerAssignment:
    """Assign an officer to one body or to one region (exactly one of the two)."""
    if (body_id is None) == (region_id is None):
        raise OfficerError(_("Choose either a body or a region."))
    try:
        with transaction():
            officer = get_locked(User, officer_id)
            if officer is None or officer.role is not Role.COMMISSION:
                raise OfficerError(_("No such officer."))
            if body_id is not None and db.session.get(Body, body_id) is None:
                raise OfficerError(_("No such body."))
            if region_id is not None and db.session.get(Region, region_id) is None:
                raise OfficerError(_("No such region."))
            assignment = OfficerAssignment(
                user_id=officer_id, body_id=body_id, region_id=region_id, created_by_id=actor.id
            )
            db.session.add(assignment)
            db.session.flush()
            audit.record(
                "officer.assigned",
                "user",
                officer_id,
                actor=actor,
                details={
                    "before": None,
                    "after": _assignment_state(assignment),
                    "reason": reason or "assigned",
                },
            )
    except IntegrityError:
        raise OfficerError(_("The officer already has this assignment.")) from None
    return assignment


def unassign(assignment_id: int, *, actor: User, reason: str = "") -> None:
    """Remove one assignment; the officer no longer sees that body's or region's petitions."""
    with transaction():
        assignment = get_locked(OfficerAssignment, assignment_id)
        if assignment is None:
            raise OfficerError(_("No such assignment."))
        before = _assignment_state(assignment)
        db.session.delete(assignment)
        audit.record(
            "officer.unassigned",
            "user",
            before["user_id"],
            actor=actor,
            details={"before": before, "after": None, "reason": reason or "unassigned"},
        )


def change_rule_set(body_id: int, code: str, *, actor: User, reason: str = "") -> Body:
    """Set the rule set of a body's future petitions (a petition keeps the one it began with)."""
    if code not in rule_sets():
        raise OfficerError(_("Choose a rule set from the list."))
    with transaction():
        body = get_locked(Body, body_id)
        if body is None:
            raise OfficerError(_("No such body."))
        before = body.rule_set_code
        if before == code:
            raise OfficerError(_("The body already uses this rule set."))
        body.rule_set_code = code
        audit.record(
            "body.rule_set_changed",
            "body",
            body.id,
            actor=actor,
            details={
                "before": {"rule_set_code": before},
                "after": {"rule_set_code": code},
                "reason": reason or "rule set changed",
            },
        )
    return body


def _assignment_state(assignment: OfficerAssignment) -> dict:
    return {
        "id": assignment.id,
        "user_id": assignment.user_id,
        "body_id": assignment.body_id,
        "region_id": assignment.region_id,
    }
