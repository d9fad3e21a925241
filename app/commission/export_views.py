"""Commission pages: the petition's official record as CSV or PDF (staff in scope only)."""

from datetime import UTC, datetime

from flask import Response, abort
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.services.exports import commands as exports


@bp.get("/petitions/<id:petition_id>/export.<any(csv, pdf):fmt>")
@petition_scope_required
def export(petition_id: int, fmt: str):
    try:
        made = exports.export_petition(petition_id, current_user.id, fmt, now=datetime.now(UTC))
    except exports.UnknownPetition:
        abort(404)
    except exports.ExportError:
        abort(403)
    response = Response(made.content, mimetype=made.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
