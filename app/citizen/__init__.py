from flask import Blueprint

bp = Blueprint("citizen", __name__)

from app.citizen import routes  # noqa: E402,F401  (routes attach themselves to bp)
