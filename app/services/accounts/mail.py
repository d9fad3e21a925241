"""The messages about an account: confirmation link, reset link, notices.

Each function only queues (see ``app.services.mail.outbox``); the caller commits. Each message is
written in the recipient's language (``User.language``), not the language of the request.
"""

from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale, format_timedelta, get_locale
from flask_babel import gettext as _

from app.models import User
from app.routing import external_url
from app.services.accounts.tokens import Purpose, make_token
from app.services.mail.outbox import queue_mail


def _valid_for(config_key: str) -> str:
    return format_timedelta(timedelta(seconds=int(current_app.config[config_key])))


def _queue(user: User, subject, template: str, **context) -> None:
    """Queue ``template`` for ``user``; ``subject`` is a function, called in their language."""
    with force_locale(user.language or "en"):
        queue_mail(
            user.email,
            subject(),
            render_template(template, **context),
            language=str(get_locale()),
        )


def queue_confirmation(user: User, *, now: datetime, next_path: str | None = None) -> None:
    """The confirmation link; ``next_path`` (a checked local path) is where it leads after."""
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=now)
    where = {"next": next_path} if next_path else {}
    with force_locale(user.language or "en"):
        valid_for = _valid_for("CONFIRM_TOKEN_MAX_AGE")
    _queue(
        user,
        lambda: _("Confirm your email address"),
        "email/confirm_email.txt",
        link=external_url("auth.confirm_email", token=token, **where),
        valid_for=valid_for,
    )


def queue_account_exists(user: User) -> None:
    """Someone signed up with an address that has an account: tell its owner, not the form."""
    _queue(
        user,
        lambda: _("Someone tried to create an account with your address"),
        "email/account_exists.txt",
        login_link=external_url("auth.login"),
        reset_link=external_url("auth.reset_request"),
    )


def queue_reset(user: User, *, now: datetime) -> None:
    token = make_token(user, Purpose.RESET_PASSWORD, now=now)
    with force_locale(user.language or "en"):
        valid_for = _valid_for("RESET_TOKEN_MAX_AGE")
    _queue(
        user,
        lambda: _("Choose a new password"),
        "email/reset_password.txt",
        link=external_url("auth.reset_password", token=token),
        valid_for=valid_for,
    )


def queue_password_changed(user: User) -> None:
    _queue(
        user,
        lambda: _("Your password was changed"),
        "email/password_changed.txt",
        reset_link=external_url("auth.reset_request"),
    )
