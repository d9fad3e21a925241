"""What the steps of a recall petition (a citizen initiative) share: the refusals, who may take
part, the statement's limits and the invitation secret. Starting a petition is in
``app.services.initiative.start``; the group's own steps (joining, filing, withdrawing) are in
``app.services.initiative.group``.

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
from app.rules.ruleset import RuleSet
from app.services.voters import active_voter

_ALLOWED_CONTROLS = frozenset("\n\t")


class Refusal(enum.StrEnum):
    EMAIL_UNCONFIRMED = "email_unconfirmed"
    NOT_VERIFIED = "not_verified"
    NOT_ON_REGISTER = "not_on_register"
    UNDER_AGE = "under_age"
    NO_DEPUTY = "no_deputy"
    CHOOSE_DEPUTY = "choose_deputy"
    NOT_YOUR_DEPUTY = "not_your_deputy"
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


#: Refusals about the choice of deputy: the form is shown again with the message at the choice.
CHOICE_PROBLEMS = frozenset({Refusal.CHOOSE_DEPUTY, Refusal.NOT_YOUR_DEPUTY})

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
