"""The switcher's choice sticks on the account of whoever is signed in.

``app.i18n.select_locale`` keeps a ``?lang=`` choice in the session; here the same choice, made
while signed in or before signing in, is kept on the account (``User.language``), so that it
follows the person to another device and into their mail.
"""

from flask import Flask, session
from flask_login import current_user, user_logged_in

from app.i18n import SESSION_KEY, chosen_language
from app.services.accounts.commands import remember_language


def keep_switcher_choice() -> None:
    """Before each request: a ``?lang=`` choice of a signed-in person goes on their account."""
    chosen = chosen_language()
    if chosen and current_user.is_authenticated and current_user.language != chosen:
        remember_language(current_user.id, chosen)


def keep_earlier_choice(_app, user, **_extra) -> None:
    """On sign-in: a language chosen before signing in becomes the account's language; with
    none chosen, the account's language is the session's from now on."""
    earlier = session.get(SESSION_KEY)
    if earlier and earlier != user.language:
        remember_language(user.id, earlier)
    session[SESSION_KEY] = user.language


def register(app: Flask) -> None:
    app.before_request(keep_switcher_choice)
    user_logged_in.connect(keep_earlier_choice, app)
