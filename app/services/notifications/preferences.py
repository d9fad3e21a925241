"""What mail a person wants: unsubscribe links, opted-out categories, followed petitions.

An unsubscribe link carries an encrypted token naming the user and the category (and, for a
follower's updates, the petition): the link works without signing in and with one click from the
mail program (RFC 8058). The token is opaque (AES-GCM under a key derived from ``SECRET_KEY``),
so a URL seen in a log or a mail scanner does not tell who follows which petition; it carries
its issue time and expires. Stopping "updates" from a petition's message stops following that
petition; the account page can refuse a whole category.

Following and opting out are idempotent inserts (``ON CONFLICT DO NOTHING`` on the unique
keys), so a double click or two mail programs acting at once cannot fail.
"""

import base64
import binascii
import os
import struct
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import gettext as _

from app.database import transaction, upsert_insert
from app.extensions import db
from app.models import MailOptOut, Petition, PetitionFollower, Signature, User
from app.models.user import LANGUAGES
from app.services.accounts.tokens import TokenProblem, TokenRefused
from app.services.audit import chain as audit
from app.services.notifications.audiences import Category

_CONTEXT = b"unsubscribe"
#: Old messages' links keep working for two years.
UNSUBSCRIBE_MAX_AGE = 2 * 365 * 24 * 3600
MAX_TOKEN_LENGTH = 400
#: issued at (seconds), user id, petition id (0: none), category code.
_PAYLOAD = struct.Struct(">IIIB")
_NONCE_BYTES = 12
_CATEGORY_CODES = {category: code for code, category in enumerate(Category, start=1)}
_CATEGORIES = {code: category for category, code in _CATEGORY_CODES.items()}


class PreferenceError(Exception):
    """A follow or preference change that cannot be made; the message says why."""


@dataclass(frozen=True)
class Unsubscribe:
    user: User
    category: Category
    petition_id: int | None


def _cipher() -> AESGCM:
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_CONTEXT, info=_CONTEXT).derive(secret)
    return AESGCM(key)


def make_token(
    user_id: int, category: Category, *, now: datetime, petition_id: int | None = None
) -> str:
    """An opaque, URL-safe token (55 characters) that ``read_token`` turns back."""
    payload = _PAYLOAD.pack(
        int(now.timestamp()), user_id, petition_id or 0, _CATEGORY_CODES[category]
    )
    nonce = os.urandom(_NONCE_BYTES)
    sealed = nonce + _cipher().encrypt(nonce, payload, _CONTEXT)
    return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")


def _open(token: str) -> tuple[int, int, int, int]:
    try:
        sealed = base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4))
        nonce, ciphertext = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        return _PAYLOAD.unpack(_cipher().decrypt(nonce, ciphertext, _CONTEXT))
    except (InvalidTag, binascii.Error, UnicodeError, ValueError, struct.error):
        raise TokenRefused(TokenProblem.INVALID) from None


def read_token(token: str, *, now: datetime) -> Unsubscribe:
    """What the link stops; raises ``TokenRefused`` for a bad or expired token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenRefused(TokenProblem.INVALID)
    issued, user_id, petition_id, code = _open(token)
    if now.timestamp() - issued > UNSUBSCRIBE_MAX_AGE:
        raise TokenRefused(TokenProblem.EXPIRED)
    category = _CATEGORIES.get(code)
    user = db.session.get(User, user_id)
    if category is None or user is None:
        raise TokenRefused(TokenProblem.INVALID)
    return Unsubscribe(user, category, petition_id or None)


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
    db.session.execute(
        upsert_insert(MailOptOut)
        .values(user_id=user_id, category=category.value, created_at=now)
        .on_conflict_do_nothing(index_elements=["user_id", "category"])
    )


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
    db.session.execute(
        upsert_insert(PetitionFollower)
        .values(petition_id=petition_id, user_id=user_id, created_at=now)
        .on_conflict_do_nothing(index_elements=["petition_id", "user_id"])
    )


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
