"""How Flask-Login finds the signed-in user, and what it says when sign-in is needed."""

from flask_babel import lazy_gettext as _l

from app.extensions import login_manager
from app.models import User
from app.services.accounts.queries import session_user

login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"
#: Translate when flashing, in the language of the request (the message above is lazy).
login_manager.localize_callback = str


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session's user, unless the account was deactivated or its password changed since."""
    return session_user(session_id)
