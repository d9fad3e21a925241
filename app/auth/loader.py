"""How Flask-Login finds the signed-in user, and what it says when sign-in is needed."""

import hmac

from flask_babel import lazy_gettext as _l

from app.extensions import db, login_manager
from app.models import User
from app.routing import MAX_ID

login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"
#: Translate when flashing, in the language of the request (the message above is lazy).
login_manager.localize_callback = str


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session's user, unless the account was deactivated or its password changed since."""
    user_id, _, key = session_id.partition(":")
    if not user_id.isdigit() or not 0 < int(user_id) <= MAX_ID:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_key, key):
        return None
    return user
