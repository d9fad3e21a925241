from flask import Blueprint

bp = Blueprint("commission", __name__)

# Each module attaches its routes to bp.
from app.commission import (  # noqa: E402,F401
    admin_views,
    audit_views,
    certification_views,
    export_views,
    paper_views,
    pause_views,
    review_views,
    routes,
    sampling_views,
)
