"""What every API answer carries: validators, caching, CORS, the language, pagination links.

* ``ETag`` on every successful GET (a hash of the body), and 304 when ``If-None-Match`` matches.
* ``Cache-Control: public, max-age=N``: ``SIGNATURE_COUNT_INTERVAL`` seconds by default, the
  staleness the public figures are allowed anyway; a view may set its own (``cache_for``), e.g.
  a year for a proof, which can never change. Errors are not stored (``no-store``), nor is an
  answer that asks not to be (``uncached``: an EDS challenge's state).
* ``Access-Control-Allow-Origin: *`` on GET, HEAD and preflight answers, so any web page may
  read the public data; reads open no session (no cookie is read or set, no ``Vary: Cookie``),
  so a cached answer is the same for everyone.
* ``Content-Language`` and ``Vary: Accept-Language``: messages follow the caller's language.
* A paginated list's next page in a ``Link: <…>; rel="next"`` header (RFC 8288): the body stays
  the plain array it always was.
"""

from flask import Flask, current_app, g, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import get_locale
from flask_babel import gettext as _

from app.api.params import bad_request, encode_cursor

PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
YEAR = 365 * 24 * 3600


def cache_for(seconds: int | float) -> None:
    """This answer may be cached for ``seconds`` (rounded down, at least 0)."""
    g.api_max_age = max(0, int(seconds))


def uncached() -> None:
    """This answer must not be stored anywhere (it changes at any moment and its URL is a
    secret: an EDS challenge's state)."""
    g.api_no_store = True


def immutable() -> None:
    """This answer can never change (a proof, entries already in the log)."""
    g.api_max_age = YEAR
    g.api_immutable = True


def next_page(items: list, limit: int, key) -> list:
    """The first ``limit`` of ``items`` (fetched ``limit + 1``); a ``Link`` to the rest, if any.

    ``key(item)`` is the sort key of an item: the cursor of the next page names the last one.
    """
    if len(items) > limit:
        items = items[:limit]
        args = {k: v for k, v in request.args.items() if k != "cursor"}
        link = url_for(
            request.endpoint, **request.view_args, **args, cursor=encode_cursor(key(items[-1]))
        )
        g.api_link = f'<{link}>; rel="next"'
    return items


def _default_max_age() -> int:
    return int(max(float(current_app.config.get("SIGNATURE_COUNT_INTERVAL", 10)), 0))


def decorate(response):
    """The conventions above, on every answer under ``/api/``."""
    if not request.path.startswith(PREFIX):
        return response
    response.headers["Content-Language"] = str(get_locale())
    response.vary.add("Accept-Language")
    if request.method not in READ_METHODS:
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Link, Content-Language"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept-Language, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
        return response
    if response.status_code != 200 or g.get("api_no_store"):
        response.headers["Cache-Control"] = "no-store"
        return response
    if link := g.get("api_link"):
        response.headers["Link"] = link
    max_age = g.get("api_max_age", _default_max_age())
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    if g.get("api_immutable"):
        response.cache_control.immutable = True
    if not response.is_streamed:
        response.add_etag()
        response.make_conditional(request)
    return response


class StatelessReads(SecureCookieSessionInterface):
    """No session for API reads: their answers never depend on who asks."""

    def open_session(self, app, request):
        if request.path.startswith(PREFIX) and request.method in READ_METHODS:
            return self.make_null_session(app)
        return super().open_session(app, request)


_PER_REQUEST = ("api_max_age", "api_immutable", "api_link", "api_no_store")


def _fresh():
    """Per-request state reset; an unknown ``?lang=`` on the API is a 400 (pages ignore it)."""
    # ``g`` belongs to the app context, which a request shares with an enclosing one (a test's,
    # a CLI command's): what one answer asked for must not leak into the next.
    for name in _PER_REQUEST:
        g.pop(name, None)
    languages = current_app.config["LANGUAGES"]
    if request.path.startswith(PREFIX) and request.args.get("lang", "") not in ("", *languages):
        message = _("lang must be one of: %(languages)s.", languages=", ".join(languages))
        return bad_request("lang", message)
    return None


def register(app: Flask) -> None:
    app.session_interface = StatelessReads()
    app.before_request(_fresh)
    app.after_request(decorate)
