"""The deputy's portal: the petitions against their mandate, in aggregate, and a formal reply."""

from flask import Blueprint

bp = Blueprint("deputy", __name__)

from app.deputy import routes  # noqa: E402,F401
