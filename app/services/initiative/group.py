"""Use cases of a forming initiative group: invitations, joining, the statement, filing and
withdrawal, and what the group's pages read. Starting a recall is in
``app.services.initiative.start``; the refusals shared with it are in
``app.services.initiative.common``.

Filing and withdrawal are lifecycle moves recorded by ``petitions.commands.record_transition`` (the
same audit entry as every status change) inside each use case's one transaction; filing freezes the
statement and records its SHA-256 (``Petition.move_to``).
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.database import get_locked, transaction
from app.extensions import db
from app.i18n import localized
from app.models import IllegalTransition, InitiativeMember, MemberRole, Petition, User
from app.rules.lifecycle import PetitionStatus, next_statuses
from app.rules.ruleset import RuleSet
from app.services.audit import chain as audit
from app.services.initiative.common import (
    InitiativeRefused,
    NoSuchPetition,
    NotInitiator,
    Refusal,
    StatementLimit,
    check_age,
    clean_statement,
    is_initiator,
    new_invitation,
    registered_voter,
    statement_limit,
    token_hash,
)
from app.services.law import petition_rules
from app.services.petitions.commands import record_transition
from app.services.voters import constituency_in_body, serving_deputy


@dataclass(frozen=True)
class Group:
    """A petition and its initiative group, as its initiator sees them."""

    petition: Petition
    members: list[InitiativeMember]
    rule_set: RuleSet

    @property
    def minimum(self) -> int:
        return self.rule_set.initiative_group_min.value

    @property
    def forming(self) -> bool:
        return self.petition.status is PetitionStatus.GROUP_FORMING

    @property
    def can_file(self) -> bool:
        return self.forming and len(self.members) >= self.minimum

    @property
    def limit(self) -> StatementLimit:
        return statement_limit(self.rule_set)

    @property
    def withdrawable(self) -> bool:
        moves = next_statuses(
            self.petition.status,
            trigger=self.rule_set.trigger.value,
            outcome=self.rule_set.outcome.value.kind,
        )
        return PetitionStatus.WITHDRAWN in moves


def _members(petition_id: int) -> list[InitiativeMember]:
    return db.session.scalars(
        sa.select(InitiativeMember)
        .where(InitiativeMember.petition_id == petition_id)
        .options(joinedload(InitiativeMember.user))
        .order_by(InitiativeMember.joined_at, InitiativeMember.id)
    ).all()


def fetch_memberships(user_id: int) -> list[InitiativeMember]:
    """The initiative groups the user belongs to, with their petitions, newest first."""
    return db.session.scalars(
        sa.select(InitiativeMember)
        .where(InitiativeMember.user_id == user_id)
        .options(joinedload(InitiativeMember.petition).joinedload(Petition.deputy))
        .order_by(InitiativeMember.joined_at.desc(), InitiativeMember.id.desc())
    ).all()


def _initiators_petition(petition_id: int, user_id: int, *, lock: bool = False) -> Petition:
    petition = get_locked(Petition, petition_id) if lock else db.session.get(Petition, petition_id)
    if petition is None:
        raise NoSuchPetition(petition_id)
    if not is_initiator(petition_id, user_id):
        raise NotInitiator(petition_id)
    return petition


def _still_forming(petition: Petition) -> None:
    if petition.status is not PetitionStatus.GROUP_FORMING:
        raise InitiativeRefused(
            Refusal.NOT_GROUP_FORMING, _("The initiative group of this petition is closed.")
        )


def get_group(petition_id: int, user_id: int, *, lock: bool = False) -> Group:
    """The petition with its members, for its initiator only (NoSuchPetition, NotInitiator)."""
    petition = _initiators_petition(petition_id, user_id, lock=lock)
    return Group(petition, _members(petition.id), petition_rules(petition))


def renew_invitation(petition_id: int, user_id: int, *, now: datetime) -> str:
    """A new invitation secret for the group; the previous link stops working."""
    with transaction():
        petition = _initiators_petition(petition_id, user_id, lock=True)
        _still_forming(petition)
        token = new_invitation(petition)
        user = db.session.get(User, user_id)
        details = {"at": now.isoformat()}
        audit.record(
            "petition.invitation_renewed", "petition", petition.id, actor=user, details=details
        )
    return token


def update_statement(petition_id: int, user_id: int, statement: str, *, now: datetime) -> Petition:
    """Change the statement of reasons while the group forms (it is frozen at filing)."""
    with transaction():
        petition = _initiators_petition(petition_id, user_id, lock=True)
        _still_forming(petition)
        text = clean_statement(statement, statement_limit(petition_rules(petition)))
        if text != petition.statement:
            petition.statement = text
            audit.record(
                "petition.statement_changed",
                "petition",
                petition.id,
                actor=db.session.get(User, user_id),
                details={
                    "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "at": now.isoformat(),
                },
            )
    return petition


def file_petition(petition_id: int, user_id: int, *, now: datetime) -> Petition:
    """File the petition with the commission once the group has the rule set's minimum size."""
    with transaction():
        group = get_group(petition_id, user_id, lock=True)
        _still_forming(group.petition)
        if len(group.members) < group.minimum:
            raise InitiativeRefused(
                Refusal.GROUP_TOO_SMALL,
                _(
                    "The initiative group has %(count)d members; at least %(minimum)d are "
                    "needed to file the petition.",
                    count=len(group.members),
                    minimum=group.minimum,
                ),
            )
        record_transition(
            group.petition,
            PetitionStatus.FILED,
            now=now,
            reason="filed by the initiator",
            actor=db.session.get(User, user_id),
        )
    return group.petition


