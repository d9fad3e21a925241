"""How Flask-Login finds the signed-in user."""

from app.extensions import db, login_manager
from app.models import User


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))
