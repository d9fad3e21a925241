from flask import Blueprint

bp = Blueprint("api", __name__)

from app.api import eds_routes, routes  # noqa: E402,F401  (routes attach themselves to bp)
