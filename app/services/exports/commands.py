"""Exporting a petition's record for commission staff: one audited use case per export."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from app.database import transaction
from app.extensions import db
from app.models import Petition, User
from app.services.accounts.officers import may_work_on
from app.services.audit import chain as audit
from app.services.exports import csv_file, pdf_file
from app.services.exports.record import EXPORT_ACTION, collect_record

#: Each format's renderer and media type.
RENDERERS = {"csv": (csv_file.render, "text/csv"), "pdf": (pdf_file.render, "application/pdf")}
FORMATS = tuple(RENDERERS)


class ExportError(Exception):
    """The export cannot be made (petition out of the actor's scope, unknown format)."""


class UnknownPetition(ExportError):
    pass


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    mimetype: str
    rows: int


def export_petition(petition_id: int, actor_id: int, fmt: str, *, now: datetime) -> ExportFile:
    """Render the petition's record as ``fmt`` (``csv`` or ``pdf``) for the officer or admin
    ``actor_id``, and audit the export (who, which petition, format, rows)."""
    if fmt not in FORMATS:
        raise ExportError(_("Unknown export format."))
    if db.session.get(Petition, petition_id) is None:
        raise UnknownPetition(_("No such petition."))
    actor = db.session.get(User, actor_id)
    if actor is None or not may_work_on(actor, petition_id):
        raise ExportError(_("This petition is not in your scope."))
    record = collect_record(petition_id, actor, now=now)
    render, mimetype = RENDERERS[fmt]
    content = render(record)
    rows = len(record.signatures)
    with transaction():
        audit.record(
            EXPORT_ACTION,
            "petition",
            petition_id,
            actor=db.session.get(User, actor_id),
            details={"format": fmt, "rows": rows},
        )
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return ExportFile(content, f"petition-{petition_id}-{stamp}.{fmt}", mimetype, rows)
