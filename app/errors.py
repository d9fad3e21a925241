"""Error pages: one handler for every HTTP error, JSON for the API, rollback on 500."""

from flask import Flask, current_app, render_template, request
from flask_babel import format_decimal, gettext
from flask_babel import lazy_gettext as _l
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


def handle_unexpected(error: Exception):
    # Must be registered last: it catches everything the HTTP handler did not.
    db.session.rollback()
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
