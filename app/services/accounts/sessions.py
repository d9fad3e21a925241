"""Sign-in with an increasing lock after failures, and ending sessions on the server.

Failures are counted on the account row (``users.login_failures``), so every app process and
node sees the same count. From the ``LOGIN_LOCK_AFTER``-th failure in a row the account cannot
sign in for ``LOGIN_FIRST_LOCK`` seconds, doubling with each further failure (at most a day);
during a lock even the right password is refused, with the answer a wrong one gets, and the
attempt is not counted (so a lock cannot be stretched by knocking). The owner is mailed when the
first lock begins. A successful sign-in clears the count.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.database import transaction
from app.extensions import db
from app.models import User
from app.services.accounts import mail as account_mail
from app.services.audit import chain as audit

#: The longest lock, however many failures came before.
LONGEST_LOCK = timedelta(days=1)


def lock_duration(failures: int, *, lock_after: int, first_lock: timedelta) -> timedelta | None:
    """How long the ``failures``-th failure in a row locks sign-in (None: not at all)."""
    if failures < lock_after:
        return None
    return min(first_lock * 2 ** min(failures - lock_after, 20), LONGEST_LOCK)


def is_locked(user: User, now: datetime) -> bool:
    """Whether sign-in to ``user`` is refused at ``now`` whatever the password."""
    return user.login_locked_until is not None and user.login_locked_until > now


def record_failure(user_id: int, *, now: datetime) -> None:
    """Count a wrong password for the account; lock it (and tell its owner) from the threshold."""
    config = current_app.config
    with transaction():
        # Counted in SQL: two nodes failing at once both count.
        failures = db.session.scalar(
            sa.update(User)
            .where(User.id == user_id)
            .values(login_failures=User.login_failures + 1)
            .returning(User.login_failures)
        )
        lock = lock_duration(
            failures,
            lock_after=int(config["LOGIN_LOCK_AFTER"]),
            first_lock=timedelta(seconds=int(config["LOGIN_FIRST_LOCK"])),
        )
        if lock is None:
            return
        user = db.session.get(User, user_id)
        user.login_locked_until = now + lock
        audit.record(
            "account.sign_in_locked",
            "user",
            user_id,
            details={"failures": failures, "locked_until": user.login_locked_until.isoformat()},
        )
        if failures == int(config["LOGIN_LOCK_AFTER"]):
            account_mail.queue_sign_in_locked(user)


def record_success(user: User) -> None:
    """Clear the failure count after a sign-in with the right password."""
    if not user.login_failures and user.login_locked_until is None:
        return
    with transaction():
        db.session.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(login_failures=0, login_locked_until=None)
        )
    user.login_failures, user.login_locked_until = 0, None


def end_sessions(user_id: int, *, audited: bool = False) -> None:
    """End every session of the account on the server: a copied session cookie stops working.

    ``audited``: the owner asked for it ("sign out everywhere"), which the audit log keeps.
    """
    with transaction():
        db.session.execute(
            sa.update(User)
            .where(User.id == user_id)
            .values(session_version=User.session_version + 1)
        )
        if audited:
            audit.record("account.signed_out_everywhere", "user", user_id)
