"""Starting a recall petition: whether the user may start one now and, if not, why
(``start_check``, for the page), and starting it (``start_petition``): the petition, its first
initiator and the first invitation, in one transaction.

The refusals, the statement's limits and the invitation secret are in
``app.services.initiative.common``; the group's own steps in ``app.services.initiative.group``.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import transaction
from app.extensions import db
from app.labels.rules import closed_message
from app.models import (
    Deputy,
    InitiativeMember,
    MemberRole,
    Petition,
    User,
    Voter,
)
from app.rules.lifecycle import ACTIVE, PetitionStatus
from app.rules.ruleset import RuleSet
from app.services.audit import chain as audit
from app.services.initiative import time_bars
from app.services.initiative.common import (
    InitiativeRefused,
    Refusal,
    StatementLimit,
    check_age,
    clean_statement,
    is_initiator,
    new_invitation,
    registered_voter,
    statement_limit,
)
from app.services.law import get_rule_set, rule_set_on
from app.services.petitions.commands import record_transition
from app.services.petitions.queries import PRIVATE_STATUSES
from app.services.voters import serving_deputy


def _active_petition(deputy_id: int) -> Petition | None:
    return db.session.scalar(
        sa.select(Petition).where(Petition.deputy_id == deputy_id, Petition.status.in_(ACTIVE))
    )


@dataclass(frozen=True)
class StartContext:
    voter: Voter
    deputy: Deputy
    rule_set: RuleSet


def _start_context(user: User, now: datetime) -> StartContext:
    """Who the user may start a recall against, now; InitiativeRefused says why not."""
    voter = registered_voter(user)
    deputy = serving_deputy(voter.constituency_id)
    if deputy is None:
        raise InitiativeRefused(
            Refusal.NO_DEPUTY, _("Your constituency has no serving deputy."), voter=voter
        )
    code = voter.constituency.body.rule_set_code
    today = now.astimezone(get_rule_set(code).zone).date()
    found = rule_set_on(code, today)
    if found.version is None:
        raise InitiativeRefused(
            Refusal.RULES_NOT_IN_FORCE,
            closed_message(found.closed, found.since, found.end_reason),
            voter=voter,
            deputy=deputy,
        )
    rule_set = found.version
    check_age(voter, rule_set, now)
    existing = _active_petition(deputy.id)
    if existing is not None:
        raise InitiativeRefused(
            Refusal.ACTIVE_PETITION,
            _("A recall petition against this deputy is already open."),
            petition=existing,
            voter=voter,
            deputy=deputy,
        )
    decision = time_bars.decide(rule_set, deputy, today)
    if not decision.allowed:
        raise InitiativeRefused(
            Refusal.TIME_BAR,
            time_bars.explain(rule_set, decision, deputy),
            voter=voter,
            deputy=deputy,
            available_from=decision.available_from,
        )
    return StartContext(voter, deputy, rule_set)


@dataclass(frozen=True)
class StartCheck:
    """What the "start a recall" page shows before anything is written."""

    user_id: int
    context: StartContext | None
    refusal: InitiativeRefused | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def deputy(self) -> Deputy | None:
        return self.context.deputy if self.context else self.refusal.deputy

    @property
    def limit(self) -> StatementLimit | None:
        return statement_limit(self.context.rule_set) if self.context else None

    @property
    def existing_is_public(self) -> bool:
        existing = self.refusal and self.refusal.petition
        return bool(existing) and existing.status not in PRIVATE_STATUSES

    @property
    def existing_is_mine(self) -> bool:
        existing = self.refusal and self.refusal.petition
        return bool(existing) and is_initiator(existing.id, self.user_id)


def start_check(user_id: int, *, now: datetime) -> StartCheck:
    """Whether the user may start a recall now, and if not, why (nothing is written)."""
    try:
        return StartCheck(user_id, _start_context(db.session.get(User, user_id), now), None)
    except InitiativeRefused as refusal:
        return StartCheck(user_id, None, refusal)


def start_petition(user_id: int, statement: str, *, now: datetime) -> tuple[Petition, str]:
    """Start a recall of the user's deputy: the petition, its initiator and an invitation.

    Returns the petition (now forming its initiative group) and the invitation secret, which is
    not stored and cannot be shown again. One active petition per deputy: a concurrent start is
    caught by the database and answered like the ordinary check.
    """
    deputy_id = None
    try:
        with transaction():
            user = db.session.get(User, user_id)
            context = _start_context(user, now)
            deputy_id = context.deputy.id
            text = clean_statement(statement, statement_limit(context.rule_set))
            petition = Petition(
                deputy=context.deputy,
                constituency_id=context.deputy.constituency_id,
                rule_set_code=context.rule_set.code,
                rule_set_version=context.rule_set.version,
                statement=text,
                created_by=user,
                created_at=now,
            )
            db.session.add(petition)
            db.session.flush()
            db.session.add(
                InitiativeMember(
                    petition=petition,
                    user=user,
                    member_hash=user.voter_hash,
                    role=MemberRole.INITIATOR,
                    joined_at=now,
                )
            )
            audit.record(
                "petition.created",
                "petition",
                petition.id,
                actor=user,
                details={
                    "deputy_id": deputy_id,
                    "rule_set": context.rule_set.code,
                    "rule_set_version": context.rule_set.version,
                    "at": now.isoformat(),
                },
            )
            record_transition(
                petition,
                PetitionStatus.GROUP_FORMING,
                now=now,
                reason="initiative started",
                actor=user,
            )
            token = new_invitation(petition)
    except IntegrityError:
        existing = _active_petition(deputy_id) if deputy_id is not None else None
        if existing is None:
            raise
        raise InitiativeRefused(
            Refusal.ACTIVE_PETITION,
            _("A recall petition against this deputy is already open."),
            petition=existing,
        ) from None
    return petition, token
