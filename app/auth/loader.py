"""How Flask-Login finds the signed-in user, and what it says when sign-in is needed."""

from flask_babel import lazy_gettext as _l

from app.extensions import db, login_manager
from app.models import User

login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"
#: Translate when flashing, in the language of the request (the message above is lazy).
login_manager.localize_callback = str


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))
