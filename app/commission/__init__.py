from flask import Blueprint

bp = Blueprint("commission", __name__)

from app.commission import routes  # noqa: E402,F401  (routes attach themselves to bp)
