"""What mail a person wants: unsubscribe links, opted-out categories, followed petitions.

An unsubscribe link carries a signed token naming the user and the category (and, for a
follower's updates, the petition): the signature is the authority, so the link works without
signing in and with one click from the mail program (RFC 8058). Stopping "updates" from a
petition's message stops following that petition; the account page can refuse a whole category.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from app.database import transaction
from app.extensions import db
from app.models import MailOptOut, Petition, PetitionFollower, Signature, User
from app.models.user import LANGUAGES
from app.services import audit
from app.services.account_tokens import TokenProblem, TokenRefused
from app.services.notifications.audiences import Category

_SALT = "unsubscribe"
#: Old messages' links keep working for two years.
UNSUBSCRIBE_MAX_AGE = 2 * 365 * 24 * 3600
MAX_TOKEN_LENGTH = 400

CATEGORY_LABELS = {
    Category.PROGRESS: _l(
        "Progress of petitions I started or that concern me (milestones, closing soon, replies)"
    ),
    Category.RESULTS: _l("The final result of petitions I signed"),
    Category.UPDATES: _l("Updates about petitions I follow"),
}


class PreferenceError(Exception):
    """A follow or preference change that cannot be made; the message says why."""


@dataclass(frozen=True)
class Unsubscribe:
    user: User
    category: Category
    petition_id: int | None

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS[self.category])


class _ClockSigner(TimestampSigner):
    """Signs and checks the age with the given ``now``, so expiry is testable."""

    def __init__(self, *args, now: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.now = now

    def get_timestamp(self) -> int:
        return int(self.now.timestamp())


def _serializer(now: datetime) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"],
        salt=_SALT,
        signer=_ClockSigner,
        signer_kwargs={"now": now, "digest_method": hashlib.sha256},
    )


def make_token(
    user_id: int, category: Category, *, now: datetime, petition_id: int | None = None
) -> str:
    payload = {"u": user_id, "c": category.value}
    if petition_id is not None:
        payload["p"] = petition_id
    return _serializer(now).dumps(payload)


def read_token(token: str, *, now: datetime) -> Unsubscribe:
    """What the link stops; raises ``TokenRefused`` for a bad or expired token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenRefused(TokenProblem.INVALID)
    try:
        payload = _serializer(now).loads(token, max_age=UNSUBSCRIBE_MAX_AGE)
    except SignatureExpired:
        raise TokenRefused(TokenProblem.EXPIRED) from None
    except (BadSignature, ValueError, TypeError):
        raise TokenRefused(TokenProblem.INVALID) from None
    try:
        category = Category(payload["c"])
        user = db.session.get(User, int(payload["u"]))
        petition_id = int(payload["p"]) if "p" in payload else None
    except (KeyError, TypeError, ValueError):
        raise TokenRefused(TokenProblem.INVALID) from None
    if user is None:
        raise TokenRefused(TokenProblem.INVALID)
    return Unsubscribe(user, category, petition_id)


def unsubscribe(token: str, *, now: datetime) -> Unsubscribe:
    """Do what the link says: stop following its petition, or refuse its category."""
    with transaction():
        request = read_token(token, now=now)
        if request.category is Category.UPDATES and request.petition_id is not None:
            _unfollow(request.petition_id, request.user.id)
        else:
            _opt_out(request.user.id, request.category, now)
        audit.record(
            "mail.unsubscribed",
            "user",
            request.user.id,
            actor=request.user,
            details={"category": request.category.value, "petition_id": request.petition_id},
            at=now,
        )
    return request


def _opt_out(user_id: int, category: Category, now: datetime) -> None:
    exists = db.session.scalar(
        sa.select(MailOptOut.id).where(
            MailOptOut.user_id == user_id, MailOptOut.category == category.value
        )
    )
    if exists is None:
        db.session.add(MailOptOut(user_id=user_id, category=category.value, created_at=now))


def opted_out(user_id: int) -> set[str]:
    return set(
        db.session.scalars(sa.select(MailOptOut.category).where(MailOptOut.user_id == user_id))
    )


def save_preferences(user_id: int, *, language: str, wanted: set[str], now: datetime) -> None:
    """The account page: the mail language and which optional categories are wanted."""
    if language not in LANGUAGES:
        raise PreferenceError(_("Choose a language from the list."))
    with transaction():
        user = db.session.get(User, user_id)
        before = {"language": user.language, "opted_out": sorted(opted_out(user_id))}
        user.language = language
        for category in Category:
            if category.value in wanted:
                db.session.execute(
                    sa.delete(MailOptOut).where(
                        MailOptOut.user_id == user_id, MailOptOut.category == category.value
                    )
                )
            else:
                _opt_out(user_id, category, now)
        db.session.flush()
        after = {"language": language, "opted_out": sorted(opted_out(user_id))}
        if before != after:
            audit.record(
                "account.mail_preferences",
                "user",
                user_id,
                actor=user,
                details={"before": before, "after": after},
                at=now,
            )


def is_following(petition_id: int, user_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(PetitionFollower.id).where(
                PetitionFollower.petition_id == petition_id, PetitionFollower.user_id == user_id
            )
        )
        is not None
    )


def add_follower(petition_id: int, user_id: int, now: datetime) -> None:
    """In the caller's transaction: follow the petition unless already following."""
    if not is_following(petition_id, user_id):
        db.session.add(PetitionFollower(petition_id=petition_id, user_id=user_id, created_at=now))


def _unfollow(petition_id: int, user_id: int) -> None:
    db.session.execute(
        sa.delete(PetitionFollower).where(
            PetitionFollower.petition_id == petition_id, PetitionFollower.user_id == user_id
        )
    )


def set_following(petition_id: int, user_id: int, follow: bool, *, now: datetime) -> None:
    """A signer starts or stops following a petition they signed."""
    with transaction():
        if db.session.get(Petition, petition_id) is None:
            raise PreferenceError(_("No such petition."))
        signed = db.session.scalar(
            sa.select(Signature.id).where(
                Signature.petition_id == petition_id, Signature.user_id == user_id
            )
        )
        if signed is None:
            raise PreferenceError(_("Only signers of this petition can follow it by mail."))
        if follow:
            add_follower(petition_id, user_id, now)
        else:
            _unfollow(petition_id, user_id)
