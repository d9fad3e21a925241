"""Error pages: one handler for every HTTP error, JSON for the API, rollback on 500."""

from flask import Flask, current_app, render_template, request, url_for
from flask_babel import format_decimal, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have permission to see this page."),
    404: _l("This page does not exist."),
    405: _l("This action is not allowed here."),
    500: _l("Something went wrong on our side. Nothing was changed; please try again."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _too_large() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return gettext(
        "What you sent is too large: at most %(size)s MB is accepted. Shorten it and try again.",
        size=format_decimal(limit / 2**20, "#,##0.#"),
    )


def handle_http_error(error: HTTPException):
    code = error.code or 500
    message = _too_large() if code == 413 else str(MESSAGES.get(code, error.description))
    if _wants_json():
        return {"error": {"code": code, "message": message}}, code
    return render_template("errors/error.html", code=code, message=message), code


#: Never written back into a page: the person types these again.
_NOT_KEPT = ("password", "iin", "csrf_token")


def handle_csrf_error(error: CSRFError):
    """A form sent after its token expired (the page was open too long, or the session ended):
    a page with the same form data, minus secrets, and a fresh token, to send again with one
    press. Nothing was done; the 400 status says so to scripts."""
    if _wants_json() or request.method != "POST":
        return handle_http_error(error)
    kept, dropped = [], False
    for name, values in request.form.lists():
        if any(word in name.lower() for word in _NOT_KEPT):
            dropped = dropped or name != "csrf_token"
            continue
        kept.extend((name, value) for value in values)
    action = request.full_path.removesuffix("?")
    referrer = request.referrer or ""
    back = referrer if referrer.startswith(request.host_url) else url_for("public.index")
    page = render_template(
        "errors/csrf.html", fields=kept, dropped=dropped, action=action, back=back
    )
    return page, 400


def handle_unexpected(error: Exception):
    # Must be registered last: it catches everything the HTTP handler did not.
    db.session.rollback()
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
