from flask import Blueprint

bp = Blueprint("public", __name__)

from app.public import eds_views, pause_views, routes  # noqa: E402,F401  (routes attach themselves to bp)
