"""Abuse limits (Flask-Limiter): how often one address or one account may knock on a door.

The limits live in one place, the ``RATE_LIMITS`` setting: for each endpoint, a limit string
(``"10 per minute;50 per hour"``) per key. Keys:

- ``ip``: the client's address (``request.remote_addr``; behind a proxy see ``PROXY_COUNT``);
- ``email``: the address typed into the form, as a keyed hash (no address is stored as is);
- ``account``: the signed-in account;
- ``failed_ip``, ``failed_iin``: failed voter verifications only, by address and by the IIN
  typed (a keyed hash of it, never the IIN), so new accounts get no fresh guesses.

Counters are kept in Redis when ``REDIS_URL`` is set (one count for every process and node),
else in this process's memory. Every app gets its own ``Limiter`` (tests build several apps in
one process); the views stay undecorated, and their endpoints are wrapped here by name. A
request over a limit is answered 429 with ``Retry-After`` by ``app.errors``.
"""

import hashlib
import hmac
from collections.abc import Callable

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

#: Keys counting only requests that failed (``count_failure`` marks them).
FAILURE_KEYS = frozenset({"failed_ip", "failed_iin"})
#: Endpoints (or ``blueprint:NAME`` for a whole blueprint) limited on every method; the others
#: only on POST, as their GET shows a form and costs nothing.
ALL_METHODS = frozenset({"blueprint:api"})


def _keyed(kind: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, f"limit:{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:32]}"


def ip_key() -> str:
    return "ip:" + (get_remote_address() or "unknown")


def email_key() -> str:
    """Empty (the limit is skipped) when no address was typed."""
    email = (request.form.get("email") or "").strip().lower()
    return _keyed("email", email) if email else ""


def account_key() -> str:
    return f"account:{current_user.id}" if current_user.is_authenticated else ""


def iin_key() -> str:
    digits = "".join(ch for ch in request.form.get("iin", "") if ch.isdigit())
    return _keyed("iin", digits) if digits else ""


KEY_FUNCTIONS: dict[str, Callable[[], str]] = {
    "ip": ip_key,
    "email": email_key,
    "account": account_key,
    "failed_ip": ip_key,
    "failed_iin": iin_key,
}


def count_failure() -> None:
    """Mark this request as a failed attempt: the ``failed_*`` limits count it."""
    g.limit_failure = True


def _failed(_response) -> bool:
    return bool(g.get("limit_failure"))


def init_app(app: Flask) -> Limiter:
    """Create the app's limiter and wrap the endpoints named in ``RATE_LIMITS``."""
    limiter = Limiter(key_func=ip_key, app=app, key_prefix=app.config["RATELIMIT_KEY_PREFIX"])
    app.extensions["recall_limiter"] = limiter
    for target, keyed_limits in app.config["RATE_LIMITS"].items():
        methods = None if target in ALL_METHODS else ["POST"]
        decorators = [
            limiter.limit(
                value,
                key_func=KEY_FUNCTIONS[key],
                methods=methods,
                scope=key,
                deduct_when=_failed if key in FAILURE_KEYS else None,
                # A route's own limits add to its blueprint's (the API's), never replace them.
                override_defaults=False,
            )
            for key, value in keyed_limits.items()
        ]
        if target.startswith("blueprint:"):
            blueprint = app.blueprints[target.split(":", 1)[1]]
            for decorate in decorators:
                decorate(blueprint)
            continue
        view = app.view_functions[target]
        for decorate in decorators:
            view = decorate(view)
        app.view_functions[target] = view
    return limiter
