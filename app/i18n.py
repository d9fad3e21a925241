"""Language choice and template helpers for translated content."""

from datetime import date, datetime, tzinfo
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import (
    format_date,
    format_datetime,
    format_number,
    get_locale,
    gettext,
    lazy_gettext,
)
from flask_login import current_user
from markupsafe import Markup

from app import labels
from app.latin import has_cyrillic, to_latin
from app.routing import external_url

#: The switcher's order: Kazakh (the state language), Russian, English.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
#: Where the session keeps the visitor's choice of language.
SESSION_KEY = "lang"


def chosen_language() -> str | None:
    """The language this request explicitly asks for with ``?lang=``, if it is one we have."""
    chosen = request.args.get("lang")
    return chosen if chosen in current_app.config["LANGUAGES"] else None


def select_locale() -> str:
    """The language of this request.

    Pages: ``?lang=`` (which also sticks in the session), else the session's earlier choice,
    else the signed-in account's language (``User.language``), else Kazakh. The browser's
    Accept-Language is not taken as a choice there: the site is Kazakh first and the switcher
    sits on every page. The API keeps no session and follows ``?lang=``, then Accept-Language.
    The command line speaks the default language.
    """
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    chosen = chosen_language()
    # The API is stateless: no session cookie, so any page may read it (CORS without cookies).
    if request.blueprint == "api" or request.path.startswith("/api/"):
        return chosen or request.accept_languages.best_match(languages) or default
    if chosen:
        session[SESSION_KEY] = chosen
        return chosen
    if session.get(SESSION_KEY) in languages:
        return session[SESSION_KEY]
    account = getattr(current_user, "language", None)
    return account if account in languages else default


def localized(obj) -> str:
    """The name of a region, body, constituency or party in the current language."""
    return obj.localized_name(str(get_locale()))


def party_label(deputy) -> str:
    if deputy.party is None:
        return str(lazy_gettext("Self-nominated"))
    return localized(deputy.party)


def person_name(name: str | None) -> str:
    """A person's name as the page shows it: as stored (Cyrillic) in Kazakh and Russian; on
    English pages in Latin letters, marked ``lang="kk-Latn"`` so that the page language stays
    true (screen readers, hyphenation)."""
    if not name:
        return ""
    if str(get_locale()) != "en" or not has_cyrillic(name):
        return name
    return Markup('<span lang="kk-Latn">{}</span>').format(to_latin(name))


#: One way to write a day per language (CLDR patterns): "3 December 2026", "3 декабря 2026 г.",
#: "2026 ж. 3 желтоқсан".
DATE_PATTERNS = {"en": "d MMMM y", "ru": "d MMMM y 'г.'", "kk": "y 'ж'. d MMMM"}
#: The times of day that go with it: to the minute, or to the second (the audit log).
TIME_PATTERNS = {"minute": "HH:mm", "second": "HH:mm:ss"}
#: The zones the site calls "Astana time" (the whole country is UTC+5 since 1 March 2024).
ASTANA_ZONES = ("Asia/Almaty", "Asia/Astana", "Asia/Qostanay")


def date_pattern() -> str:
    return DATE_PATTERNS.get(str(get_locale()), DATE_PATTERNS["en"])


def shown_date(day: date | datetime | None) -> str:
    """A day in the reader's language, the one format of dates on the site and in mail."""
    return format_date(day, date_pattern()) if day is not None else ""


def zone_label(zone: tzinfo) -> str:
    """A time zone in words for the reader: "Astana time", else its CLDR name."""
    key = getattr(zone, "key", None) or str(zone)
    if key in ASTANA_ZONES:
        return str(lazy_gettext("Astana time"))
    return get_timezone_name(zone, "long", locale=get_locale())


def shown_moment(
    moment: datetime | None,
    zone: ZoneInfo | str | None = None,
    *,
    part: str = "minute",
    with_zone: bool = True,
) -> str:
    """A moment in ``zone`` (default the site's) in the reader's language: the day, the time of
    day (``part``: "minute", "second", "time" alone to the second, or "date" alone) and the
    zone in words."""
    if moment is None:
        return ""
    local = in_zone(moment, zone)
    if part == "date":
        return format_date(local.date(), date_pattern())
    time_pattern = TIME_PATTERNS["second" if part == "time" else part]
    pattern = time_pattern if part == "time" else f"{date_pattern()}, {time_pattern}"
    shown = format_datetime(local, pattern, rebase=False)
    return f"{shown} ({zone_label(local.tzinfo)})" if with_zone else shown


def law_text(text: str) -> str:
    """A text of a rule-set file (title, summary, note, citation) in the reader's language;
    ``app.rules.catalog`` takes these texts into the catalogs."""
    # The key doubles "%" (app.rules.catalog.msgid); formatting with no values undoes it.
    return gettext(text.replace("%", "%%")) % {} if text else ""


def written(text: str | None) -> Markup:
    """Text people wrote (a pause's reason, a comment), in a language the site cannot know:
    marked ``lang=""`` (unknown), so that it is not read as the page's language."""
    return Markup('<span lang="">%s</span>') % (text or "")


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
    app.jinja_env.filters["person_name"] = person_name
    app.jinja_env.filters["date"] = shown_date
    app.jinja_env.filters["law_text"] = law_text
    app.jinja_env.globals.update(
        label=labels.label,
        status_kind=labels.status_kind,
        petition_status_label=labels.petition_status_label,
        calendar_step_label=labels.calendar_step_label,
        failed_check_labels=labels.failed_check_labels,
        proof_label=labels.proof_label,
        review_reason_label=labels.review_reason_label,
        action_label=labels.action_label,
        actor_label=labels.actor_label,
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
        shown_date=shown_date,
        shown_moment=shown_moment,
        zone_label=zone_label,
        written=written,
        localized=localized,
        party_label=party_label,
        language_url=language_url,
        format_number=format_number,
        get_locale=get_locale,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
