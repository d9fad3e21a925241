"""The messages about an account: confirmation link, reset link, notices.

Each function only queues (see ``app.services.mail``); the caller commits.
"""

from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import format_timedelta, get_locale
from flask_babel import gettext as _

from app.models import User
from app.services.account_tokens import Purpose, make_token
from app.services.mail import external_url, queue_mail


def _valid_for(config_key: str) -> str:
    return format_timedelta(timedelta(seconds=int(current_app.config[config_key])))


def _queue(to: str, subject: str, template: str, **context) -> None:
    queue_mail(to, subject, render_template(template, **context), language=str(get_locale()))


def queue_confirmation(user: User, *, now: datetime) -> None:
    token = make_token(user, Purpose.CONFIRM_EMAIL, now=now)
    _queue(
        user.email,
        _("Confirm your email address"),
        "email/confirm_email.txt",
        link=external_url("auth.confirm_email", token=token),
        valid_for=_valid_for("CONFIRM_TOKEN_MAX_AGE"),
    )


def queue_account_exists(user: User) -> None:
    """Someone signed up with an address that has an account: tell its owner, not the form."""
    _queue(
        user.email,
        _("Someone tried to create an account with your address"),
        "email/account_exists.txt",
        login_link=external_url("auth.login"),
        reset_link=external_url("auth.reset_request"),
    )


def queue_reset(user: User, *, now: datetime) -> None:
    token = make_token(user, Purpose.RESET_PASSWORD, now=now)
    _queue(
        user.email,
        _("Choose a new password"),
        "email/reset_password.txt",
        link=external_url("auth.reset_password", token=token),
        valid_for=_valid_for("RESET_TOKEN_MAX_AGE"),
    )


def queue_password_changed(user: User) -> None:
    _queue(
        user.email,
        _("Your password was changed"),
        "email/password_changed.txt",
        reset_link=external_url("auth.reset_request"),
    )
