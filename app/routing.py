"""URLs shared by every blueprint: the id converter, and absolute links for mail and pages."""

from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import IntegerConverter

#: Largest id a URL may carry: beyond it SQLite and PostgreSQL integers overflow.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<id:name>``: a database id, 1 to MAX_ID; anything else is a 404, never an overflow."""

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a message, built from ``PUBLIC_BASE_URL`` (works outside requests)."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + current_app.url_map.bind("localhost").build(endpoint, values)


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects).

    Browsers read ``/\\host`` as ``//host`` and drop tabs and newlines, so those are refused too.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or not target.isprintable():
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
