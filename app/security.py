"""Security headers on every response, no caching of personal pages, staff idle timeout.

One ``after_request`` sets the headers (no Flask-Talisman: it would add a dependency for what is
a dozen lines here, and its HTTPS redirect belongs to the proxy). The policy allows scripts and
styles from this site only (no inline script or style: the templates have none), and a
connection to NCALayer on the signer's own machine (``wss://127.0.0.1:13579``) for the digital
signature (ЭЦП) pages.
"""

import time
from functools import cache

from flask import Flask, current_app, flash, request, session
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.models import Role

#: Where NCALayer listens on the signer's machine unless ``EDS_NCALAYER_URL`` says otherwise.
NCALAYER = "wss://127.0.0.1:13579"


@cache
def content_security_policy(ncalayer_url: str) -> str:
    """The policy: this site only, plus the NCALayer WebSocket (``EDS_NCALAYER_URL``)."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self' {ncalayer_url}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


#: Powerful browser features the site never uses.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), interest-cohort=()"
)
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Links that act for someone carry a token in the path; no other site may see it.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
#: Blueprints whose every page concerns one person (their account, signatures, staff work).
PERSONAL_BLUEPRINTS = frozenset({"auth", "citizen", "commission", "deputy"})
STAFF_ROLES = frozenset({Role.COMMISSION, Role.ADMIN, Role.DEPUTY})
#: The session's last request by a staff account, in seconds since the epoch.
LAST_SEEN = "staff_seen"


def security_headers(response):
    """Add the headers of ``HEADERS`` (and HSTS on an https site) to every response."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    ncalayer = current_app.config.get("EDS_NCALAYER_URL") or NCALAYER
    response.headers.setdefault("Content-Security-Policy", content_security_policy(ncalayer))
    if current_app.config["PUBLIC_BASE_URL"].startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if _personal() and not response.cache_control.no_store:
        response.headers["Cache-Control"] = "private, no-store"
        response.headers.pop("Expires", None)
    return response


def _personal() -> bool:
    """Whether the page may show someone's personal data: every page of a signed-in person
    (their name is in the menu) and every page of the personal blueprints."""
    if request.blueprint in PERSONAL_BLUEPRINTS:
        return True
    return request.endpoint != "static" and current_user.is_authenticated


def staff_idle_timeout() -> None:
    """Sign a staff account out after ``STAFF_IDLE_TIMEOUT`` seconds without a request."""
    if request.endpoint == "static" or request.blueprint == "api":
        return  # the API keeps no session (app/api): nobody is signed in there
    if not current_user.is_authenticated or current_user.role not in STAFF_ROLES:
        return
    now = int(time.time())
    seen = session.get(LAST_SEEN)
    if isinstance(seen, int) and now - seen > int(current_app.config["STAFF_IDLE_TIMEOUT"]):
        logout_user()
        session.pop(LAST_SEEN, None)
        minutes = int(current_app.config["STAFF_IDLE_TIMEOUT"]) // 60
        flash(
            _("You were signed out after %(minutes)s minutes without activity.", minutes=minutes),
            "info",
        )
        return
    session[LAST_SEEN] = now


def init_app(app: Flask) -> None:
    app.before_request(staff_idle_timeout)
    app.after_request(security_headers)
