"""Language choice and template helpers for translated content."""

from urllib.parse import urlencode

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_number, get_locale, lazy_gettext

from app.labels import (
    calendar_step_label,
    check_label,
    failed_check_labels,
    petition_status_label,
    proof_label,
    review_reason_label,
)
from app.models import DeputyStatus, Role
from app.routing import external_url

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}

STATUS_LABELS = {
    DeputyStatus.SERVING: lazy_gettext("Serving"),
    DeputyStatus.RECALLED: lazy_gettext("Recalled"),
    DeputyStatus.ENDED: lazy_gettext("Mandate ended"),
}

ROLE_LABELS = {
    Role.CITIZEN: lazy_gettext("citizen"),
    Role.COMMISSION: lazy_gettext("election commission"),
    Role.DEPUTY: lazy_gettext("deputy"),
    Role.ADMIN: lazy_gettext("administrator"),
}


def select_locale() -> str:
    """``?lang=`` sticks for the session; otherwise the browser's preference decides."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in languages:
        return session["lang"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def localized(obj) -> str:
    """The name of a region, body, constituency or party in the current language."""
    return obj.localized_name(str(get_locale()))


def party_label(deputy) -> str:
    if deputy.party is None:
        return str(lazy_gettext("Self-nominated"))
    return localized(deputy.party)


def status_label(status: DeputyStatus) -> str:
    return str(STATUS_LABELS[status])


def role_label(role: Role) -> str:
    return str(ROLE_LABELS[role])


def language_url(code: str) -> str:
    """The current page in language ``code``, keeping the other query arguments."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return request.script_root + request.path + "?" + urlencode([*args, ("lang", code)])


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        petition_status_label=petition_status_label,
        external_url=external_url,
        calendar_step_label=calendar_step_label,
        check_label=check_label,
        proof_label=proof_label,
        failed_check_labels=failed_check_labels,
        review_reason_label=review_reason_label,
        format_datetime=format_datetime,
        localized=localized,
        party_label=party_label,
        status_label=status_label,
        role_label=role_label,
        language_url=language_url,
        format_date=format_date,
        format_number=format_number,
        get_locale=get_locale,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
