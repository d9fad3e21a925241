"""Language choice and template helpers for translated content."""

from flask import Flask, current_app, request, session
from flask_babel import format_date, get_locale, lazy_gettext

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def select_locale() -> str:
    """``?lang=`` sticks for the session; otherwise the browser's preference decides."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def localized(obj) -> str:
    """The name of a region, body, constituency or party in the current language."""
    return obj.localized_name(str(get_locale()))


def party_label(deputy) -> str:
    if deputy.party is None:
        return str(lazy_gettext("Self-nominated"))
    return localized(deputy.party)


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        localized=localized,
        party_label=party_label,
        format_date=format_date,
        get_locale=get_locale,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
