"""Language choice and template helpers for translated content."""

from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_number, get_locale, lazy_gettext

from app import labels
from app.routing import external_url

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def select_locale() -> str:
    """``?lang=`` sticks for the session; otherwise the browser's preference decides."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.args.get("lang")
    # The API is stateless: no session cookie, so any page may read it (CORS without cookies).
    stateless = request.path.startswith("/api/")
    if chosen in languages:
        if not stateless:
            session["lang"] = chosen
        return chosen
    if not stateless and session.get("lang") in languages:
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


def in_zone(moment: datetime, zone: ZoneInfo | str | None = None) -> datetime:
    """The aware ``moment`` in ``zone`` (a zone or its name), by default the site's own
    (``BABEL_DEFAULT_TIMEZONE``, Asia/Almaty); a petition's pages pass its rule set's zone."""
    if zone is None:
        zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    return moment.astimezone(ZoneInfo(zone) if isinstance(zone, str) else zone)


def language_url(code: str) -> str:
    """The current page in language ``code``, keeping the other query arguments."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return request.script_root + request.path + "?" + urlencode([*args, ("lang", code)])


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["label"] = labels.label
    app.jinja_env.globals.update(
        label=labels.label,
        status_kind=labels.status_kind,
        petition_status_label=labels.petition_status_label,
        calendar_step_label=labels.calendar_step_label,
        failed_check_labels=labels.failed_check_labels,
        proof_label=labels.proof_label,
        review_reason_label=labels.review_reason_label,
        action_label=labels.action_label,
        object_label=labels.object_label,
        paper_field_label=labels.paper_field_label,
        pause_scope_label=labels.pause_scope_label,
        mail_category_label=labels.mail_category_label,
        queue_filter_label=labels.queue_filter_label,
        certification_method_label=labels.certification_method_label,
        sampling_decision_label=labels.sampling_decision_label,
        external_url=external_url,
        check_label=labels.check_label,
        log_event_label=labels.log_event_label,
        format_datetime=format_datetime,
        in_zone=in_zone,
        localized=localized,
        party_label=party_label,
        language_url=language_url,
        format_date=format_date,
        format_number=format_number,
        get_locale=get_locale,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
