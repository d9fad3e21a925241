from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import User
from app.models.base import utcnow
from app.services.accounts.commands import authenticate
from app.services.accounts.sessions import LONGEST_LOCK, end_sessions, lock_duration
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.support.accounts import audit_actions, outbox

MINUTE = timedelta(minutes=1)


@pytest.mark.parametrize(
    ("failures", "lock"),
    [(1, None), (4, None), (5, MINUTE), (6, 2 * MINUTE), (8, 8 * MINUTE), (40, LONGEST_LOCK)],
)
def test_the_lock_starts_at_the_fifth_failure_and_doubles_up_to_a_day(failures, lock):
    assert lock_duration(failures, lock_after=5, first_lock=MINUTE) == lock


def stored(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_failures_are_counted_in_the_database(app):
    user = make_user(email="dana@example.org")
    now = utcnow()

    for _ in range(3):
        authenticate("dana@example.org", "wrong", now=now)

    assert stored(user).login_failures == 3
    assert stored(user).login_locked_until is None


def test_the_fifth_failure_locks_mails_the_owner_once_and_is_audited(app):
    user = make_user(email="dana@example.org")
    now = utcnow()

    for _ in range(5):
        authenticate("dana@example.org", "wrong", now=now)
    authenticate("dana@example.org", DEFAULT_PASSWORD, now=now)

    assert stored(user).login_locked_until == now + MINUTE
    assert [m.subject for m in outbox()] == [
        "Sign-in to your account is paused after wrong passwords"
    ]
    assert audit_actions(user).count("account.sign_in_locked") == 1


def test_during_the_lock_the_right_password_is_refused_and_nothing_is_counted(app):
    user = make_user(email="dana@example.org")
    now = utcnow()
    for _ in range(5):
        authenticate("dana@example.org", "wrong", now=now)

    assert (
        authenticate("dana@example.org", DEFAULT_PASSWORD, now=now + MINUTE - timedelta(seconds=1))
        is None
    )
    assert authenticate("dana@example.org", "wrong", now=now + MINUTE / 2) is None
    assert stored(user).login_failures == 5


def test_after_the_lock_a_wrong_password_locks_for_longer_and_the_right_one_signs_in(app):
    user = make_user(email="dana@example.org")
    now = utcnow()
    for _ in range(5):
        authenticate("dana@example.org", "wrong", now=now)

    later = now + 2 * MINUTE
    authenticate("dana@example.org", "wrong", now=later)
    assert stored(user).login_locked_until == later + 2 * MINUTE

    signed_in = authenticate("dana@example.org", DEFAULT_PASSWORD, now=later + 3 * MINUTE)
    assert signed_in is not None and signed_in.id == user.id
    assert stored(user).login_failures == 0 and stored(user).login_locked_until is None


def test_ending_the_sessions_changes_the_session_key(app):
    user = make_user()
    before = user.get_id()

    end_sessions(user.id)

    assert stored(user).get_id() != before
    assert db.session.scalar(sa.select(User.session_version).where(User.id == user.id)) == 1