def withdraw_petition(petition_id: int, user_id: int, *, now: datetime) -> Petition:
    """The initiator withdraws the petition, while its procedure allows (until collection ends)."""
    try:
        with transaction():
            petition = _initiators_petition(petition_id, user_id, lock=True)
            record_transition(
                petition,
                PetitionStatus.WITHDRAWN,
                now=now,
                reason="withdrawn by the initiator",
                actor=db.session.get(User, user_id),
            )
    except IllegalTransition:
        raise InitiativeRefused(
            Refusal.NOT_WITHDRAWABLE, _("This petition can no longer be withdrawn.")
        ) from None
    return petition


@dataclass(frozen=True)
class Invitation:
    """What the invitation page shows to the person who follows the link."""

    petition: Petition
    member_count: int
    is_member: bool

    @property
    def open(self) -> bool:
        return self.petition.status is PetitionStatus.GROUP_FORMING


def _invited_petition(petition_id: int, token: str, *, lock: bool = False) -> Petition:
    """The petition the secret opens; a wrong secret is answered as if there were no petition."""
    petition = get_locked(Petition, petition_id) if lock else db.session.get(Petition, petition_id)
    expected = petition.invite_token_hash if petition is not None else None
    if expected is None or not hmac.compare_digest(expected, token_hash(token)):
        raise NoSuchPetition(petition_id)
    return petition


def get_invitation(petition_id: int, token: str, user_id: int) -> Invitation:
    petition = _invited_petition(petition_id, token)
    members = _members(petition.id)
    return Invitation(petition, len(members), any(m.user_id == user_id for m in members))


def join_initiative(
    petition_id: int, token: str, user_id: int, *, now: datetime
) -> InitiativeMember:
    """Join the initiative group by its invitation: verified voters of the constituency only.

    A wrong secret raises NoSuchPetition. The same person cannot join twice, even with a
    second account (unique member fingerprint), and the database enforces it under concurrency.
    """
    try:
        with transaction():
            # Locked: a member cannot slip in while the initiator files the petition.
            petition = _invited_petition(petition_id, token, lock=True)
            _still_forming(petition)
            user = db.session.get(User, user_id)
            voter = registered_voter(user)
            place = constituency_in_body(voter, petition.constituency) or voter.constituency
            if place.id != petition.constituency_id:
                raise InitiativeRefused(
                    Refusal.OTHER_CONSTITUENCY,
                    _(
                        "Only voters of %(petition_place)s may join this initiative group. "
                        "You vote in %(your_place)s.",
                        petition_place=localized(petition.constituency),
                        your_place=localized(place),
                    ),
                    voter=voter,
                    deputy=serving_deputy(place.id),
                )
            check_age(voter, petition_rules(petition), now)
            if _already_member(petition.id, user):
                raise _already_member_refusal()
            member = InitiativeMember(
                petition=petition,
                user=user,
                member_hash=user.voter_hash,
                role=MemberRole.MEMBER,
                joined_at=now,
            )
            db.session.add(member)
            details = {"at": now.isoformat()}
            audit.record(
                "petition.member_joined", "petition", petition.id, actor=user, details=details
            )
    except IntegrityError:
        raise _already_member_refusal() from None
    return member


def _already_member(petition_id: int, user: User) -> bool:
    found = db.session.scalar(
        sa.select(InitiativeMember.id).where(
            InitiativeMember.petition_id == petition_id,
            sa.or_(
                InitiativeMember.user_id == user.id,
                InitiativeMember.member_hash == user.voter_hash,
            ),
        )
    )
    return found is not None


def _already_member_refusal() -> InitiativeRefused:
    return InitiativeRefused(Refusal.ALREADY_MEMBER, _("You are already in this initiative group."))
