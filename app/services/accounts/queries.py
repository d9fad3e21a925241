"""Reading accounts: the user a signed-in session stands for."""

import hmac

from app.extensions import db
from app.models import User
from app.routing import MAX_ID


def session_user(session_id: str) -> User | None:
    """The user of a session id (``User.get_id``: the user's id and session key), unless the
    account was deactivated or its password changed since the session began."""
    user_id, _, key = session_id.partition(":")
    if not user_id.isdigit() or not 0 < int(user_id) <= MAX_ID:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_key, key):
        return None
    return user
