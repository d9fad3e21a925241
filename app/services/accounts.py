"""Accounts: checking credentials (sign-up and confirmation come later)."""

from functools import cache

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User

MAX_EMAIL_LENGTH = 254


@cache
def _decoy_hash() -> str:
    return generate_password_hash("decoy password that matches no account")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """The active account with this email and password, else None.

    The answer never tells which part was wrong, and an unknown email costs as much time as a
    wrong password, so that the response time does not reveal which addresses have accounts.
    """
    email = normalise_email(email)
    user = None
    if 0 < len(email) <= MAX_EMAIL_LENGTH and "\x00" not in email:
        user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        check_password_hash(_decoy_hash(), password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user
