"""Starting a recall petition: whether the user may start one now and, if not, why
(``start_page`` for the page, ``start_check`` for one deputy), and starting it
(``start_petition``): the petition, its first initiator and the first invitation, in one
transaction.

A voter votes in a constituency of each body over their home (their register row's, and those
the station map gives through their polling station), so they may start a recall of the
serving deputy of any of them; each start is checked under that deputy's body's rule set.

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
    Constituency,
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
from app.services.voters import constituencies_of, serving_deputy


def _active_petition(deputy_id: int) -> Petition | None:
    return db.session.scalar(
        sa.select(Petition).where(Petition.deputy_id == deputy_id, Petition.status.in_(ACTIVE))
    )


@dataclass(frozen=True)
class StartContext:
    voter: Voter
    deputy: Deputy
    rule_set: RuleSet


def _chosen(voter: Voter, deputy_id: int | None) -> Constituency:
    """The voter's constituency whose deputy the user chose; with no choice, the voter's only
    constituency. The id is compared with the serving deputies of the voter's constituencies, so
    a forged one is refused in words (and never reaches a query)."""
    places = constituencies_of(voter)
    if deputy_id is None:
        if len(places) == 1:
            return places[0]
        raise InitiativeRefused(
            Refusal.CHOOSE_DEPUTY, _("Choose the deputy whose recall you start."), voter=voter
        )
    for place in places:
        deputy = serving_deputy(place.id)
        if deputy is not None and deputy.id == deputy_id:
            return place
    raise InitiativeRefused(
        Refusal.NOT_YOUR_DEPUTY,
        _(
            "You can start a recall only of the deputy of one of your constituencies: "
            "choose one of the deputies listed."
        ),
        voter=voter,
    )


def _context_in(voter: Voter, constituency: Constituency, now: datetime) -> StartContext:
    """Whether the voter may start a recall of ``constituency``'s deputy now, under its body's
    rule set; InitiativeRefused says why not."""
    deputy = serving_deputy(constituency.id)
    if deputy is None:
        raise InitiativeRefused(
            Refusal.NO_DEPUTY, _("Your constituency has no serving deputy."), voter=voter
        )
    code = constituency.body.rule_set_code
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


def _start_context(user: User, now: datetime, deputy_id: int | None) -> StartContext:
    """Who the user may start a recall against, now; InitiativeRefused says why not."""
    voter = registered_voter(user)
    return _context_in(voter, _chosen(voter, deputy_id), now)


@dataclass(frozen=True)
class StartCheck:
    """Whether the user may start a recall of one constituency's deputy, before anything is
    written (``constituency`` is None when the refusal is about the user, not a deputy)."""

    user_id: int
    constituency: Constituency | None
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


def _check(user_id: int, voter: Voter, constituency: Constituency, now: datetime) -> StartCheck:
    try:
        return StartCheck(user_id, constituency, _context_in(voter, constituency, now), None)
    except InitiativeRefused as refusal:
        return StartCheck(user_id, constituency, None, refusal)


def start_check(user_id: int, *, now: datetime, deputy_id: int | None = None) -> StartCheck:
    """Whether the user may start a recall of the deputy ``deputy_id`` (None: of their only
    constituency) now, and if not, why (nothing is written)."""
    try:
        voter = registered_voter(db.session.get(User, user_id))
        constituency = _chosen(voter, deputy_id)
    except InitiativeRefused as refusal:
        return StartCheck(user_id, None, None, refusal)
    return _check(user_id, voter, constituency, now)


@dataclass(frozen=True)
class StartPage:
    """What the "start a recall" page shows: a check per constituency of the voter (one per
    body, the register row's first), or the refusal about the user that comes before any."""

    checks: list[StartCheck]
    refusal: InitiativeRefused | None = None

    @property
    def choosing(self) -> bool:
        """More than one constituency: the user chooses whose deputy to recall."""
        return len(self.checks) > 1

    @property
    def open(self) -> list[StartCheck]:
        """The checks whose deputy the user may recall now: the choices of the form."""
        return [check for check in self.checks if check.allowed]

    @property
    def limit(self) -> StatementLimit | None:
        """The statement's limit, when every open choice has the same (else each says its own)."""
        limits = {check.limit for check in self.open}
        return limits.pop() if len(limits) == 1 else None


def start_page(user_id: int, *, now: datetime) -> StartPage:
    """The "start a recall" page of the user at ``now``: for each of their constituencies, whether
    they may start a recall of its deputy, and if not, why (nothing is written)."""
    try:
        voter = registered_voter(db.session.get(User, user_id))
    except InitiativeRefused as refusal:
        return StartPage([], refusal)
    return StartPage([_check(user_id, voter, place, now) for place in constituencies_of(voter)])


def start_petition(
    user_id: int, statement: str, *, now: datetime, deputy_id: int | None = None
) -> tuple[Petition, str]:
    """Start a recall of the user's deputy (``deputy_id``: one of the deputies of the voter's
    constituencies, one per body; None: of their only constituency): the petition, its
    initiator and an invitation.

    Returns the petition (now forming its initiative group) and the invitation secret, which is
    not stored and cannot be shown again. One active petition per deputy: a concurrent start is
    caught by the database and answered like the ordinary check.
    """
    recalled = None
    try:
        with transaction():
            user = db.session.get(User, user_id)
            context = _start_context(user, now, deputy_id)
            recalled = context.deputy.id
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
                    "deputy_id": recalled,
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
        existing = _active_petition(recalled) if recalled is not None else None
        if existing is None:
            raise
        raise InitiativeRefused(
            Refusal.ACTIVE_PETITION,
            _("A recall petition against this deputy is already open."),
            petition=existing,
        ) from None
    return petition, token
