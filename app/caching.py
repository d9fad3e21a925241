"""The read path: anonymous public pages and API reads answered from a shared cache.

A viral petition is a read storm on one URL, so an anonymous GET of a public page (the
``public`` blueprint) or of the API is rendered once per staleness window
(``SIGNATURE_COUNT_INTERVAL``) and answered from Flask-Caching meanwhile: Redis when
``REDIS_URL`` is set, so every node shares one copy; one process's memory otherwise. The key
holds the language, host and full path, so each language has its copy.

What is never stored: an answer to a signed-in visitor (session user or remember cookie), one
that shows or leaves a flash message, shows a form error, renders a CSRF token or sets a cookie,
and any answer but a 200. Headers, all set here so that one module owns them:

* cacheable answers: ``Cache-Control: public, max-age=N``, where N is what is left of the window
  counted from the oldest cached figure the page shows (so no copy anywhere, ours, a proxy's or
  a browser's, is older than the window), ``ETag``, ``Last-Modified``, ``Vary: Cookie,
  Accept-Language``, and 304 for a matching ``If-None-Match``/``If-Modified-Since``;
* signed-in visitors and personal answers: ``Cache-Control: private, no-store``.
"""

import math
import time
from datetime import UTC, datetime

from flask import Flask, Response, current_app, g, request, session, template_rendered
from flask.globals import request_ctx
from flask_babel import get_locale
from flask_wtf import FlaskForm

from app.extensions import cache

CACHED_BLUEPRINTS = frozenset({"public", "api"})
READS = ("GET", "HEAD")
#: Response headers never stored (the session interface and the hooks add their own).
UNSTORED = frozenset({"set-cookie", "content-length", "date"})


def configure(app: Flask) -> None:
    """Bind Flask-Caching (Redis when ``REDIS_URL`` is set) and the read-path hooks."""
    redis_url = app.config.get("REDIS_URL")
    app.config.setdefault("CACHE_TYPE", "RedisCache" if redis_url else "SimpleCache")
    app.config.setdefault("CACHE_REDIS_URL", redis_url)
    app.config.setdefault("CACHE_KEY_PREFIX", "recall:")
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", max(1, math.ceil(window(app))))
    cache.init_app(app)
    app.before_request(answer_from_cache)
    # Registered before every other after_request hook, so it runs last and stores the answer
    # as the other hooks left it.
    app.after_request(store_and_mark)
    template_rendered.connect(_watch_template, app)


def window(app: Flask | None = None) -> float:
    """``SIGNATURE_COUNT_INTERVAL`` in seconds (0: nothing is cached)."""
    config = (app or current_app).config
    return max(float(config.get("SIGNATURE_COUNT_INTERVAL", 10)), 0.0)


def note_data_time(moment: datetime) -> None:
    """A figure computed at ``moment`` is on this answer: its copies expire by then + window."""
    if request_ctx:
        oldest = g.get("cache_oldest_data")
        stamp = moment.timestamp()
        g.cache_oldest_data = stamp if oldest is None else min(oldest, stamp)


def do_not_cache() -> None:
    """This answer is personal or one-off (an error shown, a flash): never store it."""
    if request_ctx:
        g.cache_refused = True


def signed_in() -> bool:
    """Whether the request may belong to a signed-in visitor (without loading the user)."""
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return "_user_id" in session or remember in request.cookies


def _cacheable_request() -> bool:
    if request.method not in READS or request.blueprint not in CACHED_BLUEPRINTS:
        return False
    if (
        not current_app.config["PUBLIC_READ_CACHE"]
        or window() <= 0
        or signed_in()
        or "_flashes" in session
    ):
        return False
    # ``?lang=`` on a page sticks the language to the session: that needs the view to run.
    return request.blueprint == "api" or "lang" not in request.args


def _key() -> str:
    return f"page:{get_locale()}:{request.host}{request.full_path}"


def answer_from_cache():
    """Before the view: a stored copy of this anonymous read, if one is fresh."""
    # ``g`` is shared with an enclosing app context (a test's, a command's): start afresh.
    for name in ("cache_oldest_data", "cache_refused", "cache_expires"):
        g.pop(name, None)
    g.cache_state = None
    if not _cacheable_request():
        return None
    g.cache_state = "miss"
    stored = cache.get(_key())
    if stored is None or stored["expires"] <= time.time():
        return None
    g.cache_state = "hit"
    g.cache_expires = stored["expires"]
    return Response(stored["body"], status=stored["status"], headers=stored["headers"])


def _personal(response: Response) -> Response:
    response.vary.add("Cookie")
    if response.cache_control.no_store and not response.cache_control.public:
        return response  # a view said so already (e.g. ``no-store`` on an export)
    response.cache_control.public = False
    response.cache_control.max_age = None
    response.cache_control.private = True
    response.cache_control.no_store = True
    return response


def _storable(response: Response) -> bool:
    flashes = getattr(request_ctx, "flashes", None)
    return (
        response.status_code == 200
        and not response.is_streamed
        and not g.get("cache_refused")
        and not flashes
        and "_flashes" not in session
        and not session.modified
        and "csrf_token" not in g
        and "Set-Cookie" not in response.headers
    )


def _public(response: Response, expires: float, now: float) -> Response:
    response.cache_control.public = True
    if not response.cache_control.immutable:  # a proof keeps its year (app/api/conventions.py)
        response.cache_control.max_age = max(0, int(expires - now))
    response.vary.add("Accept-Language")
    if request.blueprint != "api":  # API reads open no session (app/api/conventions.py)
        response.vary.add("Cookie")
    response.headers["X-App-Cache"] = g.cache_state
    return response


def store_and_mark(response: Response) -> Response:
    """After every hook but this one: cache headers, and a copy stored if it may be."""
    state = g.get("cache_state")
    if state is None:
        shown_flash = getattr(request_ctx, "flashes", None) or "_flashes" in session
        return _personal(response) if signed_in() or shown_flash else response
    now = time.time()
    if state == "hit":
        response = _public(response, g.cache_expires, now)
        return response.make_conditional(request)
    if not _storable(response):
        return _personal(response)
    oldest = g.get("cache_oldest_data", now)
    expires = min(now, oldest) + window()
    if not response.headers.get("Last-Modified"):
        response.last_modified = datetime.fromtimestamp(now, UTC)
    response.add_etag()
    response = _public(response, expires, now)
    if expires - now >= 1 and request.method == "GET":
        headers = [(k, v) for k, v in response.headers if k.lower() not in UNSTORED]
        stored = {
            "status": 200,
            "headers": headers,
            "body": response.get_data(),
            "expires": expires,
        }
        cache.set(_key(), stored, timeout=math.ceil(expires - now))
    return response.make_conditional(request)


def _watch_template(sender, template, context, **extra) -> None:
    """A page showing a form error or an unknown filter is one visitor's mistake: not stored."""
    if context.get("unknown"):
        do_not_cache()
        return
    for value in context.values():
        if isinstance(value, FlaskForm) and value.errors:
            do_not_cache()
            return
