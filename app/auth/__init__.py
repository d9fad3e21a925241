from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import mail_views, routes  # noqa: E402,F401  (routes attach themselves to bp)
