"""Accounts: sign-up, email confirmation, sign-in and password reset.

No answer tells a stranger whether an address has an account: sign-up and reset requests look
the same either way, and what differs goes by mail to the address itself. Each use case is one
transaction: it commits, or rolls back and re-raises.
"""

from datetime import datetime
from functools import cache

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.database import transaction
from app.extensions import db
from app.models import Role, User
from app.models.user import LANGUAGES
from app.services.accounts import mail as account_mail
from app.services.accounts import sessions
from app.services.accounts.tokens import Purpose, TokenProblem, TokenRefused, read_token
from app.services.audit import chain as audit

MAX_EMAIL_LENGTH = 254
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MAX_DISPLAY_NAME_LENGTH = 200


class PasswordRefused(Exception):
    """The new password breaks a rule; ``message`` says which, for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@cache
def _decoy_hash() -> str:
    return generate_password_hash("decoy password that matches no account")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _plausible(email: str) -> bool:
    return 0 < len(email) <= MAX_EMAIL_LENGTH and "\x00" not in email


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email))


def password_problem(password: str, email: str) -> str | None:
    """Why ``password`` may not be the password of ``email``'s account, or None if it may."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Use at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("Use at most %(count)d characters.", count=MAX_PASSWORD_LENGTH)
    if email and password.strip().casefold() == normalise_email(email).casefold():
        return _("Do not use your email address as your password.")
    return None


def authenticate(email: str, password: str, *, now: datetime) -> User | None:
    """The active account with this email and password, else None.

    The answer never tells which part was wrong, and an unknown email costs as much time as a
    wrong password, so that the response time does not reveal which addresses have accounts.
    An unconfirmed address may sign in: the account page lets them ask for a new link. After
    repeated wrong passwords the account is locked for a while, and then even the right one is
    refused with the same None (``app.services.accounts.sessions``).
    """
    email = normalise_email(email)
    user = _user_by_email(email) if _plausible(email) else None
    if user is None:
        check_password_hash(_decoy_hash(), password)
        return None
    right = user.check_password(password)  # checked during a lock too: the time is the same
    if sessions.is_locked(user, now):
        return None
    if not right:
        sessions.record_failure(user.id, now=now)
        return None
    if not user.is_active:
        return None
    sessions.record_success(user)
    return user


def _create_or_notify(user: User, *, now: datetime, next_path: str | None = None) -> None:
    existing = _user_by_email(user.email)
    if existing is not None:
        account_mail.queue_account_exists(existing)
        return
    db.session.add(user)
    db.session.flush()
    audit.record("account.created", "user", user.id, actor=user)
    account_mail.queue_confirmation(user, now=now, next_path=next_path)


def _current_language() -> str:
    locale = get_locale()
    language = locale.language if locale is not None else "en"
    return language if language in LANGUAGES else "en"


def sign_up(
    email: str,
    password: str,
    *,
    display_name: str | None = None,
    now: datetime,
    next_path: str | None = None,
) -> None:
    """Create a citizen account with an unconfirmed address and mail it a confirmation link
    (leading back to ``next_path``, a local path the caller has checked, once confirmed).

    If the address already has an account, nothing is created and its owner is told by mail
    instead; the caller cannot tell the two apart, so neither can the person at the form.
    Raises ``PasswordRefused`` for a password that breaks the rules.
    """
    email = normalise_email(email)
    if not _plausible(email) or "@" not in email:
        raise ValueError("sign_up needs a valid email address; validate it first")
    problem = password_problem(password, email)
    if problem:
        raise PasswordRefused(problem)
    name = (display_name or "").strip() or email.split("@", 1)[0]
    user = User(email=email, role=Role.CITIZEN, display_name=name[:MAX_DISPLAY_NAME_LENGTH])
    user.language = _current_language()  # their mail is written in the language they sign up in
    user.set_password(password)  # hashed for a taken address too: the time is the same
    try:
        try:
            _create_or_notify(user, now=now, next_path=next_path)
            db.session.commit()
        except IntegrityError:
            # Another sign-up for this address committed first; now it is an existing account.
            db.session.rollback()
            _create_or_notify(user, now=now, next_path=next_path)
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def check_confirmation_token(token: str, *, now: datetime) -> User:
    """The account a confirmation link is for; changes nothing. Raises ``TokenRefused``."""
    return read_token(token, Purpose.CONFIRM_EMAIL, now=now)


def _mark_confirmed(user: User, *, now: datetime) -> None:
    confirmed = db.session.execute(
        sa.update(User)
        .where(User.id == user.id, User.email_confirmed_at.is_(None))
        .values(email_confirmed_at=now)
    )
    if confirmed.rowcount:
        audit.record("account.email_confirmed", "user", user.id, actor=user)


def confirm_email(token: str, *, now: datetime) -> User:
    """Mark the address of the link's account as confirmed; doing it again changes nothing.

    Raises ``TokenRefused`` for an expired or bad link.
    """
    with transaction():
        user = read_token(token, Purpose.CONFIRM_EMAIL, now=now)
        _mark_confirmed(user, now=now)
    return user


def resend_confirmation(user_id: int, *, now: datetime) -> bool:
    """Mail a fresh confirmation link; False (and no mail) if the address is confirmed."""
    with transaction():
        user = db.session.get(User, user_id)
        if user is None or user.email_confirmed_at is not None:
            return False
        account_mail.queue_confirmation(user, now=now)
    return True


def request_password_reset(email: str, *, now: datetime) -> None:
    """Mail a reset link if an active account has this address; otherwise do nothing.

    The caller answers the same either way.
    """
    email = normalise_email(email)
    with transaction():
        user = _user_by_email(email) if _plausible(email) else None
        if user is None or not user.is_active:
            return
        account_mail.queue_reset(user, now=now)


def check_reset_token(token: str, *, now: datetime) -> User:
    """The account a reset link is for; changes nothing. Raises ``TokenRefused``."""
    return read_token(token, Purpose.RESET_PASSWORD, now=now)


def reset_password(token: str, password: str, *, now: datetime) -> User:
    """Set a new password through a reset link; the link then stops working.

    The link reached the mailbox, so an unconfirmed address counts as confirmed too.
    Raises ``TokenRefused`` (expired, bad or used link) or ``PasswordRefused``.
    """
    with transaction():
        user = read_token(token, Purpose.RESET_PASSWORD, now=now)
        problem = password_problem(password, user.email)
        if problem:
            raise PasswordRefused(problem)
        # Only the hash the token was made against may be replaced, so of two uses of one link
        # running at once, the second finds nothing to change.
        changed = db.session.execute(
            sa.update(User)
            .where(User.id == user.id, User.password_hash == user.password_hash)
            .values(password_hash=generate_password_hash(password))
        )
        if changed.rowcount != 1:
            raise TokenRefused(TokenProblem.INVALID)
        _mark_confirmed(user, now=now)
        audit.record("account.password_reset", "user", user.id, actor=user)
        account_mail.queue_password_changed(user)
    return user


def remember_language(user_id: int, language: str) -> None:
    """Keep the language a signed-in person chose with the switcher on their account.

    The account's language is also the language of their mail (``User.language``), so the
    choice follows them to other devices and into their inbox. An unknown code changes nothing.
    """
    if language not in LANGUAGES:
        return
    with transaction():
        user = db.session.get(User, user_id)
        if user is None or user.language == language:
            return
        before = user.language
        user.language = language
        audit.record(
            "account.language",
            "user",
            user.id,
            actor=user,
            details={"before": before, "after": language},
        )
