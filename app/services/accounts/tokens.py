"""Signed, timed tokens for the links we mail: email confirmation and password reset.

A token names the account and what must still be true for it to act: the confirmation token
carries the address it confirms (a changed address makes it useless), the reset token a
fingerprint of the current password hash (a new password, set by any means, uses it up).
The clock is passed in, so expiry is testable without sleeping.
"""

import enum
import hashlib
import hmac
from datetime import datetime

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from app.extensions import db
from app.models import User

#: Far longer than any token we make; longer input is refused before any work is done.
MAX_TOKEN_LENGTH = 400


class Purpose(enum.StrEnum):
    """Each purpose signs with its own salt, so one kind of token never passes for another."""

    CONFIRM_EMAIL = "confirm-email"
    RESET_PASSWORD = "reset-password"


class TokenProblem(enum.StrEnum):
    EXPIRED = "expired"
    INVALID = "invalid"


class TokenRefused(Exception):
    """The link cannot be used: ``problem`` says whether it expired or was never good."""

    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class _ClockSigner(TimestampSigner):
    """A timestamp signer that reads the given ``now`` instead of the system clock."""

    def __init__(self, *args, now: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.now = now

    def get_timestamp(self) -> int:
        return int(self.now.timestamp())


def _serializer(purpose: Purpose, now: datetime) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"],
        salt=purpose.value,
        signer=_ClockSigner,
        signer_kwargs={"now": now, "digest_method": hashlib.sha256},
    )


def _max_age(purpose: Purpose) -> int:
    key = "CONFIRM_TOKEN_MAX_AGE" if purpose is Purpose.CONFIRM_EMAIL else "RESET_TOKEN_MAX_AGE"
    return int(current_app.config[key])


def _keyed_digest(value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


def password_fingerprint(user: User) -> str:
    """A short keyed digest of the password hash: it changes whenever the password is set."""
    return _keyed_digest(user.password_hash)


def _claims(user: User, purpose: Purpose) -> dict:
    # Tokens are only signed, not encrypted, and travel in URLs: the address itself is never in
    # them, only a keyed digest that stops the link working if the address changes.
    if purpose is Purpose.CONFIRM_EMAIL:
        return {"u": user.id, "e": _keyed_digest(user.email)}
    return {"u": user.id, "p": password_fingerprint(user)}


def make_token(user: User, purpose: Purpose, *, now: datetime) -> str:
    return _serializer(purpose, now).dumps(_claims(user, purpose))


def read_token(token: str, purpose: Purpose, *, now: datetime) -> User:
    """The active account the token was made for, if it is still good for ``purpose``.

    Raises ``TokenRefused``: ``EXPIRED`` for a genuine token past its age, else ``INVALID``
    (tampered, malformed, another purpose, or no longer matching the account).
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenRefused(TokenProblem.INVALID)
    try:
        payload = _serializer(purpose, now).loads(token, max_age=_max_age(purpose))
    except SignatureExpired:
        raise TokenRefused(TokenProblem.EXPIRED) from None
    except BadSignature:
        raise TokenRefused(TokenProblem.INVALID) from None
    user_id = payload.get("u") if isinstance(payload, dict) else None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.is_active or payload != _claims(user, purpose):
        raise TokenRefused(TokenProblem.INVALID)
    return user
