"""Starting a recall petition (a citizen initiative), and what its later steps share: the
refusals, who may take part, the statement's limits and the invitation secret. The group's own
steps (joining, filing, withdrawing) are in ``initiative_group``.

Only verified voters of the deputy's constituency take part (Kazakhstan, Elections Law ch. 13-2:
initiators are voters of the district). The invitation link carries a secret of which only the
SHA-256 is stored, so the link can be shown once and then only replaced, never shown again.
"""

import enum
import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import transaction
from app.extensions import db
from app.models import (
    Deputy,
    InitiativeMember,
    MemberRole,
    Petition,
    User,
    Voter,
)
from app.rules.eligibility import is_of_voting_age
from app.rules.lifecycle import ACTIVE, PetitionStatus
from app.rules.ruleset import RuleSet
from app.services import audit, time_bars
from app.services.law import get_rule_set
from app.services.petitions import PRIVATE_STATUSES, record_transition
from app.services.voters import active_voter, serving_deputy

_ALLOWED_CONTROLS = frozenset("\n\t")


class Refusal(enum.StrEnum):
    EMAIL_UNCONFIRMED = "email_unconfirmed"
    NOT_VERIFIED = "not_verified"
    NOT_ON_REGISTER = "not_on_register"
    UNDER_AGE = "under_age"
    NO_DEPUTY = "no_deputy"
    RULES_NOT_IN_FORCE = "rules_not_in_force"
    TIME_BAR = "time_bar"
    ACTIVE_PETITION = "active_petition"
    STATEMENT_EMPTY = "statement_empty"
    STATEMENT_TOO_LONG = "statement_too_long"
    STATEMENT_CHARACTERS = "statement_characters"
    OTHER_CONSTITUENCY = "other_constituency"
    ALREADY_MEMBER = "already_member"
    NOT_GROUP_FORMING = "not_group_forming"
    GROUP_TOO_SMALL = "group_too_small"
    NOT_WITHDRAWABLE = "not_withdrawable"


#: Refusals about the text itself: the form is shown again with the text and the message.
STATEMENT_PROBLEMS = frozenset(
    {Refusal.STATEMENT_EMPTY, Refusal.STATEMENT_TOO_LONG, Refusal.STATEMENT_CHARACTERS}
)


class InitiativeRefused(Exception):
    """The step cannot be taken; ``message`` says why, for people. Nothing was changed."""

    def __init__(
        self,
        reason: Refusal,
        message: str,
        *,
        petition: Petition | None = None,
        voter: Voter | None = None,
        deputy: Deputy | None = None,
        available_from: date | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        #: ACTIVE_PETITION: the petition already open against the deputy.
        self.petition = petition
        #: OTHER_CONSTITUENCY: the user's own register row and deputy.
        self.voter = voter
        self.deputy = deputy
        #: TIME_BAR: the first day an initiative may start (None: not in this mandate).
        self.available_from = available_from


class NoSuchPetition(LookupError):
    """No such petition, or (for an invitation) a wrong secret: answered with 404."""


class NotInitiator(PermissionError):
    """Only the initiator may see or change the group: answered with 403."""


@dataclass(frozen=True)
class StatementLimit:
    chars: int | None
    words: int | None


def statement_limit(rule_set: RuleSet) -> StatementLimit:
    chars, words = rule_set.statement_max_chars, rule_set.statement_max_words
    return StatementLimit(chars and chars.value, words and words.value)


def clean_statement(text: str, limit: StatementLimit) -> str:
    """The statement with unified line ends and no surrounding space, within the limit."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise InitiativeRefused(Refusal.STATEMENT_EMPTY, _("Write the statement of reasons."))
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in _ALLOWED_CONTROLS for c in text):
        raise InitiativeRefused(
            Refusal.STATEMENT_CHARACTERS,
            _("The statement contains control characters; remove them and try again."),
        )
    if limit.chars is not None and len(text) > limit.chars:
        raise InitiativeRefused(
            Refusal.STATEMENT_TOO_LONG,
            _(
                "The statement has %(count)s characters; the limit is %(limit)s.",
                count=len(text),
                limit=limit.chars,
            ),
        )
    if limit.words is not None and len(text.split()) > limit.words:
        raise InitiativeRefused(
            Refusal.STATEMENT_TOO_LONG,
            _(
                "The statement has %(count)s words; the limit is %(limit)s.",
                count=len(text.split()),
                limit=limit.words,
            ),
        )
    return text


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_invitation(petition: Petition) -> str:
    token = secrets.token_urlsafe(24)
    petition.invite_token_hash = token_hash(token)
    return token


def registered_voter(user: User) -> Voter:
    """The user's row in the active register; refused if unconfirmed or unverified."""
    if user.email_confirmed_at is None:
        raise InitiativeRefused(Refusal.EMAIL_UNCONFIRMED, _("Confirm your email address first."))
    if user.voter_hash is None:
        raise InitiativeRefused(
            Refusal.NOT_VERIFIED, _("Verify that you are a voter before you take part.")
        )
    voter = active_voter(user.voter_hash)
    if voter is None:
        raise InitiativeRefused(
            Refusal.NOT_ON_REGISTER, _("You are not on the active voter register.")
        )
    return voter


def check_age(voter: Voter, rule_set: RuleSet, now: datetime) -> None:
    minimum = rule_set.signer_min_age.value
    if not is_of_voting_age(voter.birth_date, now.astimezone(rule_set.zone).date(), minimum):
        raise InitiativeRefused(
            Refusal.UNDER_AGE, _("Initiators must be %(age)d or older.", age=minimum)
        )


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
    rule_set = get_rule_set(voter.constituency.body.rule_set_code)
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
    today = now.astimezone(rule_set.zone).date()
    if today < rule_set.valid_from or (rule_set.valid_until and today >= rule_set.valid_until):
        raise InitiativeRefused(
            Refusal.RULES_NOT_IN_FORCE,
            _("The recall rules for this body are not in force today."),
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


def is_initiator(petition_id: int, user_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(InitiativeMember.id).where(
                InitiativeMember.petition_id == petition_id,
                InitiativeMember.user_id == user_id,
                InitiativeMember.role == MemberRole.INITIATOR,
            )
        )
        is not None
    )
