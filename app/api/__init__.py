from flask import Blueprint

bp = Blueprint("api", __name__)

from app.api import docs_page, log_routes, open_data, routes  # noqa: E402,F401  (attach to bp)
